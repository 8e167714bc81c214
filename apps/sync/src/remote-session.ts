/**
 * One notebook's remote session: the host of the session reducer (@cohort/session) for the
 * requests whose runtime is 'remote', on a kernel of a worker (SYNC-RUN-*). It feeds the reducer
 * the document's run queue and the kernel's messages, sends `execute` actions to the kernel and
 * writes the others into the document (kernel-writes.ts). It places the kernel (the notebook's
 * live kernel, else a new one on the least-loaded worker), reconnects after a dropped socket, and
 * publishes the kernel's state in the server's awareness state for every collaborator.
 */
import { randomUUID } from 'node:crypto';
import { eq, kernels, liveKernelOf, pickWorker, type Db } from '@cohort/db';
import { createMessage, isMessageOfType, parentMessageId, type BackendInfo, type BackendName, type KernelMessage } from '@cohort/kernel/protocol';
import type { Notebook, Output, RunRequest } from '@cohort/notebook';
import { createSessionReducer, initialSessionState, type SessionAction, type SessionEvent, type SessionState } from '@cohort/session';
import type { DocumentHandle } from './extension.ts';
import { createKernelLink, type KernelLink } from './kernel-link.ts';
import type { KernelWriter } from './kernel-writes.ts';

/** The awareness field the server's own state carries the remote kernel in (SYNC-RUN-4). */
export const KERNEL_STATE_FIELD = 'kernel';

export interface RemoteKernelState {
  runtime: 'remote';
  phase: 'starting' | 'idle' | 'busy' | 'dead';
  backend: BackendInfo | null;
  /** The id of the worker the kernel runs (or ran) on. */
  worker: string | null;
  /** Why the kernel is gone or could not start, or what a restart did; until the next run starts. */
  notice: string | null;
}

export const noWorkerNotice = 'No remote GPU worker is available right now';
export const restartNotice = 'The kernel was restarted: variables from earlier runs are gone.';
/** Close code of a worker whose kernel has ended (apps/worker/SPEC.md). */
const kernelGone = 4410;

export interface RemoteSessionOptions {
  document: DocumentHandle;
  /** A read view of the live document (never written: writes go through `writer`). */
  notebook: Notebook;
  db: Db;
  authSecret: string;
  /** Recorded as the claimant of its runs; runs 'running' under another claimant were orphaned. */
  claimant: string;
  createWriter(onGone: () => void): KernelWriter;
  /** Worker liveness window (WORKER-SCHED-1). */
  livenessMs: number;
  /** Wait before reconnecting a dropped kernel socket. */
  reconnectMs: number;
  /** The notebook was deleted: the session is over. */
  onGone(): void;
  log(message: string, error?: unknown): void;
}

export interface RemoteSession {
  /** The run queue changed. */
  queueChanged(): void;
  /** Connects to the notebook's live kernel, if it has one, to show its state (the notebook runs remotely). */
  attachExisting(): void;
  /** The worker of `kernelId` stopped responding (markDeadWorkers). */
  kernelEnded(kernelId: string, reason: string): void;
  interrupt(): void;
  restart(backend?: BackendName): void;
  /** Runs are queued, running or being written, or a kernel is being placed: the document must stay loaded. */
  hasWork(): boolean;
  /** Stops listening and closes the kernel socket (the kernel lives on); `clearState` removes the kernel state from awareness. */
  dispose(options: { clearState: boolean }): Promise<void>;
}

interface AttachedKernel {
  kernelId: string;
  workerId: string;
  workerUrl: string;
  link: KernelLink;
  /** Its kernel_info_reply arrived at least once: later socket drops are reconnected. */
  started: boolean;
}

const errorOutput = (ename: string, evalue: string): Output => ({ output_type: 'error', ename, evalue, traceback: [`${ename}: ${evalue}`] });

