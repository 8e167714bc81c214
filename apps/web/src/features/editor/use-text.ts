import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

/** The current string of a Y.Text, re-rendering on every change to it. */
export function useText(text: Y.Text): string {
  return useSyncExternalStore(
    (listener) => {
      text.observe(listener);
      return () => text.unobserve(listener);
    },
    () => text.toString(),
    () => text.toString(),
  );
}
