/**
 * The runs of a viewer or commenter: kept in this tab only (they cannot write the document), with
 * the outputs they produced. The same session logic drives them as document runs.
 */
import type { FinishedRunState, JsonObject, MimeBundle, Output, RunRequest, RunState } from '@cohort/notebook';
import type { RunRecord } from '@cohort/session';

export interface LocalCellRun {
  state: RunState;
  outputs: Output[];
  executionCount: number | null;
  record: RunRecord | null;
}

export interface LocalRuns {
  requests(): RunRequest[];
  /** The latest local run of a cell, or undefined when it never ran here. */
  cell(cellId: string): LocalCellRun | undefined;
  enqueue(cellIds: readonly string[], userId: string): void;
  setState(requestId: string, state: RunState): void;
  clearOutputs(cellId: string): void;
  appendOutput(cellId: string, output: Output): void;
  updateDisplay(displayId: string, data: MimeBundle, metadata: JsonObject): void;
  finish(requestId: string, state: FinishedRunState, executionCount: number | null, record: RunRecord | null): void;
  subscribe(listener: () => void): () => void;
}

export function createLocalRuns(): LocalRuns {
  let requests: RunRequest[] = [];
  const cells = new Map<string, LocalCellRun>();
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());

  /** Replaces a cell's entry (a new object, so subscribers see the change). */
  function setCell(cellId: string, change: (run: LocalCellRun) => Partial<LocalCellRun>): void {
    const run = cells.get(cellId) ?? { state: 'queued', outputs: [], executionCount: null, record: null };
    cells.set(cellId, { ...run, ...change(run) });
  }

  function setRequestState(requestId: string, state: RunState): RunRequest | undefined {
    const request = requests.find((candidate) => candidate.id === requestId);
    if (!request) return undefined;
    requests = requests.map((candidate) => (candidate === request ? { ...candidate, state } : candidate));
    setCell(request.cellId, () => ({ state }));
    return request;
  }

  return {
    requests: () => requests,
    cell: (cellId) => cells.get(cellId),
    enqueue(cellIds, userId) {
      const requestedAt = new Date().toISOString();
      for (const cellId of cellIds) {
        requests = [...requests, { id: crypto.randomUUID(), cellId, requestedBy: userId, runtime: 'browser', requestedAt, state: 'queued', claimedBy: null }];
        setCell(cellId, () => ({ state: 'queued' }));
      }
      changed();
    },
    setState(requestId, state) {
      if (setRequestState(requestId, state)) changed();
    },
    clearOutputs(cellId) {
      setCell(cellId, () => ({ outputs: [] }));
      changed();
    },
    appendOutput(cellId, output) {
      setCell(cellId, (run) => {
        const last = run.outputs.at(-1);
        // A stream continues the previous output of the same stream, as in the document.
        if (output.output_type === 'stream' && last?.output_type === 'stream' && last.name === output.name) {
          return { outputs: [...run.outputs.slice(0, -1), { ...last, text: last.text + output.text }] };
        }
        return { outputs: [...run.outputs, output] };
      });
      changed();
    },
    updateDisplay(displayId, data, metadata) {
      for (const [cellId, run] of cells) {
        if (!run.outputs.some((output) => output.output_type === 'display_data' && output.transient?.display_id === displayId)) continue;
        setCell(cellId, () => ({
          outputs: run.outputs.map((output) => (output.output_type === 'display_data' && output.transient?.display_id === displayId ? { ...output, data, metadata } : output)),
        }));
      }
      changed();
    },
    finish(requestId, state, executionCount, record) {
      const request = setRequestState(requestId, state);
      if (!request) return;
      setCell(request.cellId, (run) => ({ executionCount: executionCount ?? run.executionCount, record }));
      requests = requests.filter((candidate) => candidate.id !== requestId);
      changed();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
