'use client';

import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { HistoryPanel } from './history-panel.tsx';
import { useHistoryOpen } from './history-open.ts';
import { HistoryContext, useVersionList, type HistoryState } from './history-state.tsx';
import { VersionPane } from './version-pane.tsx';
import styles from './history.module.css';

/**
 * The notebook's cells, with the history panel beside them when it is open. A version being
 * looked at takes the cells' place; the live cells stay mounted (hidden), so editors keep their state.
 */
export function HistoryLayout({ notebookId, canEdit, children }: { notebookId: string; canEdit: boolean; children: ReactNode }) {
  const [open, setOpen] = useHistoryOpen(notebookId);
  const [shown, show] = useState<HistoryState['shown']>(null);
  const { versions, loadError, reload } = useVersionList(notebookId);
  // Closing the panel puts the live notebook back.
  useEffect(() => {
    if (!open) show(null);
  }, [open]);
  const value = useMemo<HistoryState>(
    () => ({ notebookId, canEdit, close: () => setOpen(false), versions, loadError, reload, shown, show }),
    [notebookId, canEdit, setOpen, versions, loadError, reload, shown],
  );
  return (
    <HistoryContext value={value}>
      <div className={open ? styles.withPanel : undefined}>
        <div className={styles.main}>
          {shown && <VersionPane key={shown.version.id} version={shown.version} mode={shown.mode} />}
          <div hidden={shown !== null}>{children}</div>
        </div>
        {open && <HistoryPanel />}
      </div>
    </HistoryContext>
  );
}
