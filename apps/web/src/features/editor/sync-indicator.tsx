'use client';

import type { SyncState } from './sync-state.ts';
import { useLive } from './use-live.ts';
import styles from './sync-indicator.module.css';

const labels: Record<SyncState, string> = { saved: 'Saved', syncing: 'Syncing…', offline: 'Offline', refused: 'Disconnected' };

const details: Record<Exclude<SyncState, 'refused'>, string> = {
  saved: 'Every change is stored on the server.',
  syncing: 'Sending changes to the server, or connecting.',
  offline: 'Changes are kept in this browser and sent when you are back online.',
};

/** Saved / Syncing / Offline, announced politely to screen readers when it changes. */
export function SyncIndicator() {
  const { snapshot } = useLive();
  const { state, refusal } = snapshot;
  return (
    <span role="status" aria-label="Sync status" title={state === 'refused' ? (refusal ?? '') : details[state]} className={`${styles.indicator} ${styles[state]}`}>
      <span className={styles.dot} aria-hidden="true" />
      {labels[state]}
    </span>
  );
}
