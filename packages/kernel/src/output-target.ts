import type { Representation } from './display.ts';

/**
 * Where a helper's outputs go: one execution (the cell that created the helper), even when the
 * helper is called after that cell finished. Outputs of an interrupted execution are dropped.
 */
export interface OutputTarget {
  /** Shows a new display with a fresh display_id and returns that id. */
  display(representation: Representation): string;
  update(displayId: string, representation: Representation): void;
  readonly interrupted: boolean;
}

/**
 * Coalesces frequent updates: at most one `send` per interval, the latest state always sent
 * (a trailing send after the interval, or at once by `flush`).
 */
export function createThrottle(send: () => void, intervalMs: number, now: () => number = () => Date.now()) {
  let lastSent = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const sendNow = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    lastSent = now();
    send();
  };
  return {
    request(): void {
      const wait = lastSent + intervalMs - now();
      if (wait <= 0) sendNow();
      else timer ??= setTimeout(sendNow, wait);
    },
    flush: sendNow,
  };
}
