/**
 * One kernel as the worker keeps it (WORKER-KERNEL-*): its current process, the sockets attached
 * to it, the executions in flight, the output cap, the idle timeout and the interrupt escalation.
 * Kernel messages pass through unchanged except where a rule here says otherwise; messages of a
 * process that was replaced (restart) or stopped are discarded.
 */
import {
  createMessage,
  parentMessageId,
  parseKernelMessage,
  type BackendName,
  type KernelMessage,
  type KernelMessageOf,
  type MessageContent,
  type MessageIdentity,
  type MessageType,
} from '@cohort/kernel/protocol';
import type { KernelExit, KernelProcess } from './kernel-launcher.ts';
import { createOutputLimiter } from './output-limit.ts';
import { closeCodes } from './close-codes.ts';

export type KernelState = 'starting' | 'idle' | 'busy' | 'dead';
type KernelInfo = MessageContent<'kernel_info_reply'>;

/** An attached socket, as the supervisor sees it. */
export interface KernelClient {
  send(message: KernelMessage): void;
  close(code: number, reason: string): void;
}

export interface KernelChange {
  state: KernelState;
  /** Set once the kernel (or a restarted process) has started. */
  info?: KernelInfo;
  /** Why it ended (state 'dead'). */
  reason?: string;
}

export interface KernelSupervisorOptions {
  kernelId: string;
  launch(backend: BackendName | undefined): KernelProcess;
  /** The backend asked for at start and, unless a restart names another, at restarts. */
  backend?: BackendName;
  idleMs: number;
  outputLimitBytes: number;
  memoryLimitMb: number;
  /** How long an interrupted execution may take to end before the kernel is stopped. */
  interruptGraceMs: number;
  identity: MessageIdentity;
  onChange(change: KernelChange): void;
  /** Diagnostics for the worker's log (a process that exited, a bad message from a kernel). */
  log(line: string): void;
}

export interface KernelSupervisor {
  /** Adds a socket; returns the function that removes it. */
  attach(client: KernelClient): () => void;
  /** A message from a client, already checked with parseKernelMessage. */
  handle(message: KernelMessage): void;
  /** Ends the kernel: the process is killed, its scratch folder removed, sockets closed with `code` and `reason`. */
  stop(reason: string, code?: number): Promise<void>;
  /** Resolves with the reason once the kernel has ended. */
  readonly ended: Promise<string>;
}

interface Execution {
  request: KernelMessageOf<'execute_request'>;
  replied: boolean;
}

/** How long an interrupted execution may take to end on the interrupt request before SIGINT is sent (and between signals). */
const sigintDelayMs = 250;

