'use client';

import { useEffect, useState } from 'react';
import type { CellRunView } from './use-kernel.ts';
import { formatDuration, runRecordLabel } from './run-status.ts';
import styles from './cell-run.module.css';

const playIcon = (
  <svg width="12" height="12" viewBox="0 0 16 16" fill="currentColor" aria-hidden="true">
    <path d="M4 2.5v11l9-5.5z" />
  </svg>
);

export function CellRunButton({ label, onRun }: { label: string; onRun: () => void }) {
  return (
    <button
      type="button"
      className={styles.run}
      aria-label={`Run ${label}`}
      title="Run (Shift+Enter)"
      onMouseDown={(event) => event.preventDefault()}
      onClick={onRun}
    >
      {playIcon}
    </button>
  );
}

/** Seconds since `since`, ticking while shown. */
function useElapsed(since: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, now - since);
}

function Running() {
  const [since] = useState(() => Date.now());
  return <span>Running… {formatDuration(Math.floor(useElapsed(since) / 1000) * 1000)}</span>;
}

/** Under a code cell: queued, running with elapsed time, or who ran it last, how long and where. */
export function CellRunStatus({ run, selfId }: { run: CellRunView; selfId: string | null }) {
  if (!run.pending && !run.record) return null;
  return (
    <div className={styles.status} role="status" aria-label="Run state">
      {run.pending === 'queued' && <span>Queued</span>}
      {run.pending === 'running' && <Running />}
      {!run.pending && run.record && <span className={run.record.status === 'done' ? undefined : styles.error}>{runRecordLabel(run.record, selfId)}</span>}
      {run.local && <span className={styles.local}>Local run: only you see this output</span>}
    </div>
  );
}
