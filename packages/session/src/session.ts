/**
 * Running a notebook's cells on one kernel, as a pure reducer: `(state, event) -> { state, actions }`.
 * The host (the browser tab that pressed Run, or the sync service for remote kernels) feeds it the
 * document's run queue and the kernel's messages, and carries out the actions: claiming requests,
 * sending code to the kernel, writing outputs and finishing runs. One request runs at a time, in
 * queue order; messages of other executions than the ones this session started are discarded.
 */
import { isMessageOfType, parentMessageId, type BackendInfo, type KernelMessage, type MimeBundle } from '@cohort/kernel/protocol';
import type { FinishedRunState, JsonObject, Output, RunRequest } from '@cohort/notebook';
import { outputOfMessage, storedBundle } from './outputs.ts';
import type { RunRecord } from './run-record.ts';

export type KernelPhase = 'starting' | 'ready' | 'dead';

export interface RunningCell {
  requestId: string;
  cellId: string;
  /** The execute_request's msg_id. */
  msgId: string;
  /** Who asked for the run (a user id). */
  requestedBy: string;
  startedAt: number;
  reply: { status: 'ok' | 'error' | 'aborted'; executionCount: number } | null;
  idle: boolean;
}

export interface SessionState {
  kernel: { phase: KernelPhase; backend: BackendInfo | null };
  running: RunningCell | null;
  /** Requests this session already claimed or finished, so a stale queue snapshot never runs one twice. */
  handled: ReadonlySet<string>;
  /** The latest run queue: the requests this session may take, in queue order. */
  queue: readonly RunRequest[];
  /** Cells of this kernel's executions by msg_id: outputs that arrive after a cell finished (async callbacks) still land in it. */
  executions: ReadonlyMap<string, string>;
}

export type SessionEvent =
  /** The run queue changed: the requests this session may take, in queue order. */
  | { type: 'queue'; requests: readonly RunRequest[]; at: number }
  | { type: 'kernel-ready'; backend: BackendInfo; at: number }
  | { type: 'kernel-message'; message: KernelMessage; at: number }
  /** The kernel is gone (crashed, or replaced to stop a runaway cell, or restarted): its state is lost. */
  | { type: 'kernel-lost'; reason: string; at: number };

export type SessionAction =
  | { type: 'claim'; requestId: string }
  | { type: 'clear-outputs'; cellId: string }
  | { type: 'execute'; requestId: string; cellId: string; msgId: string }
  | { type: 'append-output'; cellId: string; output: Output }
  | { type: 'update-display'; displayId: string; data: ReturnType<typeof storedBundle>; metadata: JsonObject }
  | { type: 'finish'; requestId: string; cellId: string; state: FinishedRunState; executionCount: number | null; record: RunRecord | null };

export interface SessionOptions {
  /** 'browser' or 'remote': recorded in each run record. */
  runtime: string;
  /** New msg_ids; injectable for tests. */
  newMessageId: () => string;
}

export interface Step {
  state: SessionState;
  actions: SessionAction[];
}

export function initialSessionState(): SessionState {
  return { kernel: { phase: 'starting', backend: null }, running: null, handled: new Set(), queue: [], executions: new Map() };
}

const maxRememberedExecutions = 200;

export function createSessionReducer(options: SessionOptions) {
  /** Starts the first queued request when the kernel is free. */
  function startNext(state: SessionState, at: number): Step {
    if (state.kernel.phase !== 'ready' || state.running) return { state, actions: [] };
    const next = state.queue.find((request) => request.state === 'queued' && !state.handled.has(request.id));
    if (!next) return { state, actions: [] };
    const msgId = options.newMessageId();
    const executions = new Map<string, string>([...state.executions, [msgId, next.cellId] as const].slice(-maxRememberedExecutions));
    return {
      state: {
        ...state,
        handled: new Set([...state.handled, next.id]),
        executions,
        running: { requestId: next.id, cellId: next.cellId, msgId, requestedBy: next.requestedBy, startedAt: at, reply: null, idle: false },
      },
      actions: [
        { type: 'claim', requestId: next.id },
        { type: 'clear-outputs', cellId: next.cellId },
        { type: 'execute', requestId: next.id, cellId: next.cellId, msgId },
      ],
    };
  }

  function finished(state: SessionState, running: RunningCell, status: FinishedRunState, executionCount: number | null, at: number): SessionAction {
    const backend = state.kernel.backend;
    const record: RunRecord | null = backend && {
      by: running.requestedBy,
      at: new Date(running.startedAt).toISOString(),
      runtime: options.runtime,
      backend: backend.name,
      device: backend.device,
      durationMs: Math.max(0, Math.round(at - running.startedAt)),
      status,
    };
    return { type: 'finish', requestId: running.requestId, cellId: running.cellId, state: status, executionCount, record };
  }

  function onKernelMessage(state: SessionState, message: KernelMessage, at: number): Step {
    if (isMessageOfType(message, 'update_display_data')) {
      const { data, metadata, transient } = message.content;
      return { state, actions: [{ type: 'update-display', displayId: transient.display_id, data: storedBundle(data as MimeBundle), metadata }] };
    }
    const parent = parentMessageId(message);
    const cellId = parent === undefined ? undefined : state.executions.get(parent);
    if (cellId === undefined) return { state, actions: [] };
    const output = outputOfMessage(message);
    if (output) return { state, actions: [{ type: 'append-output', cellId, output }] };

    const running = state.running;
    if (!running || running.msgId !== parent) return { state, actions: [] };
    let next = running;
    if (isMessageOfType(message, 'execute_reply')) {
      next = { ...running, reply: { status: message.content.status, executionCount: message.content.execution_count } };
    } else if (isMessageOfType(message, 'status') && message.content.execution_state === 'idle') {
      next = { ...running, idle: true };
    } else {
      return { state, actions: [] };
    }
    if (!next.reply || !next.idle) return { state: { ...state, running: next }, actions: [] };
    const status = next.reply.status === 'ok' ? 'done' : next.reply.status;
    const after = startNext({ ...state, running: null }, at);
    return { state: after.state, actions: [finished(state, next, status, next.reply.executionCount, at), ...after.actions] };
  }

  return function reduce(state: SessionState, event: SessionEvent): Step {
    switch (event.type) {
      case 'queue':
        return startNext({ ...state, queue: event.requests }, event.at);
      case 'kernel-ready':
        return startNext({ ...state, kernel: { phase: 'ready', backend: event.backend } }, event.at);
      case 'kernel-message':
        return onKernelMessage(state, event.message, event.at);
      case 'kernel-lost': {
        const actions: SessionAction[] = [];
        const running = state.running;
        if (running) {
          actions.push({ type: 'append-output', cellId: running.cellId, output: lostOutput(event.reason) });
          actions.push(finished(state, running, 'aborted', null, event.at));
        }
        // Runs queued behind it were asked of a kernel that no longer holds their cells' context.
        const aborted = state.queue.filter((request) => request.state === 'queued' && !state.handled.has(request.id));
        for (const request of aborted) {
          actions.push({ type: 'finish', requestId: request.id, cellId: request.cellId, state: 'aborted', executionCount: null, record: null });
        }
        return {
          state: {
            kernel: { phase: 'starting', backend: null },
            running: null,
            handled: new Set([...state.handled, ...aborted.map((request) => request.id)]),
            queue: state.queue,
            executions: new Map(),
          },
          actions,
        };
      }
    }
  };
}

function lostOutput(reason: string): Output {
  return { output_type: 'error', ename: 'KernelRestarted', evalue: reason, traceback: [`KernelRestarted: ${reason}`] };
}
