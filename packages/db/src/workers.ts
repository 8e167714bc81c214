/**
 * Placing kernels on workers (WORKER-SCHED-*, apps/worker/SPEC.md), for the session host: which live worker takes a
 * new kernel, which kernel a notebook already has, and which kernels died with their worker.
 * A worker is live while its heartbeat is more recent than the liveness window and it has not
 * shut down.
 */
import { and, asc, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { kernels, workers } from './schema.ts';

/** Three missed heartbeats at the default 5 s interval. */
export const defaultLivenessMs = 15_000;

export interface LivenessOptions {
  /** Default: the database's clock. Injectable for tests. */
  now?: Date;
  /** A worker whose latest heartbeat is older than this is dead. */
  livenessMs?: number;
}

export interface PickedWorker {
  id: string;
  url: string;
  capacity: number;
  backends: string[];
  device: string;
  /** Kernels it runs now (not dead). */
  load: number;
}

const cutoff = ({ now, livenessMs = defaultLivenessMs }: LivenessOptions) =>
  now ? sql`${now.toISOString()}::timestamptz - ${livenessMs} * interval '1 millisecond'` : sql`now() - ${livenessMs} * interval '1 millisecond'`;

const liveWorker = (options: LivenessOptions) => and(isNull(workers.stoppedAt), sql`${workers.heartbeatAt} >= ${cutoff(options)}`);

/**
 * The live worker with room for another kernel and the fewest kernels for its capacity (ties: the
 * fewest kernels, then the freshest heartbeat); null when every live worker is full or none is live.
 */
export async function pickWorker(db: Db, options: LivenessOptions = {}): Promise<PickedWorker | null> {
  // Spelled out: drizzle leaves columns unqualified in single-table queries, which a subquery would misread.
  const load = sql<number>`(SELECT count(*) FROM kernels WHERE kernels.worker_id = workers.id AND kernels.state <> 'dead')::int`;
  const [picked] = await db
    .select({ id: workers.id, url: workers.url, capacity: workers.capacity, backends: workers.backends, device: workers.device, load })
    .from(workers)
    .where(and(liveWorker(options), sql`${load} < ${workers.capacity}`))
    .orderBy(sql`${load}::float / ${workers.capacity}`, asc(load), desc(workers.heartbeatAt))
    .limit(1);
  return picked ?? null;
}

export interface LiveKernel {
  kernelId: string;
  workerId: string;
  /** Connect to `${workerUrl}/kernels/${kernelId}?token=…`. */
  workerUrl: string;
  state: 'starting' | 'idle' | 'busy';
  backend: string | null;
  device: string | null;
}

/** The notebook's kernel that is not dead, on a live worker (the newest, should there be several); null if none. */
export async function liveKernelOf(db: Db, notebookId: string, options: LivenessOptions = {}): Promise<LiveKernel | null> {
  const [row] = await db
    .select({ kernelId: kernels.id, workerId: kernels.workerId, workerUrl: workers.url, state: kernels.state, backend: kernels.backend, device: kernels.device })
    .from(kernels)
    .innerJoin(workers, eq(workers.id, kernels.workerId))
    .where(and(eq(kernels.notebookId, notebookId), ne(kernels.state, 'dead'), liveWorker(options)))
    .orderBy(desc(kernels.startedAt))
    .limit(1);
  return row ? { ...row, state: row.state as LiveKernel['state'] } : null;
}

export interface DeadKernel {
  kernelId: string;
  notebookId: string;
  reason: string;
}

/**
 * Marks 'dead' every kernel not yet dead whose worker stopped heart-beating (or shut down without
 * ending it), with the reason, and returns them so the session host can tell their notebooks.
 */
export async function markDeadWorkers(db: Db, options: LivenessOptions = {}): Promise<DeadKernel[]> {
  const reason = sql<string>`'its worker (' || ${workers.url} || ') stopped responding'`;
  const rows = await db
    .update(kernels)
    .set({ state: 'dead', endedAt: options.now ?? sql`now()`, reason })
    .from(workers)
    .where(and(eq(workers.id, kernels.workerId), ne(kernels.state, 'dead'), sql`NOT (${liveWorker(options)})`))
    .returning({ kernelId: kernels.id, notebookId: kernels.notebookId, reason: kernels.reason });
  return rows.map((row) => ({ ...row, reason: row.reason ?? '' }));
}
