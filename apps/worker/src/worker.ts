/**
 * The kernel worker (WORKER-*): registers itself in the database and heart-beats, accepts kernel
 * sockets at `/kernels/<kernelId>?token=…`, starts one kernel process per kernel id (or attaches to
 * the running one) and relays the kernel protocol both ways. `createWorker` takes options only, so
 * `npm start` can embed a worker on its own port; `main.ts` runs one on its own.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { eq, kernels, violatedUniqueConstraint, workers, type Db } from '@cohort/db';
import { createMessage, parseKernelMessage, type BackendName, type MessageContent } from '@cohort/kernel/protocol';
import { createKernelTokens } from '@cohort/sync-auth/kernel-token';
import { closeCodes, closeReason } from './close-codes.ts';
import { ensureKernelBundle } from './kernel-bundle.ts';
import { findKernelModules, launchKernelProcess, type KernelLaunchOptions, type KernelProcess } from './kernel-launcher.ts';
import { createKernelSupervisor, type KernelChange, type KernelSupervisor } from './kernel-supervisor.ts';

export interface WorkerOptions {
  db: Db;
  /** The secret the session host's kernel tokens are signed with (the app's AUTH_SECRET). */
  authSecret: string;
  /** How others reach this worker, e.g. ws://gpu-1.internal:3002; recorded in the workers table. */
  url: string;
  /** Kernels it runs at most. */
  capacity: number;
  /** Heap cap of each kernel process, in MiB. */
  memoryLimitMb: number;
  /** A kernel without an execution for this long is stopped. */
  idleMs: number;
  /** Output one execution may add (UTF-8 bytes) before it is truncated. */
  outputLimitBytes: number;
  /** What kernel processes see of the environment (env.ts: PATH and GPU driver variables). */
  kernelEnv: Record<string, string>;
  /** Default 5 s. */
  heartbeatMs?: number;
  /** How long an interrupted execution may take to end before its kernel is stopped; default 10 s. */
  interruptGraceMs?: number;
  /** Largest frame a socket may send; default 16 MiB. */
  maxFrameBytes?: number;
  /** Where the kernel bundle is cached; default node_modules/.cache/cohort-worker. */
  bundleDir?: string;
  /** Where kernels' scratch folders are made; default the OS temporary folder. */
  scratchRoot?: string;
  log?: (line: string) => void;
}

export interface KernelWorker {
  readonly id: string;
  readonly url: string;
  /** The backends its kernels can run and the device of the automatic choice, as registered. */
  readonly backends: BackendName[];
  readonly device: string;
  /** Kernels running now. */
  readonly kernelCount: number;
  /** Takes an upgrade request for `/kernels/<id>`; returns false (and leaves the socket alone) for other paths. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Ends every kernel (marked dead: "the worker shut down"), stops heart-beating and marks the worker stopped. */
  close(): Promise<void>;
}

/** The notebook a kernel token names is not in the database (drizzle wraps the driver's error). */
function isForeignKeyViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23503') return true;
  }
  return false;
}

const kernelPath = /^\/kernels\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
type Refusal = { code: number; reason: string };

/** Starts a kernel process just to ask it which backends load here (registered with the worker). */
async function probeBackends(launch: () => KernelProcess): Promise<MessageContent<'kernel_info_reply'>> {
  const process = launch();
  const request = createMessage('kernel_info_request', {});
  try {
    return await new Promise((resolve, reject) => {
      process.onMessage((frame) => {
        const parsed = parseKernelMessage(frame);
        if (parsed.ok && parsed.message.header.msg_type === 'kernel_info_reply') resolve(parsed.message.content as MessageContent<'kernel_info_reply'>);
      });
      void process.exited.then((exit) => reject(new Error(`the kernel process could not start (${exit.signal ?? `exit code ${exit.code}`}):\n${exit.stderrTail}`)));
      process.send(request);
    });
  } finally {
    process.kill();
    await process.exited;
  }
}

