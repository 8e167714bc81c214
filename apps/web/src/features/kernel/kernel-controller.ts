/**
 * Runs this tab's cells on its browser kernel. Editors put run requests in the notebook's run
 * queue, so every collaborator sees queued / running / done and who ran what; this tab takes the
 * requests it made, runs them, and writes the outputs into the document with origin `kernel`.
 * Viewers and commenters cannot write the document: their runs stay in this tab (a local run),
 * with the same session logic and their outputs shown to them only.
 * A notebook set to the remote runtime queues editors' runs for the sync service's session host
 * instead (a remote GPU kernel); its state comes from the host's awareness state, and Interrupt
 * and Restart go through the API.
 */
import { createMessage, type BackendInfo } from '@cohort/kernel/protocol';
import type { Awareness } from 'y-protocols/awareness';
import { ORIGIN, type Notebook, type RunRequest, type Runtime } from '@cohort/notebook';
import { applyToNotebook, createSessionReducer, initialSessionState, type NotebookAction, type SessionAction, type SessionEvent, type SessionState } from '@cohort/session';
import type { BackendChoice } from '@/kernel-host/frame-protocol';
import { callApi } from '@/lib/api-client';
import { createBrowserKernel, type BrowserKernel } from './browser-kernel.ts';
import { createLocalRuns, type LocalRuns } from './local-runs.ts';
import { remoteKernelState, type RemoteKernelState } from './remote-kernel-state.ts';

export type KernelPhase = 'off' | 'starting' | 'ready' | 'busy' | 'stopped';

export interface KernelSnapshot {
  phase: KernelPhase;
  backend: BackendInfo | null;
  choice: BackendChoice;
  /** Why the kernel lost its state or could not run, until the next run. */
  notice: string | null;
  /** Runs stay in this tab (viewers and commenters). */
  local: boolean;
  /** Cells cannot run here: no user-content origin is configured for this host. */
  unavailable: string | null;
  /** Where the notebook's runs go: this browser, or the remote GPU kernel (editors' runs). */
  runtime: Runtime;
  /** The remote kernel's state, published by the session host; null when there is none. */
  remote: RemoteKernelState | null;
}

export interface KernelController {
  snapshot(): KernelSnapshot;
  subscribe(listener: () => void): () => void;
  /** Queues runs of these cells (code cells only), in this order. */
  run(cellIds: readonly string[]): void;
  interrupt(): Promise<void>;
  /** Restarts the kernel (its state is lost), on `choice` when given; 'tensorflow' exists on remote workers only. */
  restart(choice?: BackendChoice | 'tensorflow'): void;
  /** Switches where the notebook's runs go, for everyone (editors). */
  setRuntime(runtime: Runtime): void;
  readonly localRuns: LocalRuns;
  /** Who runs cells here. */
  readonly userId: string;
  dispose(): void;
}

export interface KernelControllerOptions {
  notebookId: string;
  notebook: Notebook;
  /** The notebook's awareness: the remote kernel's state arrives there. */
  awareness: Awareness;
  /** Who presses Run here; the name goes into run records. */
  user: { id: string; name: string };
  /** Viewers and commenters run locally. */
  local: boolean;
  userContentOrigin: string | null;
}

let sessionCounter = 0;

