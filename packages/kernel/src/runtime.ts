/**
 * The kernel runtime both hosts run (the browser Worker and the Node kernel process): it takes
 * kernel protocol messages, runs TypeScript cells one at a time in the host's realm, and sends
 * outputs, replies and status back. It knows nothing of Yjs, Postgres or the page. Rules:
 * packages/kernel/SPEC.md.
 */
import { availableBackends, backendOrder, chooseBackend, type BackendLoaders, type TfBackendControl } from './backends.ts';
import { cohortCompiler, type CellCompiler, type CompiledCell } from './cell-compiler.ts';
import { html, image, markdown, representNow, vegaLite, type PendingRepresentation } from './display.ts';
import type { OutputTarget } from './output-target.ts';
import {
  createMessage,
  PROTOCOL_VERSION,
  type BackendInfo,
  type BackendName,
  type KernelMessage,
  type KernelMessageOf,
  type MessageContent,
  type MessageIdentity,
  type MessageType,
} from './protocol.ts';
import { installRealmHooks, type StreamName } from './realm-hooks.ts';
import { createProgressBar, createTrainingChart, type TrainingChartOptions } from './training.ts';
import { describeError, type CellError, type CellSource } from './traceback.ts';

export const IMPLEMENTATION_VERSION = '0.1.0';
const TFJS = '@tensorflow/tfjs';
/** Compiled cells kept for mapping stack frames of functions they defined. */
const MAX_REMEMBERED_CELLS = 500;
/** Stream text is sent at most this often per execution, so a printing loop is not a message per line. */
const STREAM_FLUSH_MS = 50;

export type ModuleLoaders = Record<string, () => Promise<unknown>>;

export interface KernelRuntimeOptions {
  /** Sends a message to the client. */
  send(message: KernelMessage): void;
  /** Runs a classic script in the realm's global scope and returns its completion value. */
  evaluate(code: string, fileName: string): unknown;
  runtime: 'browser' | 'node';
  /** The modules cells may import; must include '@tensorflow/tfjs'. */
  modules: ModuleLoaders;
  backends: BackendLoaders;
  /** The backend the user asked for; default: the first that works in the host's order. */
  backend?: BackendName;
  /** Default: @cohort/compiler. */
  compiler?: CellCompiler;
  /** The realm's global object; default globalThis. */
  globalObject?: typeof globalThis;
  /** Recognises the host's own interruption of a synchronous loop (Node: vm's breakOnSigint error). */
  isInterruptError?(error: unknown): boolean;
  identity?: Pick<MessageIdentity, 'session' | 'username'>;
}

export interface KernelRuntime {
  /** Handles a message from the client; resolves once its reply and idle status are sent. */
  handle(message: KernelMessage): Promise<void>;
  /** Resolves with the backend once the kernel has started (status 'starting', then 'idle'). */
  readonly ready: Promise<BackendInfo>;
  /** Restores the console and timers and removes the globals the runtime installed. */
  dispose(): void;
}

type ExecuteRequest = KernelMessageOf<'execute_request'>;

interface Execution {
  readonly request: ExecuteRequest;
  readonly target: OutputTarget;
  /** Set on interrupt (and restart): later outputs of this execution are dropped. */
  interrupted: boolean;
  interrupt(): void;
  /** Rejects with a KeyboardInterrupt on interrupt: what a running cell's promise is raced against. */
  readonly interruption: Promise<never>;
}

class KeyboardInterrupt extends Error {
  override name = 'KeyboardInterrupt';
}

const nodeInterruptCode = 'ERR_SCRIPT_EXECUTION_INTERRUPTED';

