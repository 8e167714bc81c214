import { useEffect, useRef } from 'react';

/**
 * Focuses the returned ref's element when `open` turns true. Use it in the component that renders
 * a Dialog: its effect runs after the Dialog's showModal(), which would otherwise focus the close button.
 */
export function useFocusOnOpen<T extends HTMLElement>(open: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (open) ref.current?.focus();
  }, [open]);
  return ref;
}
