'use client';

import { ORIGIN } from '@cohort/notebook';
import { Button } from '@/components';
import { useLive } from '@/features/editor/use-live';
import type { BackendChoice } from '@/kernel-host/frame-protocol';
import { kernelStateLabel } from './kernel-label.ts';
import { useKernel, useKernelSnapshot } from './use-kernel.ts';
import styles from './kernel-bar.module.css';

const choices: Array<{ value: BackendChoice; label: string }> = [
  { value: 'auto', label: 'Best available' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'wasm', label: 'WASM' },
  { value: 'cpu', label: 'CPU' },
];

/** The runtime line above the cells: where cells run and in what state, backend choice, Run all, Interrupt, Restart. */
export function KernelBar() {
  const { session, readOnly } = useLive();
  const kernel = useKernel();
  const snapshot = useKernelSnapshot(kernel);
  const notebook = session?.notebook;
  const running = snapshot.phase === 'busy' || snapshot.phase === 'starting';

  return (
    <div className={styles.bar} role="toolbar" aria-label="Kernel">
      <span className={styles.state} role="status" aria-label="Kernel state">
        <span className={[styles.dot, styles[snapshot.phase]].filter(Boolean).join(' ')} aria-hidden="true" />
        {kernelStateLabel(snapshot)}
      </span>
      <select
        className={styles.backend}
        aria-label="Backend"
        title="TensorFlow.js backend (restarts the kernel)"
        value={snapshot.choice}
        onChange={(event) => kernel?.restart(event.target.value as BackendChoice)}
      >
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      {snapshot.local && <span className={styles.local}>Your runs stay in this browser: others do not see their outputs.</span>}
      <span className={styles.spacer} />
      <Button size="sm" variant="ghost" disabled={!notebook || !kernel || Boolean(snapshot.unavailable)} onClick={() => notebook && kernel?.run(notebook.cellIds())}>
        Run all
      </Button>
      <Button size="sm" variant="ghost" disabled={!running} onClick={() => void kernel?.interrupt()}>
        Interrupt
      </Button>
      <Button size="sm" variant="ghost" disabled={snapshot.phase === 'off'} onClick={() => kernel?.restart()}>
        Restart
      </Button>
      {!readOnly && (
        <Button
          size="sm"
          variant="ghost"
          disabled={!notebook}
          onClick={() => notebook?.doc.transact(() => notebook.cellIds().forEach((id) => notebook.clearOutputs(id, ORIGIN.kernel)), ORIGIN.kernel)}
        >
          Clear outputs
        </Button>
      )}
      {(snapshot.notice ?? snapshot.unavailable) && (
        <p className={styles.notice} role="alert">
          {snapshot.notice ?? snapshot.unavailable}
        </p>
      )}
    </div>
  );
}
