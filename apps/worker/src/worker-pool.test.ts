import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { liveKernelOf, markDeadWorkers, pickWorker } from '@cohort/db';
import { connectKernel, freshWorkerDatabase, resultOf, startWorkerProcess, type KernelConnection, type TestDatabase, type WorkerProcess } from './testing.ts';

// Fast heartbeats, so a killed worker is noticed within a second.
const heartbeat = { COHORT_WORKER_HEARTBEAT_SECONDS: '0.2', COHORT_WORKER_CAPACITY: '2' };
const livenessMs = 1_000;

describe('two worker processes share the load; a killed one loses its kernels', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let pool: WorkerProcess[];
  let notebookId: string;
  const open: KernelConnection[] = [];
  const startOn = async (workerUrl: string) => {
    const kernelId = crypto.randomUUID();
    const kernel = connectKernel({ workerUrl, kernelId, notebookId });
    open.push(kernel);
    await kernel.ready;
    return { kernelId, kernel };
  };

  beforeAll(async () => {
    database = await freshWorkerDatabase();
    notebookId = await database.createNotebook();
    pool = await Promise.all([startWorkerProcess(database.url, heartbeat), startWorkerProcess(database.url, heartbeat)]);
  }, 120_000);
  afterAll(async () => {
    for (const kernel of open) kernel.close();
    await Promise.all(pool.map((worker) => worker.stop()));
    await database?.drop();
  });

  it('WORKER-REG-2 WORKER-SCHED-1 WORKER-SCHED-2 WORKER-SCHED-3 pickWorker spreads kernels over both workers; after a SIGKILL markDeadWorkers reports the lost kernel and the notebook restarts elsewhere', async () => {
    const { db } = database.database;
    const first = await pickWorker(db, { livenessMs });
    expect(first).toMatchObject({ load: 0, capacity: 2 });
    const lost = await startOn(first!.url);
    const second = await pickWorker(db, { livenessMs });
    expect(second?.id).not.toBe(first!.id);
    expect(second).toMatchObject({ load: 0 });
    const survivor = await startOn(second!.url);

    const killed = pool.find((worker) => worker.id === first!.id)!;
    await killed.stop('SIGKILL');
    expect((await lost.kernel.closed).code).toBe(1006);
    const dead = await vi.waitUntil(async () => {
      const marked = await markDeadWorkers(db, { livenessMs });
      return marked.length > 0 ? marked : undefined;
    }, { timeout: 10_000, interval: 100 });
    expect(dead).toEqual([{ kernelId: lost.kernelId, notebookId, reason: `its worker (${killed.url}) stopped responding` }]);

    // The survivor's kernel is untouched; the next kernel goes to the live worker.
    expect(resultOf(await survivor.kernel.execute('1 + 1'))).toBe('2');
    expect(await liveKernelOf(db, notebookId, { livenessMs })).toMatchObject({ kernelId: survivor.kernelId, workerUrl: second!.url });
    const next = await pickWorker(db, { livenessMs });
    expect(next).toMatchObject({ id: second!.id, load: 1 });
    const restarted = await startOn(next!.url);
    expect(resultOf(await restarted.kernel.execute('"running again"'))).toBe("'running again'");
  });
});