export async function createWorker(options: WorkerOptions): Promise<KernelWorker> {
  const log = options.log ?? ((line: string) => console.error(line));
  const { db } = options;
  const tokens = createKernelTokens({ secret: options.authSecret });
  const launchOptions: Omit<KernelLaunchOptions, 'backend'> = {
    bundle: await ensureKernelBundle(options.bundleDir),
    modules: findKernelModules(),
    memoryLimitMb: options.memoryLimitMb,
    env: options.kernelEnv,
    ...(options.scratchRoot ? { scratchRoot: options.scratchRoot } : {}),
  };
  const launch = (backend?: BackendName) => launchKernelProcess({ ...launchOptions, ...(backend ? { backend } : {}) });
  const probe = await probeBackends(launch);

  const [registered] = await db
    .insert(workers)
    .values({ url: options.url, capacity: options.capacity, backends: probe.backends, device: probe.backend.device })
    .returning({ id: workers.id });
  const workerId = registered!.id;
  const identity = { session: workerId, username: 'cohort-worker' };

  const heartbeat = setInterval(() => {
    db.update(workers)
      .set({ heartbeatAt: new Date() })
      .where(eq(workers.id, workerId))
      .catch((error: unknown) => log(`worker: heartbeat failed: ${String(error)}`));
  }, options.heartbeatMs ?? 5_000);
  heartbeat.unref();

  const supervisors = new Map<string, KernelSupervisor>();
  /** Kernels being set up (database row, process): sockets for the same id wait for the same outcome. */
  const starting = new Map<string, Promise<KernelSupervisor | Refusal>>();
  let closing = false;

  /** Each kernel's row changes in the order its changes happened; close() waits for the last write. */
  const kernelWrites = new Map<string, Promise<void>>();
  const recordChange = (kernelId: string) => {
    return (change: KernelChange) => {
      const values = {
        state: change.state,
        ...(change.info ? { backend: change.info.backend.name, device: change.info.backend.device } : {}),
        ...(change.state === 'dead' ? { endedAt: new Date(), reason: change.reason ?? null } : {}),
      };
      const written = (kernelWrites.get(kernelId) ?? Promise.resolve())
        .then(() => db.update(kernels).set(values).where(eq(kernels.id, kernelId)))
        .then(
          () => {},
          (error: unknown) => log(`worker: recording kernel ${kernelId} as ${change.state} failed: ${String(error)}`),
        );
      kernelWrites.set(kernelId, written);
      if (change.state === 'dead') void written.then(() => kernelWrites.get(kernelId) === written && kernelWrites.delete(kernelId));
    };
  };

  const startKernel = async (kernelId: string, notebookId: string, backend: BackendName | undefined): Promise<KernelSupervisor | Refusal> => {
    const [existing] = await db.select({ workerId: kernels.workerId, state: kernels.state, reason: kernels.reason }).from(kernels).where(eq(kernels.id, kernelId));
    if (existing?.state === 'dead') return { code: closeCodes.kernelGone, reason: existing.reason ?? 'the kernel has ended' };
    if (existing) {
      return existing.workerId === workerId
        ? { code: closeCodes.kernelGone, reason: 'the kernel has ended' }
        : { code: closeCodes.conflict, reason: 'the kernel runs on another worker' };
    }
    if (supervisors.size + starting.size > options.capacity) return { code: closeCodes.atCapacity, reason: `the worker runs ${options.capacity} kernels, its capacity` };
    try {
      await db.insert(kernels).values({ id: kernelId, notebookId, workerId, state: 'starting' });
    } catch (error) {
      if (violatedUniqueConstraint(error) !== null) return { code: closeCodes.conflict, reason: 'the kernel runs on another worker' };
      if (isForeignKeyViolation(error)) return { code: closeCodes.notFound, reason: 'no such notebook' };
      throw error;
    }
    const supervisor = createKernelSupervisor({
      kernelId,
      launch,
      ...(backend ? { backend } : {}),
      idleMs: options.idleMs,
      outputLimitBytes: options.outputLimitBytes,
      memoryLimitMb: options.memoryLimitMb,
      interruptGraceMs: options.interruptGraceMs ?? 10_000,
      identity,
      onChange: recordChange(kernelId),
      log,
    });
    supervisors.set(kernelId, supervisor);
    void supervisor.ended.then(() => supervisors.delete(kernelId));
    return supervisor;
  };

  const connect = async (socket: WebSocket, kernelId: string, token: string) => {
    const refuse = ({ code, reason }: Refusal) => socket.close(code, closeReason(reason));
    const verified = tokens.verify(token);
    if (!verified.ok) return refuse({ code: closeCodes.unauthenticated, reason: `kernel token ${verified.reason}` });
    if (verified.payload.kid !== kernelId) return refuse({ code: closeCodes.unauthenticated, reason: 'the token is for another kernel' });
    if (closing) return refuse({ code: closeCodes.goingAway, reason: 'the worker is shutting down' });

    // Frames that arrive while the kernel is being set up are handled in order afterwards.
    const early: Array<{ data: Buffer; isBinary: boolean }> = [];
    let onFrame = (data: Buffer, isBinary: boolean): void => {
      early.push({ data, isBinary });
    };
    socket.on('message', (data: Buffer, isBinary) => onFrame(data, isBinary));

    let supervisor: KernelSupervisor | Refusal | undefined = supervisors.get(kernelId);
    if (!supervisor) {
      let setUp = starting.get(kernelId);
      if (!setUp) {
        setUp = startKernel(kernelId, verified.payload.nb, verified.payload.backend).finally(() => starting.delete(kernelId));
        starting.set(kernelId, setUp);
      }
      supervisor = await setUp.catch((error: unknown) => {
        log(`worker: starting kernel ${kernelId} failed: ${String(error)}`);
        return { code: 1011, reason: 'the worker could not start the kernel' };
      });
    }
    if (!('attach' in supervisor)) return refuse(supervisor);
    if (socket.readyState !== socket.OPEN) return;
    const kernel = supervisor;
    const detach = kernel.attach({
      send: (message) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
      },
      close: (code, reason) => socket.close(code, closeReason(reason)),
    });
    socket.on('close', detach);
    onFrame = (data, isBinary) => {
      const parsed = isBinary ? ({ ok: false, error: 'binary frame' } as const) : parseKernelMessage(data.toString('utf8'));
      if (!parsed.ok) return refuse({ code: closeCodes.badMessage, reason: parsed.error });
      kernel.handle(parsed.message);
    };
    for (const frame of early.splice(0)) onFrame(frame.data, frame.isBinary);
  };

  const sockets = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes ?? 16 * 1024 * 1024 });

  return {
    id: workerId,
    url: options.url,
    backends: probe.backends,
    device: probe.backend.device,
    get kernelCount() {
      return supervisors.size;
    },
    handleUpgrade(request, socket, head) {
      const url = new URL(request.url ?? '/', 'http://worker');
      const match = kernelPath.exec(url.pathname);
      if (!match) return false;
      const token = url.searchParams.get('token') ?? '';
      sockets.handleUpgrade(request, socket, head, (ws) => {
        ws.on('error', () => {});
        void connect(ws, match[1]!, token);
      });
      return true;
    },
    async close() {
      closing = true;
      clearInterval(heartbeat);
      await Promise.all([...starting.values()].map((setUp) => setUp.catch(() => undefined)));
      await Promise.all([...supervisors.values()].map((supervisor) => supervisor.stop('the worker shut down')));
      await Promise.all(kernelWrites.values());
      await db.update(workers).set({ stoppedAt: new Date() }).where(eq(workers.id, workerId));
      for (const client of sockets.clients) client.close(closeCodes.goingAway, 'the worker is shutting down');
      sockets.close();
    },
  };
}
