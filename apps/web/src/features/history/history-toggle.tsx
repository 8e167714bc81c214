'use client';

import { Button } from '@/components';
import { useHistoryOpen } from './history-open.ts';

/** Opens and closes the notebook's history panel (in the notebook header). */
export function HistoryToggle({ notebookId }: { notebookId: string }) {
  const [open, setOpen] = useHistoryOpen(notebookId);
  return (
    <Button variant="ghost" size="sm" aria-pressed={open} aria-controls="history-panel" onClick={() => setOpen(!open)}>
      History
    </Button>
  );
}
