import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, kernels, workers } from '@cohort/db';
import { closeCodes } from './close-codes.ts';
import { connectKernel, contentsOf, freshWorkerDatabase, resultOf, startWorkerProcess, stdoutOf, type KernelConnection, type TestDatabase, type WorkerProcess } from './testing.ts';

// Real worker processes (each starts a probe kernel) and real kernel processes on two shared cores.
const timeout = 60_000;

describe('a worker process running kernels', { timeout }, () => {
  let database: TestDatabase;
  let worker: WorkerProcess;
  let notebookId: string;
  const open: KernelConnection[] = [];
  const connect = (kernelId = crypto.randomUUID()) => {
    const connection = connectKernel({ workerUrl: worker.url, kernelId, notebookId });
    open.push(connection);
    return connection;
  };

  beforeAll(async () => {
    database = await freshWorkerDatabase();
    notebookId = await database.createNotebook();
    worker = await startWorkerProcess(database.url, { COHORT_KERNEL_OUTPUT_LIMIT_BYTES: '4096', COHORT_KERNEL_MEMORY_MB: '512' });
  }, 120_000);
  afterAll(async () => {
    for (const connection of open) connection.close();
    await worker?.stop();
    await database?.drop();
  });

  it('WORKER-REG-1 registers itself with its URL, capacity, backends and device', async () => {
    const [row] = await database.database.db.select().from(workers).where(eq(workers.id, worker.id));
    expect(row).toMatchObject({ url: worker.url, capacity: 4, backends: ['wasm', 'cpu'], device: 'CPU (WebAssembly)', stoppedAt: null });
  });

  it('WORKER-WS-2 WORKER-KERNEL-1 starts a kernel on connect, reports its backend, and keeps state between cells', async () => {
    const kernelId = crypto.randomUUID();
    const kernel = connect(kernelId);
    const info = await kernel.ready;
    expect(info).toMatchObject({ backend: { name: 'wasm', device: 'CPU (WebAssembly)', software: false }, runtime: 'node', backends: ['wasm', 'cpu'] });
    await kernel.execute('const x: number = 20;');
    const second = await kernel.execute('console.log("x is", x); x * 2 + 2');
    expect(stdoutOf(second)).toBe('x is 20\n');
    expect(resultOf(second)).toBe('42');
    const [row] = await database.database.db.select().from(kernels).where(eq(kernels.id, kernelId));
    expect(row).toMatchObject({ notebookId, workerId: worker.id, state: 'idle', backend: 'wasm', device: 'CPU (WebAssembly)' });
  });
});
