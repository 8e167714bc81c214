import { dateTime, relativeTime } from '@/lib/format';

/** A relative time ("3 h ago") with the exact time on hover; the text depends on the clock, so hydration may differ. */
export function RelativeTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={dateTime(iso)} suppressHydrationWarning>
      {relativeTime(iso)}
    </time>
  );
}