export function createKernelController({ notebookId, notebook, awareness, user, local, userContentOrigin }: KernelControllerOptions): KernelController {
  const claimant = `browser-${crypto.randomUUID()}`;
  const reduce = createSessionReducer({ runtime: 'browser', newMessageId: () => `${claimant}-${++sessionCounter}` });
  const localRuns = createLocalRuns();
  const listeners = new Set<() => void>();
  /** Requests this tab made: only the tab that pressed Run runs them. */
  const mine = new Set<string>();
  let state: SessionState = initialSessionState();
  let kernel: BrowserKernel | null = null;
  let snapshot: KernelSnapshot = {
    phase: 'off',
    backend: null,
    choice: 'auto',
    notice: null,
    local,
    unavailable: userContentOrigin ? null : 'Running cells needs a separate origin for user content: set COHORT_USER_CONTENT_ORIGIN.',
    runtime: notebook.runtime,
    remote: remoteKernelState(awareness.getStates()),
  };
  /** Viewers and commenters always run in their browser; editors follow the notebook's runtime. */
  const runsRemotely = () => !local && snapshot.runtime === 'remote';
  const remoteCall = async (action: 'interrupt' | 'restart', body?: unknown) => {
    const result = await callApi('POST', `/notebooks/${notebookId}/kernel/${action}`, body);
    if (!result.ok) update({ notice: result.error.message });
  };

  function update(changes: Partial<KernelSnapshot>): void {
    snapshot = { ...snapshot, ...changes };
    listeners.forEach((listener) => listener());
  }

  const queue = (): RunRequest[] => (local ? localRuns.requests() : notebook.runRequests().filter((request) => mine.has(request.id)));

  function dispatch(event: SessionEvent): void {
    const step = reduce(state, event);
    state = step.state;
    for (const action of step.actions) perform(action);
  }

  const notebookContext = { claimant, nameOf: (userId: string) => (userId === user.id ? user.name : undefined) };

  function perform(action: SessionAction): void {
    if (action.type === 'execute') {
      const cell = notebook.cell(action.cellId);
      const code = cell?.cell_type === 'code' ? cell.source : '';
      kernel?.send(createMessage('execute_request', { code, cell_id: action.cellId }, undefined, { msgId: action.msgId, username: user.id }));
      return;
    }
    if (local) return performLocally(action);
    applyToNotebook(notebook, action, notebookContext);
    if (action.type === 'finish') mine.delete(action.requestId);
  }

  /** A viewer's run: the same actions on this tab's local runs. */
  function performLocally(action: NotebookAction): void {
    switch (action.type) {
      case 'claim':
        return localRuns.setState(action.requestId, 'running');
      case 'clear-outputs':
        return localRuns.clearOutputs(action.cellId);
      case 'append-output':
        return localRuns.appendOutput(action.cellId, action.output);
      case 'update-display':
        return localRuns.updateDisplay(action.displayId, action.data, action.metadata);
      case 'finish':
        return localRuns.finish(action.requestId, action.state, action.executionCount, action.record && { ...action.record, byName: user.name });
    }
  }

  function ensureKernel(): BrowserKernel | null {
    if (kernel || !userContentOrigin) return kernel;
    update({ phase: 'starting' });
    kernel = createBrowserKernel({
      userContentOrigin,
      backend: snapshot.choice,
      onReady(backend) {
        update({ phase: 'ready', backend });
        dispatch({ type: 'kernel-ready', backend, at: Date.now() });
      },
      onMessage(message) {
        if (message.header.msg_type === 'status') {
          const busy = (message.content as { execution_state: string }).execution_state === 'busy';
          if (snapshot.phase === 'ready' || snapshot.phase === 'busy') update({ phase: busy ? 'busy' : 'ready' });
        }
        dispatch({ type: 'kernel-message', message, at: Date.now() });
      },
      onLost(reason, restarting) {
        update({ phase: restarting ? 'starting' : 'stopped', backend: null, notice: reason });
        dispatch({ type: 'kernel-lost', reason, at: Date.now() });
        if (!restarting) {
          kernel?.dispose();
          kernel = null;
        }
      },
    });
    return kernel;
  }

  const unsubscribe = notebook.onChange((change) => {
    if (change.runQueue && !local) dispatch({ type: 'queue', requests: queue(), at: Date.now() });
    if (change.meta && notebook.runtime !== snapshot.runtime) update({ runtime: notebook.runtime, notice: null });
  });
  const onAwareness = () => {
    const remote = remoteKernelState(awareness.getStates());
    if (JSON.stringify(remote) !== JSON.stringify(snapshot.remote)) update({ remote });
  };
  awareness.on('change', onAwareness);
  const unsubscribeLocal = localRuns.subscribe(() => {
    if (local) dispatch({ type: 'queue', requests: queue(), at: Date.now() });
  });

  return {
    snapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    run(cellIds) {
      const code = cellIds.filter((id) => notebook.cell(id)?.cell_type === 'code');
      if (!code.length) return;
      if (runsRemotely()) {
        if (snapshot.notice) update({ notice: null });
        notebook.doc.transact(() => {
          for (const cellId of code) notebook.enqueueRun({ cellId, requestedBy: user.id, runtime: 'remote' }, ORIGIN.kernel);
        }, ORIGIN.kernel);
        return;
      }
      if (!ensureKernel()) return;
      if (snapshot.notice) update({ notice: null });
      if (local) {
        localRuns.enqueue(code, user.id);
        return;
      }
      notebook.doc.transact(() => {
        for (const cellId of code) mine.add(notebook.enqueueRun({ cellId, requestedBy: user.id, runtime: 'browser' }, ORIGIN.kernel).id);
      }, ORIGIN.kernel);
    },
    async interrupt() {
      if (runsRemotely()) await remoteCall('interrupt');
      else await kernel?.interrupt();
    },
    restart(choice) {
      if (runsRemotely()) {
        void remoteCall('restart', choice && choice !== 'auto' ? { backend: choice } : {});
        return;
      }
      if (choice === 'tensorflow') return;
      if (choice) update({ choice });
      kernel?.restart(choice);
    },
    setRuntime(runtime) {
      if (!local && runtime !== notebook.runtime) notebook.setRuntime(runtime, ORIGIN.user);
    },
    localRuns,
    userId: user.id,
    dispose() {
      unsubscribe();
      awareness.off('change', onAwareness);
      unsubscribeLocal();
      kernel?.dispose();
      kernel = null;
      listeners.clear();
    },
  };
}
