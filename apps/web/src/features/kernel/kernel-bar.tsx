'use client';

import { ORIGIN } from '@cohort/notebook';
import { Button } from '@/components';
import { useLive } from '@/features/editor/use-live';
import type { BackendChoice } from '@/kernel-host/frame-protocol';
import { kernelStateLabel } from './kernel-label.ts';
import { useKernel, useKernelSnapshot } from './use-kernel.ts';
import styles from './kernel-bar.module.css';

type Choice = BackendChoice | 'tensorflow';

const browserChoices: Array<{ value: Choice; label: string }> = [
  { value: 'auto', label: 'Best available' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'wasm', label: 'WASM' },
  { value: 'cpu', label: 'CPU' },
];
const remoteChoices: Array<{ value: Choice; label: string }> = [
  { value: 'auto', label: 'Best available' },
  { value: 'tensorflow', label: 'TensorFlow (CUDA)' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'wasm', label: 'WASM' },
  { value: 'cpu', label: 'CPU' },
];
const remoteDots = { starting: 'starting', idle: 'ready', busy: 'busy', dead: 'stopped' } as const;

/** The runtime line above the cells: where cells run and in what state, backend choice, Run all, Interrupt, Restart. */
export function KernelBar() {
  const { session, readOnly } = useLive();
  const kernel = useKernel();
  const snapshot = useKernelSnapshot(kernel);
  const notebook = session?.notebook;
  const remote = snapshot.runtime === 'remote' && !snapshot.local;
  const running = remote ? snapshot.remote?.phase === 'busy' : snapshot.phase === 'busy' || snapshot.phase === 'starting';
  const dot = remote ? (snapshot.remote ? remoteDots[snapshot.remote.phase] : 'off') : snapshot.phase;
  const notice = snapshot.notice ?? (remote ? snapshot.remote?.notice : null) ?? snapshot.unavailable;

  return (
    <div className={styles.bar} role="toolbar" aria-label="Kernel">
      <span className={styles.state} role="status" aria-label="Kernel state">
        <span className={[styles.dot, styles[dot]].filter(Boolean).join(' ')} aria-hidden="true" />
        {kernelStateLabel(snapshot)}
      </span>
      {!readOnly && (
        <select
          className={styles.backend}
          aria-label="Runtime"
          title="Where this notebook's cells run, for everyone"
          value={snapshot.runtime}
          onChange={(event) => kernel?.setRuntime(event.target.value as 'browser' | 'remote')}
        >
          <option value="browser">Browser</option>
          <option value="remote">Remote GPU</option>
        </select>
      )}
      <select
        className={styles.backend}
        aria-label="Backend"
        title="TensorFlow.js backend (restarts the kernel)"
        value={remote ? (snapshot.remote?.backend?.name ?? 'auto') : snapshot.choice}
        onChange={(event) => kernel?.restart(event.target.value as Choice)}
      >
        {(remote ? remoteChoices : browserChoices).map((choice) => (
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
      <Button size="sm" variant="ghost" disabled={remote ? !snapshot.remote : snapshot.phase === 'off'} onClick={() => kernel?.restart()}>
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
      {notice && (
        <p className={styles.notice} role="alert">
          {notice}
        </p>
      )}
    </div>
  );
}