export function createRemoteSession(options: RemoteSessionOptions): RemoteSession {
  const { notebook, db, log } = options;
  const notebookId = options.document.notebookId;
  const reduce = createSessionReducer({ runtime: 'remote', newMessageId: () => randomUUID() });
  const writer = options.createWriter(() => options.onGone());
  let state: SessionState = initialSessionState();
  let kernel: AttachedKernel | null = null;
  let placing = false;
  let choice: BackendName | undefined;
  /** msg_id of the restart_request whose reply brings the kernel back. */
  let restartRequest: string | null = null;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let published: RemoteKernelState | null = null;
  let orphansChecked = false;
  let disposed = false;
  /** Requests this host finished without the reducer (no worker, orphaned runs); the reducer never sees them again. */
  const settled = new Set<string>();

  function publish(changes: Partial<RemoteKernelState> | null): void {
    const next: RemoteKernelState | null = changes && { runtime: 'remote', phase: 'starting', backend: null, worker: null, notice: null, ...published, ...changes };
    if (JSON.stringify(next) === JSON.stringify(published)) return;
    published = next;
    const awareness = options.document.awareness;
    awareness.setLocalState({ ...awareness.getLocalState(), [KERNEL_STATE_FIELD]: next });
  }

  const remoteRequests = (): RunRequest[] => notebook.runRequests().filter((request) => request.runtime === 'remote' && !settled.has(request.id));
  const waiting = (requests: readonly RunRequest[]) => requests.filter((request) => request.state === 'queued' && !state.handled.has(request.id));

  function dispatch(event: SessionEvent): void {
    const step = reduce(state, event);
    state = step.state;
    for (const action of step.actions) perform(action);
  }

  function perform(action: SessionAction): void {
    if (action.type === 'execute') {
      const cell = notebook.cell(action.cellId);
      const code = cell?.cell_type === 'code' ? cell.source : '';
      const username = state.running?.requestedBy ?? 'cohort';
      kernel?.link.send(createMessage('execute_request', { code, cell_id: action.cellId }, undefined, { msgId: action.msgId, username }));
      return;
    }
    if (action.type === 'claim' && published?.notice) publish({ notice: null });
    writer.write(action);
  }

  /** Finishes requests without running them, each with an error output saying why. */
  function settle(requests: readonly RunRequest[], status: 'error' | 'aborted', output: Output): void {
    for (const request of requests) {
      settled.add(request.id);
      if (status === 'error') writer.write({ type: 'clear-outputs', cellId: request.cellId });
      writer.write({ type: 'append-output', cellId: request.cellId, output });
      writer.write({ type: 'finish', requestId: request.id, cellId: request.cellId, state: status, executionCount: null, record: null });
    }
  }

  function queueChanged(): void {
    if (disposed) return;
    if (!orphansChecked) {
      orphansChecked = true;
      // Claimed by a session that no longer exists (this server restarted while they ran).
      const orphans = remoteRequests().filter((request) => request.state === 'running' && request.claimedBy !== options.claimant);
      settle(orphans, 'aborted', errorOutput('KernelLost', 'The server running this cell restarted before it finished; run it again.'));
    }
    const requests = remoteRequests();
    dispatch({ type: 'queue', requests, at: Date.now() });
    if (waiting(requests).length && !kernel && !placing) void place(true);
  }

  /** Attaches to the notebook's live kernel, or (with `create`) starts one on the least-loaded worker. */
  async function place(create: boolean): Promise<void> {
    placing = true;
    try {
      await placeKernel(create);
    } catch (error) {
      log(`placing the kernel of notebook ${notebookId} failed`, error);
      if (create && !disposed && !kernel) unavailable(noWorkerNotice);
    } finally {
      placing = false;
    }
    // Runs queued while only an existing kernel was looked for (the runtime was just switched) need one.
    if (!create && !disposed && !kernel && waiting(state.queue).length) await place(true);
  }

  async function placeKernel(create: boolean): Promise<void> {
    const live = await liveKernelOf(db, notebookId, { livenessMs: options.livenessMs });
    if (disposed || kernel) return;
    if (live) return connect({ kernelId: live.kernelId, workerId: live.workerId, workerUrl: live.workerUrl });
    if (!create) return;
    publish({ phase: 'starting', backend: null, worker: null, notice: null });
    const worker = await pickWorker(db, { livenessMs: options.livenessMs });
    if (disposed || kernel) return;
    if (!worker) return unavailable(noWorkerNotice);
    connect({ kernelId: randomUUID(), workerId: worker.id, workerUrl: worker.url });
  }

  /** No kernel can run the queued requests: they finish as errors, and the state says why. */
  function unavailable(notice: string): void {
    publish({ phase: 'dead', backend: null, worker: null, notice });
    settle(waiting(remoteRequests()), 'error', errorOutput('NoRemoteWorker', notice));
    dispatch({ type: 'queue', requests: remoteRequests(), at: Date.now() });
  }

  function connect(target: Omit<AttachedKernel, 'link' | 'started'>, reconnect = false): void {
    const link: KernelLink = createKernelLink({
      workerUrl: target.workerUrl,
      kernelId: target.kernelId,
      notebookId,
      authSecret: options.authSecret,
      ...(choice ? { backend: choice } : {}),
      onMessage: (message) => {
        if (kernel?.link === link) receive(message);
      },
      onClose: (code, reason) => {
        if (kernel?.link === link) closed(code, reason);
      },
      log,
    });
    kernel = { kernelId: target.kernelId, workerId: target.workerId, workerUrl: target.workerUrl, link, started: reconnect };
    if (!reconnect) publish({ phase: 'starting', backend: null, worker: target.workerId, notice: null });
  }

  function ready(backend: BackendInfo, notice: string | null): void {
    if (kernel) kernel.started = true;
    restartRequest = null;
    publish({ phase: state.running ? 'busy' : 'idle', backend, notice });
    if (state.kernel.phase !== 'ready') dispatch({ type: 'kernel-ready', backend, at: Date.now() });
  }

  function receive(message: KernelMessage): void {
    const parent = parentMessageId(message);
    if (isMessageOfType(message, 'kernel_info_reply') && parent === undefined) return ready(message.content.backend, published?.notice ?? null);
    if (isMessageOfType(message, 'restart_reply') && parent === restartRequest) {
      const { status, backend, evalue } = message.content;
      if (backend) ready(backend, status === 'error' && evalue ? evalue : (published?.notice ?? null));
      return;
    }
    if (isMessageOfType(message, 'status') && !restartRequest && (published?.phase === 'idle' || published?.phase === 'busy')) {
      if (message.content.execution_state !== 'starting') publish({ phase: message.content.execution_state });
    }
    dispatch({ type: 'kernel-message', message, at: Date.now() });
  }

  function closed(code: number, reason: string): void {
    if (code === kernelGone) return lost(reason || 'the kernel ended');
    if (!kernel?.started) {
      // Refused at connect: full (4503), shutting down (1001), unreachable (1006), ...
      kernel = null;
      return unavailable(code === 4503 ? noWorkerNotice : `${noWorkerNotice} (the worker refused the kernel: ${reason || `close code ${code}`})`);
    }
    // A dropped socket: the kernel goes on on its worker (WORKER-WS-3), unless the worker is gone.
    scheduleReconnect();
  }

  function scheduleReconnect(): void {
    const dropped = kernel;
    reconnectTimer = setTimeout(() => {
      void (async () => {
        try {
          const live = await liveKernelOf(db, notebookId, { livenessMs: options.livenessMs });
          if (disposed || kernel !== dropped || !dropped) return;
          if (live?.kernelId === dropped.kernelId) return connect(dropped, true);
          const [row] = await db.select({ reason: kernels.reason }).from(kernels).where(eq(kernels.id, dropped.kernelId));
          if (kernel === dropped) lost(row?.reason ?? `its worker (${dropped.workerUrl}) stopped responding`);
        } catch (error) {
          log(`reconnecting to the kernel of notebook ${notebookId} failed; trying again`, error);
          if (kernel === dropped) scheduleReconnect();
        }
      })();
    }, options.reconnectMs).unref();
  }

  /** The kernel is gone with its state: the running cell gets an error, queued runs are aborted. */
  function lost(reason: string): void {
    const ended = kernel;
    kernel = null;
    restartRequest = null;
    clearTimeout(reconnectTimer);
    ended?.link.close();
    publish({ phase: 'dead', backend: null, worker: ended?.workerId ?? null, notice: reason });
    dispatch({ type: 'kernel-lost', reason, at: Date.now() });
  }

  return {
    queueChanged,
    attachExisting() {
      if (!kernel && !placing && !disposed) void place(false);
    },
    kernelEnded(kernelId, reason) {
      if (kernel?.kernelId === kernelId) lost(reason);
    },
    interrupt() {
      kernel?.link.send(createMessage('interrupt_request', {}));
    },
    restart(backend) {
      choice = backend ?? choice;
      if (!kernel) {
        if (!placing) void place(true);
        return;
      }
      const request = createMessage('restart_request', backend ? { backend } : {});
      restartRequest = request.header.msg_id;
      kernel.link.send(request);
      publish({ phase: 'starting', backend: null, notice: restartNotice });
      // The worker aborts what was in flight; the reducer forgets this kernel's executions, so
      // nothing the old process still sends lands anywhere, and the queued runs are aborted.
      dispatch({ type: 'kernel-lost', reason: restartNotice, at: Date.now() });
    },
    hasWork: () => placing || state.running !== null || waiting(state.queue).length > 0 || writer.busy,
    async dispose({ clearState }) {
      if (disposed) return;
      disposed = true;
      clearTimeout(reconnectTimer);
      kernel?.link.close();
      kernel = null;
      if (clearState) publish(null);
      await writer.flushed();
    },
  };
}
