import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq, kernels, workers } from '@cohort/db';
import { closeCodes } from './close-codes.ts';
import { answering, connectKernel, freshWorkerDatabase, resultOf, startWorkerProcess, stdoutOf, type TestDatabase, type WorkerProcess } from './testing.ts';

const idleMinutes = 0.05; // 3 s

describe('kernels end: out of memory, idle, worker shutdown', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let worker: WorkerProcess;
  let notebookId: string;
  const kernelRow = async (kernelId: string) => (await database.database.db.select().from(kernels).where(eq(kernels.id, kernelId)))[0];
  const startKernel = async (kernelId = crypto.randomUUID()) => {
    const kernel = connectKernel({ workerUrl: worker.url, kernelId, notebookId });
    await kernel.ready;
    return kernel;
  };

  beforeAll(async () => {
    database = await freshWorkerDatabase();
    notebookId = await database.createNotebook();
    worker = await startWorkerProcess(database.url, { COHORT_KERNEL_MEMORY_MB: '160', COHORT_KERNEL_IDLE_MINUTES: String(idleMinutes), COHORT_KERNEL_INTERRUPT_GRACE_SECONDS: '1' });
  }, 120_000);
  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await database?.drop();
  });

  it('WORKER-LIMIT-1 WORKER-KERNEL-5 a cell allocating without end gets a clear out-of-memory error, the kernel is dead, the worker serves other kernels', async () => {
    const kernelId = crypto.randomUUID();
    const kernel = await startKernel(kernelId);
    const hogId = kernel.send('execute_request', { code: 'const hog: number[][] = []; while (true) hog.push(new Array(100_000).fill(1));', cell_id: 'hog' });
    const error = await kernel.waitFor(answering(hogId, 'error'));
    const reason = 'out of memory: the kernel used more than its 160 MiB heap limit and was stopped';
    expect(error.content).toEqual({ ename: 'OutOfMemoryError', evalue: reason, traceback: [`OutOfMemoryError: ${reason}`] });
    expect((await kernel.waitFor(answering(hogId, 'execute_reply'))).content).toMatchObject({ status: 'error' });
    await kernel.waitFor(answering(hogId, 'status'));
    expect(await kernel.closed).toEqual({ code: closeCodes.kernelGone, reason: 'out of memory: the kernel used more than its 160 MiB heap limit and was stopped' });
    await vi.waitUntil(async () => (await kernelRow(kernelId))?.state === 'dead');
    expect(await kernelRow(kernelId)).toMatchObject({ state: 'dead', reason });
    const again = connectKernel({ workerUrl: worker.url, kernelId, notebookId });
    expect(await again.closed).toEqual({ code: closeCodes.kernelGone, reason });

    const other = await startKernel();
    expect(resultOf(await other.execute('6 * 7'))).toBe('42');
    other.close();
  });

  it('WORKER-LIMIT-2 WORKER-KERNEL-5 a kernel without an execution for the idle time is stopped, its scratch folder removed, and reconnecting says why', async () => {
    const kernelId = crypto.randomUUID();
    const kernel = await startKernel(kernelId);
    const { scratch } = JSON.parse(stdoutOf(await kernel.execute('console.log(JSON.stringify({ scratch: process.cwd() }))')));
    expect(existsSync(scratch)).toBe(true);
    const reason = 'kernel was stopped after 0.05 minutes idle';
    expect(await kernel.closed).toEqual({ code: closeCodes.kernelGone, reason });
    await vi.waitUntil(async () => (await kernelRow(kernelId))?.state === 'dead');
    expect(await kernelRow(kernelId)).toMatchObject({ reason });
    expect(existsSync(scratch)).toBe(false);
    const again = connectKernel({ workerUrl: worker.url, kernelId, notebookId });
    expect(await again.closed).toEqual({ code: closeCodes.kernelGone, reason });
  });

  it('WORKER-KERNEL-4 a loop that neither SIGINT nor the interrupt request can reach ends the kernel after the grace period', async () => {
    const kernel = await startKernel();
    // A microtask loop: never inside vm's breakOnSigint, never yielding to the IPC channel.
    const loopId = kernel.send('execute_request', { code: 'while (true) await null;', cell_id: 'spin' });
    await kernel.waitFor(answering(loopId, 'status'));
    kernel.send('interrupt_request', {});
    const reason = 'the kernel did not stop within 1 s of an interrupt and was stopped';
    expect((await kernel.waitFor(answering(loopId, 'error'))).content).toMatchObject({ ename: 'KernelStopped', evalue: reason });
    expect(await kernel.closed).toEqual({ code: closeCodes.kernelGone, reason });
  });

  it('WORKER-REG-3 SIGTERM ends the running kernels (reported dead, "the worker shut down") and marks the worker stopped', async () => {
    const kernelId = crypto.randomUUID();
    const kernel = await startKernel(kernelId);
    const runId = kernel.send('execute_request', { code: 'await new Promise(() => {})', cell_id: 'forever' });
    await kernel.waitFor(answering(runId, 'status'));
    await worker.stop('SIGTERM');
    expect((await kernel.waitFor(answering(runId, 'error'))).content).toMatchObject({ ename: 'KernelStopped', evalue: 'the worker shut down' });
    expect(await kernel.closed).toEqual({ code: closeCodes.kernelGone, reason: 'the worker shut down' });
    expect(await kernelRow(kernelId)).toMatchObject({ state: 'dead', reason: 'the worker shut down' });
    const [row] = await database.database.db.select().from(workers).where(eq(workers.id, worker.id));
    expect(row?.stoppedAt).toBeInstanceOf(Date);
  });
});
