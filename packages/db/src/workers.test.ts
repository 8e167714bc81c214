import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database, Db } from './client.ts';
import { migrate, readMigrations } from './migrate.ts';
import { kernels, notebooks, users, workers } from './schema.ts';
import { testDatabases } from './testing.ts';
import { liveKernelOf, markDeadWorkers, pickWorker } from './workers.ts';

const now = new Date('2026-11-26T12:00:00Z');
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe.each(testDatabases())('scheduling on $name', (testDb) => {
  let database: Database;
  let db: Db;
  let notebookId: string;
  beforeAll(async () => {
    database = await testDb.open();
    await migrate(database, readMigrations(join(import.meta.dirname, '../../../migrations')));
    db = database.db;
    const [user] = await db.insert(users).values({ email: 'ana@example.com', handle: 'ana', name: 'Ana' }).returning();
    const [notebook] = await db.insert(notebooks).values({ title: 'CNN', ownerUserId: user!.id }).returning();
    notebookId = notebook!.id;
  });
  afterAll(() => database?.close());

  const addWorker = async (url: string, values: { capacity?: number; heartbeatAt?: Date; stoppedAt?: Date } = {}) => {
    const [row] = await db.insert(workers).values({ url, capacity: 2, backends: ['wasm', 'cpu'], device: 'CPU (WebAssembly)', heartbeatAt: now, ...values }).returning();
    return row!.id;
  };
  const addKernel = async (workerId: string, state: 'starting' | 'idle' | 'busy' | 'dead' = 'idle') => {
    const id = crypto.randomUUID();
    await db.insert(kernels).values({ id, notebookId, workerId, state });
    return id;
  };
  const clear = async () => {
    await db.delete(kernels);
    await db.delete(workers);
  };

  it('WORKER-SCHED-1 pickWorker takes the live worker with the lowest load for its capacity, skipping full, stale and stopped ones', async () => {
    await clear();
    const busy = await addWorker('ws://busy', { capacity: 2 });
    const light = await addWorker('ws://light', { capacity: 4 });
    const full = await addWorker('ws://full', { capacity: 1 });
    await addWorker('ws://stale', { heartbeatAt: secondsAgo(60) });
    await addWorker('ws://stopped', { stoppedAt: secondsAgo(1) });
    await addKernel(busy);
    await addKernel(light);
    await addKernel(light, 'dead');
    await addKernel(full, 'busy');
    expect(await pickWorker(db, { now })).toMatchObject({ id: light, url: 'ws://light', load: 1, capacity: 4 });
    await addKernel(light);
    await addKernel(light);
    // light: 3/4 now, busy 1/2.
    expect(await pickWorker(db, { now })).toMatchObject({ id: busy, load: 1 });
    await addKernel(busy);
    await addKernel(light);
    expect(await pickWorker(db, { now })).toBeNull();
  });

  it('WORKER-SCHED-1 a heartbeat within the liveness window keeps a worker live', async () => {
    await clear();
    const worker = await addWorker('ws://recent', { heartbeatAt: secondsAgo(10) });
    expect((await pickWorker(db, { now }))?.id).toBe(worker);
    expect(await pickWorker(db, { now, livenessMs: 5_000 })).toBeNull();
  });

  it('WORKER-SCHED-2 liveKernelOf finds the notebook\'s kernel that is not dead, on a live worker, with the URL to reach it', async () => {
    await clear();
    const worker = await addWorker('ws://gpu-1:3002');
    expect(await liveKernelOf(db, notebookId, { now })).toBeNull();
    await addKernel(worker, 'dead');
    const kernelId = await addKernel(worker, 'busy');
    expect(await liveKernelOf(db, notebookId, { now })).toEqual({ kernelId, workerId: worker, workerUrl: 'ws://gpu-1:3002', state: 'busy', backend: null, device: null });
    await db.update(workers).set({ heartbeatAt: secondsAgo(60) }).where(eq(workers.id, worker));
    expect(await liveKernelOf(db, notebookId, { now })).toBeNull();
  });

  it('WORKER-SCHED-3 markDeadWorkers marks the kernels of workers that stopped heart-beating dead, with a reason, once', async () => {
    await clear();
    const live = await addWorker('ws://live');
    const gone = await addWorker('ws://gone', { heartbeatAt: secondsAgo(30) });
    const liveKernel = await addKernel(live, 'busy');
    const lostKernel = await addKernel(gone, 'busy');
    await addKernel(gone, 'dead');
    expect(await markDeadWorkers(db, { now })).toEqual([{ kernelId: lostKernel, notebookId, reason: 'its worker (ws://gone) stopped responding' }]);
    expect(await markDeadWorkers(db, { now })).toEqual([]);
    const states = Object.fromEntries((await db.select().from(kernels)).map((row) => [row.id, row]));
    expect(states[liveKernel]).toMatchObject({ state: 'busy', endedAt: null });
    expect(states[lostKernel]).toMatchObject({ state: 'dead', endedAt: now });
  });
});
