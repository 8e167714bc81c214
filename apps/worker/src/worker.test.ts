import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq, kernels, workers } from '@cohort/db';
import { parentMessageId } from '@cohort/kernel/protocol';
import { closeCodes } from './close-codes.ts';
import { createKernelTokens } from '@cohort/sync-auth/kernel-token';
import { answering, connectKernel, contentsOf, freshWorkerDatabase, resultOf, startWorkerProcess, stdoutOf, testSecret, type KernelConnection, type TestDatabase, type WorkerProcess } from './testing.ts';

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
    worker = await startWorkerProcess(database.url, { COHORT_KERNEL_OUTPUT_LIMIT_BYTES: '4096', COHORT_WORKER_CAPACITY: '12' });
  }, 120_000);
  afterAll(async () => {
    for (const connection of open) connection.close();
    await worker?.stop();
    await database?.drop();
  });

  it('WORKER-REG-1 registers itself with its URL, capacity, backends and device', async () => {
    const [row] = await database.database.db.select().from(workers).where(eq(workers.id, worker.id));
    expect(row).toMatchObject({ url: worker.url, capacity: 12, backends: ['wasm', 'cpu'], device: 'CPU (WebAssembly)', stoppedAt: null });
  });

  it('WORKER-WS-1 WORKER-WS-2 WORKER-KERNEL-1 starts a kernel on connect, reports its backend, and keeps state between cells', async () => {
    const kernelId = crypto.randomUUID();
    const kernel = connect(kernelId);
    const info = await kernel.ready;
    expect(info).toMatchObject({ backend: { name: 'wasm', device: 'CPU (WebAssembly)', software: false }, runtime: 'node', backends: ['wasm', 'cpu'] });
    await kernel.execute('const x: number = 20;');
    const second = await kernel.execute('console.log("x is", x); x * 2 + 2');
    expect(stdoutOf(second)).toBe('x is 20\n');
    expect(resultOf(second)).toBe('42');
    // The worker records the state after relaying the idle status.
    const row = await vi.waitUntil(async () => (await database.database.db.select().from(kernels).where(eq(kernels.id, kernelId))).find((r) => r.state === 'idle'));
    expect(row).toMatchObject({ notebookId, workerId: worker.id, backend: 'wasm', device: 'CPU (WebAssembly)', endedAt: null });
  });

  it('WORKER-KERNEL-3 interrupt stops a synchronous infinite loop within 2 s and keeps the state', async () => {
    const kernel = connect();
    await kernel.execute('const kept = "still here";');
    const loopId = kernel.send('execute_request', { code: 'while (true) {}', cell_id: 'loop' });
    await kernel.waitFor(answering(loopId, 'status'));
    const started = performance.now();
    const interrupt = await kernel.request('interrupt_request', {});
    const loopReply = await kernel.waitFor(answering(loopId, 'execute_reply'));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(loopReply.content).toMatchObject({ status: 'error', ename: 'KeyboardInterrupt' });
    expect(contentsOf(interrupt, 'interrupt_reply')).toEqual([{ status: 'ok' }]);
    expect(resultOf(await kernel.execute('kept'))).toBe("'still here'");
  });

  it('WORKER-KERNEL-3 interrupt ends an awaiting loop too', async () => {
    const kernel = connect();
    // A cell sent before the backend is ready counts as queued, and queued cells are not interrupted (KERNEL-INT-1).
    await kernel.ready;
    const loopId = kernel.send('execute_request', { code: 'let ticks = 0; while (true) { ticks++; await new Promise((r) => setTimeout(r, 5)); }', cell_id: 'async-loop' });
    await kernel.waitFor(answering(loopId, 'status'));
    await kernel.request('interrupt_request', {});
    const reply = await kernel.waitFor(answering(loopId, 'execute_reply'));
    expect(reply.content).toMatchObject({ status: 'error', ename: 'KeyboardInterrupt' });
    const after = await kernel.execute('ticks > 0');
    expect(resultOf(after)).toBe('true');
  });

  it('WORKER-KERNEL-2 restart starts a new process: state cleared, queued runs aborted, late messages of the old process discarded', async () => {
    const kernel = connect();
    await kernel.ready;
    await kernel.execute('const before = 1; setInterval(() => console.log("old process"), 20);');
    const runningId = kernel.send('execute_request', { code: 'while (true) {}', cell_id: 'busy' });
    const queuedId = kernel.send('execute_request', { code: '1', cell_id: 'queued' });
    const restart = await kernel.request('restart_request', {});
    expect(contentsOf(restart, 'restart_reply')).toEqual([{ status: 'ok', backend: { name: 'wasm', device: 'CPU (WebAssembly)', software: false } }]);
    for (const id of [runningId, queuedId]) {
      const reply = await kernel.waitFor(answering(id, 'execute_reply'));
      expect(reply.content).toMatchObject({ status: 'aborted' });
    }
    const after = await kernel.execute('typeof before');
    expect(resultOf(after)).toBe("'undefined'");
    expect(contentsOf(after, 'execute_reply')[0]?.execution_count).toBe(1);
    const restartReplyAt = kernel.messages.findIndex((m) => m.header.msg_type === 'restart_reply');
    expect(kernel.messages.slice(restartReplyAt).filter((m) => m.header.msg_type === 'stream')).toEqual([]);
  });

  it('WORKER-KERNEL-2 a restart naming a backend that cannot start here replies with the reason and runs on the automatic choice', async () => {
    const kernel = connect();
    await kernel.ready;
    const restart = await kernel.request('restart_request', { backend: 'tensorflow' });
    expect(contentsOf(restart, 'restart_reply')).toEqual([
      { status: 'error', backend: { name: 'wasm', device: 'CPU (WebAssembly)', software: false }, evalue: 'tensorflow is not available on this worker (its kernels can run: wasm, cpu)' },
    ]);
  });

  it('WORKER-LIMIT-3 truncates a cell\'s output past the cap with one marker; the reply and later cells are unaffected', async () => {
    const kernel = connect();
    const flood = await kernel.execute('for (let i = 0; i < 2000; i++) console.log(`line ${i} ` + "x".repeat(40));');
    const streams = contentsOf(flood, 'stream');
    const text = streams.map((stream) => stream.text).join('');
    const marker = "[output truncated: this cell's output exceeded the limit of 4 KiB]";
    expect(text.split(marker)).toHaveLength(2);
    expect(Buffer.byteLength(text.replace(marker, '').trim())).toBeLessThanOrEqual(4096);
    expect(text.startsWith('line 0 ')).toBe(true);
    expect(contentsOf(flood, 'execute_reply')).toMatchObject([{ status: 'ok' }]);
    expect(stdoutOf(await kernel.execute('console.log("fresh budget")'))).toBe('fresh budget\n');
  });

  it('WORKER-WS-3 several sockets attach to one kernel and all receive its outputs', async () => {
    const kernelId = crypto.randomUUID();
    const first = connect(kernelId);
    await first.ready;
    const second = connect(kernelId);
    const info = await second.ready;
    expect(info.backend.name).toBe('wasm');
    const run = await first.execute('console.log("to everyone")');
    const msgId = parentMessageId(run[0]!)!;
    const seen = await second.waitFor(answering(msgId, 'stream'));
    expect(seen.content).toMatchObject({ text: 'to everyone\n' });
    second.close();
    await second.closed;
    expect(stdoutOf(await first.execute('console.log("still running")'))).toBe('still running\n');
  });

  it('WORKER-WS-4 a frame that is not a kernel message closes that socket with 4400; the kernel goes on', async () => {
    const kernelId = crypto.randomUUID();
    const good = connect(kernelId);
    await good.ready;
    const bad = connect(kernelId);
    await bad.ready;
    bad.sendRaw('{"header":{"msg_type":"execute_request"}}');
    expect((await bad.closed).code).toBe(closeCodes.badMessage);
    const binary = connect(kernelId);
    await binary.ready;
    binary.sendRaw(Buffer.from([1, 2, 3]));
    expect(await binary.closed).toEqual({ code: closeCodes.badMessage, reason: 'binary frame' });
    expect(resultOf(await good.execute('1 + 1'))).toBe('2');
  });

  it('WORKER-AUTH-2 refuses a forged or expired token, or one for another kernel, with 4401 and starts no kernel', async () => {
    const kernelId = crypto.randomUUID();
    const tokens = createKernelTokens({ secret: testSecret });
    const expiredToken = tokens.sign({ nb: notebookId, kid: kernelId, exp: Math.floor(Date.now() / 1000) - 1 });
    const otherKernelToken = tokens.sign({ nb: notebookId, kid: crypto.randomUUID(), exp: Math.floor(Date.now() / 1000) + 60 });
    const forgedToken = createKernelTokens({ secret: 'x'.repeat(40) }).sign({ nb: notebookId, kid: kernelId, exp: Math.floor(Date.now() / 1000) + 60 });
    const attempt = (token: string) => connectKernel({ workerUrl: worker.url, kernelId, notebookId, token }).closed;
    expect(await attempt(forgedToken)).toEqual({ code: closeCodes.unauthenticated, reason: 'kernel token forged' });
    expect(await attempt(expiredToken)).toEqual({ code: closeCodes.unauthenticated, reason: 'kernel token expired' });
    expect(await attempt('')).toEqual({ code: closeCodes.unauthenticated, reason: 'kernel token malformed' });
    expect(await attempt(otherKernelToken)).toEqual({ code: closeCodes.unauthenticated, reason: 'the token is for another kernel' });
    expect(await database.database.db.select().from(kernels).where(eq(kernels.id, kernelId))).toEqual([]);
  });
});
