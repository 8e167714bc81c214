import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { Notebook, RunState } from '@cohort/notebook';
import { readRunRecord, type RunRecord } from '@cohort/session';
import type { KernelController, KernelSnapshot } from './kernel-controller.ts';
import type { LocalCellRun } from './local-runs.ts';

export const KernelContext = createContext<KernelController | null>(null);

/** The notebook's kernel controller; null until the notebook is open in the browser. */
export function useKernel(): KernelController | null {
  return useContext(KernelContext);
}

const noSubscription = () => () => {};
const offSnapshot: KernelSnapshot = { phase: 'off', backend: null, choice: 'auto', notice: null, local: false, unavailable: null, runtime: 'browser', remote: null };

export function useKernelSnapshot(kernel: KernelController | null): KernelSnapshot {
  return useSyncExternalStore(kernel ? kernel.subscribe : noSubscription, () => kernel?.snapshot() ?? offSnapshot, () => offSnapshot);
}

export interface CellRunView {
  /** Queued or running in the document's run queue (anyone's), or in this tab's local runs. */
  pending: Extract<RunState, 'queued' | 'running'> | null;
  /** The last finished run, from the cell's metadata (or this tab's local run). */
  record: RunRecord | null;
  /** This tab's local run of the cell (viewers and commenters), with its outputs. */
  local: LocalCellRun | null;
}

const noRun: CellRunView = { pending: null, record: null, local: null };

function readCellRun(notebook: Notebook, kernel: KernelController | null, cellId: string): CellRunView {
  const local = kernel?.snapshot().local ? (kernel.localRuns.cell(cellId) ?? null) : null;
  if (local) {
    const pending = local.state === 'queued' || local.state === 'running' ? local.state : null;
    return { pending, record: local.record, local };
  }
  const request = notebook.runRequests().findLast((candidate) => candidate.cellId === cellId);
  const pending = request && (request.state === 'queued' || request.state === 'running') ? request.state : null;
  const cell = notebook.cell(cellId);
  return { pending, record: cell ? readRunRecord(cell.metadata) : null, local: null };
}

const sameView = (a: CellRunView, b: CellRunView) =>
  a.pending === b.pending && a.local === b.local && JSON.stringify(a.record) === JSON.stringify(b.record);

/** What every collaborator sees of a cell's runs: queued or running now, and the last run's record. */
export function useCellRun(notebook: Notebook | null, cellId: string): CellRunView {
  const kernel = useKernel();
  const [view, setView] = useState<CellRunView>(noRun);
  useEffect(() => {
    if (!notebook) return;
    const refresh = () => setView((current) => {
      const next = readCellRun(notebook, kernel, cellId);
      return sameView(current, next) ? current : next;
    });
    refresh();
    const unsubscribeNotebook = notebook.onChange((change) => {
      if (change.runQueue || change.cellIds.includes(cellId)) refresh();
    });
    const unsubscribeLocal = kernel?.localRuns.subscribe(refresh);
    return () => {
      unsubscribeNotebook();
      unsubscribeLocal?.();
    };
  }, [notebook, kernel, cellId]);
  return view;
}
