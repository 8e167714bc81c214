import { useCallback, useSyncExternalStore } from 'react';

// The header's toggle and the panel beside the cells are far apart in the page; they share this flag.
const open = new Set<string>();
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether the history panel of a notebook is open; closed when rendered on the server. */
export function useHistoryOpen(notebookId: string): [boolean, (next: boolean) => void] {
  const isOpen = useSyncExternalStore(
    subscribe,
    () => open.has(notebookId),
    () => false,
  );
  const setOpen = useCallback(
    (next: boolean) => {
      if (next) open.add(notebookId);
      else open.delete(notebookId);
      for (const listener of listeners) listener();
    },
    [notebookId],
  );
  return [isOpen, setOpen];
}