function formatMinutes(ms: number): string {
  const minutes = Number((ms / 60_000).toFixed(2));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

export function createKernelSupervisor(options: KernelSupervisorOptions): KernelSupervisor {
  const clients = new Set<KernelClient>();
  /** Sockets attached while the kernel (or its restarted process) was starting: they get the kernel's info once it has. */
  const awaitingInfo = new Set<KernelClient>();
  const limiter = createOutputLimiter({ limitBytes: options.outputLimitBytes, identity: options.identity });
  const message = <T extends MessageType>(type: T, content: MessageContent<T>, parent?: KernelMessage) =>
    createMessage(type, content, parent, options.identity) as KernelMessage;
  const broadcast = (sent: KernelMessage) => {
    for (const client of clients) client.send(sent);
  };

  let state: KernelState = 'starting';
  let info: KernelInfo | undefined;
  let current: { process: KernelProcess; probe: KernelMessage } | undefined;
  let pending: Execution[] = [];
  let restarting: KernelMessageOf<'restart_request'> | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let interruptTimer: NodeJS.Timeout | undefined;
  let endedReason: string | undefined;
  let resolveEnded: (reason: string) => void = () => {};
  const ended = new Promise<string>((resolve) => (resolveEnded = resolve));

  const setState = (next: KernelState) => {
    if (state === next) return;
    state = next;
    options.onChange({ state, ...(info ? { info } : {}) });
  };
  const settle = () => {
    if (!info || restarting || endedReason) return;
    setState(pending.length > 0 ? 'busy' : 'idle');
    clearTimeout(idleTimer);
    if (pending.length === 0) {
      idleTimer = setTimeout(() => void stop(`kernel was stopped after ${formatMinutes(options.idleMs)} idle`), options.idleMs);
      idleTimer.unref();
    }
  };

  const start = (backend: BackendName | undefined) => {
    const process = options.launch(backend);
    // The worker asks the new process for its backend: the reply marks it started (WORKER-KERNEL-1).
    const probe = message('kernel_info_request', {});
    const running = { process, probe };
    current = running;
    process.onMessage((frame) => {
      if (current === running) onKernelFrame(frame, running);
    });
    process.send(probe);
    void process.exited.then((exit) => {
      if (current === running) died(exit);
    });
  };

  const onKernelFrame = (frame: unknown, running: { probe: KernelMessage }) => {
    const parsed = parseKernelMessage(frame);
    if (!parsed.ok) return options.log(`kernel ${options.kernelId}: ignored a bad message: ${parsed.error}`);
    const received = parsed.message;
    const parent = parentMessageId(received);
    if (parent === running.probe.header.msg_id) {
      if (received.header.msg_type === 'kernel_info_reply') started(received.content as KernelInfo);
      return;
    }
    // Starting and idle without a parent are the process's own lifecycle; the worker reports the kernel's.
    if (parent === undefined && received.header.msg_type === 'status') return;
    const execution = pending.find((candidate) => candidate.request.header.msg_id === parent);
    if (execution && received.header.msg_type === 'execute_reply') execution.replied = true;
    for (const relayed of limiter.filter(received)) broadcast(relayed);
    if (execution && received.header.msg_type === 'status' && (received.content as { execution_state: string }).execution_state === 'idle') {
      pending = pending.filter((candidate) => candidate !== execution);
      clearTimeout(interruptTimer);
      interruptTimer = undefined;
      settle();
    }
  };

  const started = (reply: KernelInfo) => {
    info = reply;
    const restart = restarting;
    restarting = undefined;
    if (restart) {
      const requested = restart.content.backend;
      const unavailable = requested !== undefined && reply.backend.name !== requested;
      const evalue = `${requested} is not available on this worker (its kernels can run: ${reply.backends.join(', ')})`;
      broadcast(message('restart_reply', unavailable ? { status: 'error', backend: reply.backend, evalue } : { status: 'ok', backend: reply.backend }, restart));
      broadcast(message('status', { execution_state: 'idle' }, restart));
    }
    for (const client of awaitingInfo) client.send(message('kernel_info_reply', reply));
    awaitingInfo.clear();
    settle();
  };

  /** Ends every execution in flight: the running one with `error` (when given), the others aborted. */
  const finishPending = (error?: { ename: string; evalue: string }) => {
    for (const [index, execution] of pending.entries()) {
      if (!execution.replied) {
        if (index === 0 && error) {
          const content = { ...error, traceback: [`${error.ename}: ${error.evalue}`] };
          broadcast(message('error', content, execution.request));
          broadcast(message('execute_reply', { status: 'error', execution_count: 0, ...content }, execution.request));
        } else {
          broadcast(message('execute_reply', { status: 'aborted', execution_count: 0 }, execution.request));
        }
      }
      broadcast(message('status', { execution_state: 'idle' }, execution.request));
    }
    pending = [];
  };

  const died = (exit: KernelExit) => {
    const reason = exit.outOfMemory
      ? `out of memory: the kernel used more than its ${options.memoryLimitMb} MiB heap limit and was stopped`
      : `the kernel process ended unexpectedly (${exit.signal ?? `exit code ${exit.code}`})`;
    options.log(`kernel ${options.kernelId}: ${reason}\n${exit.stderrTail.trim().split('\n').slice(-5).join('\n')}`);
    finishPending({ ename: exit.outOfMemory ? 'OutOfMemoryError' : 'KernelDied', evalue: reason });
    end(reason, closeCodes.kernelGone);
  };

  const end = (reason: string, code: number) => {
    if (endedReason) return;
    endedReason = reason;
    current = undefined;
    clearTimeout(idleTimer);
    clearTimeout(interruptTimer);
    state = 'dead';
    options.onChange({ state: 'dead', reason, ...(info ? { info } : {}) });
    for (const client of clients) client.close(code, reason);
    clients.clear();
    awaitingInfo.clear();
    resolveEnded(reason);
  };

  let stopping: Promise<void> | undefined;
  /** Kills the process and waits until it is gone with its scratch folder; then the kernel has ended. */
  const stop = (reason: string, code: number = closeCodes.kernelGone) => {
    if (endedReason) return Promise.resolve();
    stopping ??= (async () => {
      const running = current;
      // From here on its exit is expected, not a death, and nothing more is sent to it.
      current = undefined;
      clearTimeout(idleTimer);
      clearTimeout(interruptTimer);
      finishPending({ ename: 'KernelStopped', evalue: reason });
      running?.process.kill();
      await running?.process.exited;
      end(reason, code);
    })();
    return stopping;
  };

  const interrupt = (request: KernelMessage) => {
    const running = pending[0];
    const process = current?.process;
    process?.send(request);
    if (!running || !process || interruptTimer) return;
    // The runtime ends an awaiting execution on the request alone. SIGINT is for a synchronous
    // loop (vm's breakOnSigint), and only once the execution has outlasted `sigintDelayMs`: Node
    // dies of a SIGINT that lands while a cell's script is being entered or left (the vm module
    // swaps SIGINT handlers there), so the signal is never sent at the moment a cell starts. It is
    // repeated, since one that lands outside the script is ignored. After the grace period the
    // kernel is stopped: a microtask loop or a loop in a timer callback is out of SIGINT's reach
    // (WORKER-KERNEL-4).
    const deadline = Date.now() + options.interruptGraceMs;
    const signal = () => {
      interruptTimer = undefined;
      if (pending[0] !== running || current?.process !== process) return;
      if (Date.now() >= deadline) {
        void stop(`the kernel did not stop within ${options.interruptGraceMs / 1000} s of an interrupt and was stopped`);
        return;
      }
      process.interrupt();
      schedule();
    };
    const schedule = () => {
      interruptTimer = setTimeout(signal, Math.min(sigintDelayMs, Math.max(0, deadline - Date.now())));
      interruptTimer.unref();
    };
    schedule();
  };

  const restart = (request: KernelMessageOf<'restart_request'>) => {
    const previous = current;
    broadcast(message('status', { execution_state: 'busy' }, request));
    finishPending();
    clearTimeout(interruptTimer);
    interruptTimer = undefined;
    clearTimeout(idleTimer);
    restarting = request;
    info = undefined;
    setState('starting');
    start(request.content.backend ?? options.backend);
    previous?.process.kill();
  };

  start(options.backend);

  return {
    ended,
    attach(client) {
      if (endedReason) {
        client.close(closeCodes.kernelGone, endedReason);
        return () => {};
      }
      clients.add(client);
      if (info && !restarting) client.send(message('kernel_info_reply', info));
      else awaitingInfo.add(client);
      return () => {
        clients.delete(client);
        awaitingInfo.delete(client);
      };
    },
    handle(request) {
      if (endedReason || !current) return;
      switch (request.header.msg_type) {
        case 'execute_request':
          pending.push({ request: request as KernelMessageOf<'execute_request'>, replied: false });
          clearTimeout(idleTimer);
          if (info && !restarting) setState('busy');
          current.process.send(request);
          return;
        case 'interrupt_request':
          return interrupt(request);
        case 'restart_request':
          return restart(request as KernelMessageOf<'restart_request'>);
        case 'kernel_info_request':
          current.process.send(request);
          return;
        default:
          // Replies and outputs are the kernel's to send (KERNEL-MSG-4).
          return;
      }
    },
    stop,
  };
}
