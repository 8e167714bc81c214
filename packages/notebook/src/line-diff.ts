import { diffSequences, type SequenceEdit } from './sequence-diff.ts';

export interface LineChange {
  kind: SequenceEdit;
  /** The line without its line break. */
  text: string;
}

/** Lines of `text` split at '\n'; an empty text has no lines. */
function lines(text: string): string[] {
  return text === '' ? [] : text.split('\n');
}

/** A shortest line diff from `before` to `after`, for showing: every line of both, kept, removed or added. */
export function diffLines(before: string, after: string): LineChange[] {
  const a = lines(before);
  const b = lines(after);
  let i = 0;
  let j = 0;
  return diffSequences(a, b).map((kind) => {
    if (kind === 'added') return { kind, text: b[j++]! };
    if (kind === 'same') j++;
    return { kind, text: a[i++]! };
  });
}