export function createKernelRuntime(options: KernelRuntimeOptions): KernelRuntime {
  const global = options.globalObject ?? globalThis;
  const compiler = options.compiler ?? cohortCompiler;
  const isInterruptError =
    options.isInterruptError ?? ((error: unknown) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === nodeInterruptCode);
  const order = backendOrder[options.runtime];
  const nativeSetTimeout = global.setTimeout.bind(global);

  let tf: TfBackendControl & { engine(): { reset(): void } } | undefined;
  let backend: BackendInfo = { name: 'cpu', device: 'CPU', software: false };
  let executionCount = 0;
  let running: Execution | undefined;
  /** The request task of the running execution: an interrupt replies once it has finished. */
  let runningTask: Promise<void> | undefined;
  let lastExecution: Execution | undefined;
  const cells = new Map<string, CellSource>();
  /** Globals that cells declared, with what the global object had under that name before (restart puts it back). */
  const declaredGlobals = new Map<string, PropertyDescriptor | undefined>();
  const moduleCache = new Map<string, Promise<unknown>>();

  const send = <T extends MessageType>(type: T, content: MessageContent<T>, parent?: KernelMessage) =>
    options.send(createMessage(type, content, parent, options.identity) as KernelMessage);

  // Streams: text is buffered per execution and stream, and flushed before any other output.
  let pendingStream: { execution: Execution; name: StreamName; text: string } | undefined;
  const flushStream = () => {
    const stream = pendingStream;
    pendingStream = undefined;
    if (stream && !stream.execution.interrupted) send('stream', { name: stream.name, text: stream.text }, stream.execution.request);
  };
  const writeStream = (execution: Execution, name: StreamName, text: string) => {
    if (execution.interrupted) return;
    if (pendingStream && pendingStream.execution === execution && pendingStream.name === name) {
      pendingStream.text += text;
      return;
    }
    flushStream();
    pendingStream = { execution, name, text };
    nativeSetTimeout(() => {
      if (pendingStream?.execution === execution && pendingStream.name === name) flushStream();
    }, STREAM_FLUSH_MS);
  };
  const emit = <T extends 'display_data' | 'update_display_data' | 'execute_result' | 'error'>(execution: Execution, type: T, content: MessageContent<T>) => {
    flushStream();
    if (!execution.interrupted) send(type, content, execution.request);
  };

  // Output of code running outside any cell's synchronous run (a promise callback, an event)
  // goes to the latest execution; timer callbacks to the execution that scheduled them.
  const hooks = installRealmHooks<Execution>(global, { currentOwner: () => running ?? lastExecution, write: writeStream });
  const currentTarget = (what: string): OutputTarget => {
    const execution = hooks.owner();
    if (!execution) throw new Error(`${what} can only be called from a cell`);
    return execution.target;
  };

  const createExecution = (request: ExecuteRequest): Execution => {
    let rejectInterruption: (error: Error) => void = () => {};
    const interruption = new Promise<never>((_, reject) => {
      rejectInterruption = reject;
    });
    interruption.catch(() => {});
    const execution: Execution = {
      request,
      interrupted: false,
      interruption,
      interrupt() {
        if (execution.interrupted) return;
        flushStream();
        execution.interrupted = true;
        rejectInterruption(new KeyboardInterrupt('the execution was interrupted'));
      },
      target: {
        display(representation) {
          const displayId = crypto.randomUUID();
          emit(execution, 'display_data', { ...representation, transient: { display_id: displayId } });
          return displayId;
        },
        update(displayId, representation) {
          emit(execution, 'update_display_data', { ...representation, transient: { display_id: displayId } });
        },
        get interrupted() {
          return execution.interrupted;
        },
      },
    };
    return execution;
  };

  const cellGlobals = {
    display(value: unknown) {
      const target = currentTarget('display()');
      const shown = representNow(value);
      const id = target.display(shown.now);
      // A later update() wins over values still being read for an earlier one.
      let version = 0;
      const settle = (pending: PendingRepresentation, at: number) =>
        void pending.settled?.then((representation) => {
          if (version === at) target.update(id, representation);
        });
      settle(shown, version);
      return Object.freeze({
        id,
        update(next: unknown) {
          const pending = representNow(next);
          target.update(id, pending.now);
          settle(pending, ++version);
        },
      });
    },
    html,
    markdown,
    vegaLite,
    image,
    progress: (total: number, progressOptions?: { label?: string }) => createProgressBar(currentTarget('progress()'), total, progressOptions),
    trainingChart: (chartOptions?: TrainingChartOptions) => createTrainingChart(currentTarget('trainingChart()'), chartOptions),
    kernel: Object.freeze({
      get backend() {
        return backend.name;
      },
      get device() {
        return backend.device;
      },
    }),
    __cohort: Object.freeze({
      import(specifier: string): Promise<unknown> {
        const load = options.modules[specifier];
        if (!load) return Promise.reject(new Error(`Cannot import "${specifier}": this kernel provides ${Object.keys(options.modules).join(', ')}`));
        let loaded = moduleCache.get(specifier);
        if (!loaded) {
          loaded = load();
          moduleCache.set(specifier, loaded);
          loaded.catch(() => moduleCache.delete(specifier));
        }
        return loaded;
      },
    }),
  };
  const installGlobals = () => {
    for (const [name, value] of Object.entries(cellGlobals)) {
      Object.defineProperty(global, name, { value, writable: true, configurable: true, enumerable: false });
    }
  };
  installGlobals();

  const startBackend = async (preference: BackendName | undefined) => {
    tf ??= (await cellGlobals.__cohort.import(TFJS)) as typeof tf;
    const choice = await chooseBackend({ tf: tf!, loaders: options.backends, order, ...(preference ? { preference } : {}) });
    if (!choice.ok) throw new Error(choice.error);
    backend = choice.backend;
    return choice;
  };
  let backendsHere: Promise<BackendName[]> | undefined;

  send('status', { execution_state: 'starting' });
  const ready = startBackend(options.backend).then((choice) => {
    send('status', { execution_state: 'idle' });
    return choice.backend;
  });
  ready.catch(() => {});

  // Requests run one at a time, in order (Jupyter's shell channel); interrupts do not wait.
  let queue: Promise<void> = Promise.resolve();
  const waiting = new Set<ExecuteRequest>();
  const aborted = new WeakSet<ExecuteRequest>();
  const enqueue = (task: () => Promise<void>) => {
    const done = queue.then(task);
    queue = done.catch(() => {});
    return done;
  };
  const abortWaiting = () => {
    for (const request of waiting) aborted.add(request);
  };

  /** Sends busy, runs `work` (which sends the reply), then idle, all parented to `request`. */
  const busyWhile = async (request: KernelMessage, work: () => Promise<void>) => {
    send('status', { execution_state: 'busy' }, request);
    try {
      await work();
    } finally {
      flushStream();
      send('status', { execution_state: 'idle' }, request);
    }
  };

  const runCell = async (request: ExecuteRequest, execution: Execution, count: number): Promise<CellError | undefined> => {
    const { code, cell_id: cellId, silent } = request.content;
    const fileName = `cell-${cellId.replace(/[^\w-]/g, '_')}-${request.header.msg_id.replace(/[^\w-]/g, '_').slice(0, 12)}.ts`;
    const compiled = compiler.compileCell(code, { fileName, modules: Object.keys(options.modules) });
    if (!compiled.ok) {
      const first = compiled.errors[0] ?? { message: 'invalid syntax', line: 1, column: 1 };
      const evalue = `${first.message} (${first.line}:${first.column})`;
      return { ename: 'SyntaxError', evalue, traceback: [`SyntaxError: ${evalue}`, ...compiled.errors.map((error) => `    at cell ${cellId}, line ${error.line}:${error.column}: ${error.message}`)] };
    }
    rememberCell(fileName, cellId, compiled);
    for (const name of compiled.declarations) {
      if (!declaredGlobals.has(name)) declaredGlobals.set(name, Object.getOwnPropertyDescriptor(global, name));
    }
    running = execution;
    try {
      const completion = options.evaluate(compiled.code, fileName);
      const result = await Promise.race([Promise.resolve(completion), execution.interruption]);
      if (execution.interrupted) throw new KeyboardInterrupt('the execution was interrupted');
      const value = typeof result === 'object' && result !== null && 'value' in result ? result.value : undefined;
      if (value !== undefined && !silent) {
        const pending = representNow(value);
        emit(execution, 'execute_result', { execution_count: count, ...(pending.settled ? await pending.settled : pending.now) });
      }
      return undefined;
    } catch (thrown) {
      if (execution.interrupted || thrown instanceof KeyboardInterrupt || isInterruptError(thrown)) {
        return { ename: 'KeyboardInterrupt', evalue: 'the execution was interrupted', traceback: ['KeyboardInterrupt: the execution was interrupted'] };
      }
      return describeError(thrown, (name) => cells.get(name));
    } finally {
      running = undefined;
    }
  };

  const rememberCell = (fileName: string, cellId: string, compiled: CompiledCell) => {
    cells.set(fileName, { cellId, originalPosition: (line, column) => compiler.originalPosition(compiled, line, column) });
    if (cells.size > MAX_REMEMBERED_CELLS) cells.delete(cells.keys().next().value!);
  };

  const execute = (request: ExecuteRequest) =>
    busyWhile(request, async () => {
      waiting.delete(request);
      if (aborted.has(request)) {
        send('execute_reply', { status: 'aborted', execution_count: executionCount }, request);
        return;
      }
      const { silent = false, store_history: storeHistory = true } = request.content;
      if (!silent && storeHistory) executionCount++;
      const count = executionCount;
      const execution = createExecution(request);
      lastExecution = execution;
      let error: CellError | undefined;
      try {
        await ready;
        error = await runCell(request, execution, count);
      } catch (thrown) {
        error = describeError(thrown, () => undefined);
      }
      flushStream();
      if (error) {
        send('error', error, request);
        send('execute_reply', { status: 'error', execution_count: count, ...error }, request);
        // Jupyter's stop_on_error: a failed cell aborts the ones queued behind it ("run all" stops there).
        abortWaiting();
      } else {
        send('execute_reply', { status: 'ok', execution_count: count }, request);
      }
    });

  const restart = async (request: KernelMessageOf<'restart_request'>) => {
    running?.interrupt();
    lastExecution?.interrupt();
    abortWaiting();
    await enqueue(() =>
      busyWhile(request, async () => {
        await ready.catch(() => {});
        hooks.clearTimers();
        for (const [name, original] of declaredGlobals) {
          if (original) Object.defineProperty(global, name, original);
          else delete (global as Record<string, unknown>)[name];
        }
        declaredGlobals.clear();
        cells.clear();
        installGlobals();
        executionCount = 0;
        lastExecution = undefined;
        // Disposes every tensor and variable the cells made; the backend starts afresh.
        tf?.engine().reset();
        try {
          const choice = await startBackend(request.content.backend ?? options.backend);
          send('restart_reply', choice.notice ? { status: 'error', backend, evalue: choice.notice } : { status: 'ok', backend }, request);
        } catch (error) {
          send('restart_reply', { status: 'error', evalue: error instanceof Error ? error.message : String(error) }, request);
        }
      }),
    );
  };

  const kernelInfo = (request: KernelMessage) =>
    busyWhile(request, async () => {
      await ready.catch(() => {});
      send(
        'kernel_info_reply',
        {
          status: 'ok',
          protocol_version: PROTOCOL_VERSION,
          implementation: 'cohort',
          implementation_version: IMPLEMENTATION_VERSION,
          language_info: { name: 'typescript', version: '5.9', mimetype: 'text/typescript', file_extension: '.ts' },
          backend,
          backends: await (backendsHere ??= availableBackends(options.backends, order)),
          runtime: options.runtime,
        },
        request,
      );
    });

  const interrupt = (request: KernelMessage) =>
    busyWhile(request, async () => {
      const interrupted = running ? runningTask : undefined;
      running?.interrupt();
      // The interrupted execution's error, reply and idle go out before this reply.
      await interrupted?.catch(() => {});
      send('interrupt_reply', { status: 'ok' }, request);
    });

  return {
    ready,
    handle(message) {
      switch (message.header.msg_type) {
        case 'execute_request': {
          const request = message as ExecuteRequest;
          waiting.add(request);
          return enqueue(() => (runningTask = execute(request)));
        }
        case 'kernel_info_request':
          return kernelInfo(message);
        case 'interrupt_request':
          return interrupt(message);
        case 'restart_request':
          return restart(message as KernelMessageOf<'restart_request'>);
        default:
          // Replies and outputs are the kernel's to send; receiving one is ignored, as Jupyter kernels do.
          return Promise.resolve();
      }
    },
    dispose() {
      running?.interrupt();
      hooks.clearTimers();
      hooks.restore();
      for (const name of Object.keys(cellGlobals)) delete (global as Record<string, unknown>)[name];
    },
  };
}
