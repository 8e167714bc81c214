import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Database, Db } from '@cohort/db';
import { testDatabases } from '@cohort/db/testing';
import { openNotebook, ORIGIN, type CodeCell, type Notebook } from '@cohort/notebook';
import { readRunRecord } from '@cohort/session';
import { messageTypes } from '@cohort/sync-auth';
import type { SyncExtension } from './extension.ts';
import { startFakeWorker, type FakeWorker } from './fake-worker.ts';
import { awarenessUpdate, frame, rawClient } from './raw-socket.ts';
import { noWorkerNotice, restartNotice } from './remote-session.ts';
import { connectClient, docSatisfies, kernelStateOf, kernelStateWhere, within, type TestClient } from './testing.ts';
import { createNotebook, createUser, migrated, startTestSyncServer, testOrigin, testSecret, tokenFor, type TestSyncServer } from './test-server.ts';

process.setMaxListeners(64);

const cellOf = (notebook: Notebook, cellId: string) => notebook.cell(cellId) as CodeCell;
const textOf = (cell: CodeCell) => cell.outputs.map((output) => (output.output_type === 'stream' ? output.text : output.output_type === 'error' ? `${output.ename}: ${output.evalue}` : '')).join('');

describe.each(testDatabases())('the session host on $name', { timeout: 30_000 }, (testDb) => {
  let database: Database;
  let db: Db;
  let server: TestSyncServer;
  let ana: string;
  const unloads: Array<(notebookId: string) => void> = [];
  /** Server changes applied per notebook. */
  const applied = new Map<string, number>();
  const watcher: SyncExtension = {
    afterApplyUpdates: ({ notebookId }) => void applied.set(notebookId, (applied.get(notebookId) ?? 0) + 1),
    afterUnloadDocument: ({ notebookId }) => unloads.forEach((listener) => listener(notebookId)),
  };
  const unloaded = (notebookId: string) => within(10_000, `unload of ${notebookId}`, new Promise<void>((resolve) => unloads.push((id) => id === notebookId && resolve())));
  let workers: FakeWorker[] = [];
  let clients: TestClient[] = [];

  beforeAll(async () => {
    database = await testDb.open();
    db = await migrated(database);
    ana = await createUser(db, 'Ana');
    server = await startTestSyncServer(db, {
      idleUnloadMs: 150,
      sessions: { livenessMs: 1_000, deadWorkerCheckMs: 100, reconnectMs: 50 },
      extensions: [watcher],
    });
  });
  afterEach(async () => {
    for (const client of clients) client.destroy();
    clients = [];
    await Promise.all(workers.map((worker) => worker.close()));
    workers = [];
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  const startWorker = async (backend?: Parameters<typeof startFakeWorker>[2]) => {
    const worker = await startFakeWorker(db, testSecret, backend);
    workers.push(worker);
    return worker;
  };

  async function openLive(notebookId?: string) {
    const id = notebookId ?? (await createNotebook(db, ana));
    const client = connectClient({ serverUrl: server.serverUrl, notebookId: id, token: tokenFor({ userId: ana, notebookId: id, role: 'owner' }), origin: testOrigin });
    clients.push(client);
    await client.synced();
    return { notebookId: id, client, notebook: openNotebook(client.doc) };
  }

  /** Adds a code cell and queues a remote run of it, as the editor does. */
  const runRemote = (notebook: Notebook, source: string) => {
    const cellId = notebook.insertCell(notebook.cellIds().length, { type: 'code', source }, ORIGIN.user);
    const request = notebook.enqueueRun({ cellId, requestedBy: ana, runtime: 'remote' }, ORIGIN.user);
    return { cellId, requestId: request.id };
  };
  const until = (notebook: Notebook, check: () => boolean, what = 'the document') => within(10_000, what, docSatisfies(notebook.doc, check));
  const finished = (notebook: Notebook, cellId: string) => until(notebook, () => readRunRecord(cellOf(notebook, cellId).metadata) !== null && !notebook.runRequests().some((request) => request.cellId === cellId), `run of ${cellId}`);

  it('SYNC-RUN-1 remote runs of every editor are taken in queue order, their outputs, execution counts and run records written into the document; browser runs are left alone', async () => {
    const worker = await startWorker();
    const { notebook } = await openLive();
    const first = runRemote(notebook, 'let x = 1');
    const browserCell = notebook.insertCell(0, { type: 'code', source: 'in my tab' }, ORIGIN.user);
    const browserRun = notebook.enqueueRun({ cellId: browserCell, requestedBy: ana, runtime: 'browser' }, ORIGIN.user);
    const second = runRemote(notebook, 'x + 1');
    await finished(notebook, second.cellId);
    await finished(notebook, first.cellId);

    expect(textOf(cellOf(notebook, first.cellId))).toBe('ran: let x = 1\n');
    expect(textOf(cellOf(notebook, second.cellId))).toBe('ran: x + 1\n');
    const [kernel] = [...worker.kernels.values()];
    expect(kernel!.requests.filter((request) => request.header.msg_type === 'execute_request').map((request) => (request.content as { code: string }).code)).toEqual(['let x = 1', 'x + 1']);
    expect(cellOf(notebook, second.cellId).execution_count).toBeGreaterThan(cellOf(notebook, first.cellId).execution_count!);
    expect(readRunRecord(cellOf(notebook, second.cellId).metadata)).toMatchObject({ by: ana, byName: 'Ana', runtime: 'remote', backend: 'wasm', device: 'CPU (WebAssembly)', status: 'done' });
    expect(notebook.runRequests()).toEqual([expect.objectContaining({ id: browserRun.id, state: 'queued', claimedBy: null })]);
  });

  it('SYNC-RUN-2 SYNC-LIFE-3 a run goes on with every client gone: the document stays in memory while it runs, a burst of outputs is written in a few changes, then it unloads', async () => {
    const worker = await startWorker();
    const held = await openLive();
    const other = await openLive();
    let running!: () => void;
    const started = new Promise<void>((resolve) => (running = resolve));
    let gone!: () => void;
    const allGone = new Promise<void>((resolve) => (gone = resolve));
    const burst = Array.from({ length: 300 }, (_, i) => `epoch ${i}\n`);
    worker.onExecute((request, kernel) => {
      running();
      // The cell prints once its notebook has no client left, as a training loop goes on.
      void allGone.then(() => {
        for (const line of burst) kernel.send('stream', { name: 'stdout', text: line }, request);
        kernel.reply(request);
      });
    });
    const { cellId } = runRemote(held.notebook, 'for (let epoch = 0; epoch < 300; epoch++) console.log(`epoch ${epoch}`)');
    await started;
    await until(held.notebook, () => held.notebook.runRequests()[0]?.state === 'running');
    held.client.destroy();
    other.client.destroy();
    // Both had the same idle time; the other document unloading shows the running one's timer ran out too.
    await unloaded(other.notebookId);
    expect(server.sync.documents()).toContain(held.notebookId);

    const heldUnloaded = unloaded(held.notebookId);
    const changesBefore = applied.get(held.notebookId) ?? 0;
    gone();
    await heldUnloaded;
    // 300 outputs and the finished run: a change per event-loop turn, not one per message.
    expect((applied.get(held.notebookId) ?? 0) - changesBefore).toBeLessThanOrEqual(5);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await server.sync.notebookDocuments.read(held.notebookId))!);
    const stored = openNotebook(doc);
    expect(textOf(cellOf(stored, cellId))).toBe(burst.join(''));
    expect(readRunRecord(cellOf(stored, cellId).metadata)).toMatchObject({ runtime: 'remote', status: 'done' });
  });

  it('SYNC-RUN-3 with no live worker the queued remote runs finish as errors saying so; the next run starts a kernel, and a reloaded notebook finds the same kernel again', async () => {
    const { notebookId, client, notebook } = await openLive();
    notebook.setRuntime('remote', ORIGIN.user);
    const orphan = runRemote(notebook, '1');
    await until(notebook, () => cellOf(notebook, orphan.cellId).outputs.length > 0 && notebook.runRequests().length === 0);
    expect(textOf(cellOf(notebook, orphan.cellId))).toBe(`NoRemoteWorker: ${noWorkerNotice}`);
    expect(await kernelStateWhere(client, (state) => state?.phase === 'dead')).toMatchObject({ phase: 'dead', notice: noWorkerNotice, backend: null });

    const worker = await startWorker();
    const placed = worker.nextKernel();
    const run = runRemote(notebook, '2');
    await finished(notebook, run.cellId);
    const kernel = await placed;
    expect(await kernelStateWhere(client, (state) => state?.phase === 'idle')).toEqual({
      runtime: 'remote', phase: 'idle', backend: { name: 'wasm', device: 'CPU (WebAssembly)', software: false }, worker: worker.id, notice: null,
    });

    const gone = unloaded(notebookId);
    client.destroy();
    await gone;
    const again = await openLive(notebookId);
    await kernelStateWhere(again.client, (state) => state?.phase === 'idle');
    const rerun = runRemote(again.notebook, '3');
    await finished(again.notebook, rerun.cellId);
    expect(worker.kernels.size).toBe(1);
    expect(kernel.requests.filter((request) => request.header.msg_type === 'execute_request')).toHaveLength(2);
  });

  it('SYNC-RUN-4 SYNC-AWARE-4 the kernel state is in the server\'s own awareness state, sent to clients that connect later; no client can overwrite it; it goes when the notebook runs in the browser again', async () => {
    await startWorker();
    const { notebookId, client, notebook } = await openLive();
    notebook.setRuntime('remote', ORIGIN.user);
    await finished(notebook, runRemote(notebook, '1').cellId);
    await kernelStateWhere(client, (state) => state?.phase === 'idle');

    const later = await openLive(notebookId);
    expect(kernelStateOf(later.client)).toMatchObject({ runtime: 'remote', phase: 'idle' });
    const [serverClientId] = [...later.client.provider.awareness.getStates()].find(([, state]) => state.kernel)!;

    // A client claims the server's awareness id with a forged kernel state: dropped.
    const raw = rawClient(`${server.serverUrl}/${notebookId}?token=${tokenFor({ userId: ana, notebookId, role: 'owner' })}`, { origin: testOrigin });
    await raw.opened;
    const forged = { kernel: { runtime: 'remote', phase: 'dead', backend: null, worker: null, notice: 'forged' } };
    raw.ws.send(frame((e) => {
      encoding.writeVarUint(e, messageTypes.awareness);
      encoding.writeVarUint8Array(e, awarenessUpdate([[serverClientId, 1_000, forged], [424242, 1, forged]]));
    }));
    await within(10_000, 'the forged state of the client\'s own id', new Promise<void>((resolve) => {
      const check = () => later.client.provider.awareness.getStates().has(424242) && resolve();
      later.client.provider.awareness.on('change', check);
      check();
    }));
    expect(kernelStateOf(later.client)).toMatchObject({ phase: 'idle', notice: null });
    raw.ws.close();

    notebook.setRuntime('browser', ORIGIN.user);
    await kernelStateWhere(later.client, (state) => state === null);
  });

  it('SYNC-RUN-5 a kernel that ends (4410) fails the running cell with the reason and aborts the queued ones; the next run starts a new kernel', async () => {
    const worker = await startWorker();
    const { client, notebook } = await openLive();
    worker.onExecute(() => {});
    const placed = worker.nextKernel();
    const running = runRemote(notebook, 'while (true) allocate()');
    const queued = runRemote(notebook, 'after');
    const kernel = await placed;
    await kernel.nextRequest('execute_request', 0);
    const reason = 'out of memory: the kernel used more than its 64 MiB heap limit and was stopped';
    await kernel.end(reason);

    await until(notebook, () => notebook.runRequests().length === 0 && cellOf(notebook, running.cellId).outputs.length > 0);
    expect(textOf(cellOf(notebook, running.cellId))).toBe(`KernelRestarted: ${reason}`);
    expect(readRunRecord(cellOf(notebook, running.cellId).metadata)).toMatchObject({ status: 'aborted', runtime: 'remote' });
    expect(cellOf(notebook, queued.cellId).outputs).toEqual([]);
    expect(await kernelStateWhere(client, (state) => state?.phase === 'dead')).toMatchObject({ notice: reason, worker: worker.id });

    worker.onExecute((request, next) => {
      next.send('stream', { name: 'stdout', text: 'fresh\n' }, request);
      next.reply(request);
    });
    const replaced = worker.nextKernel();
    const rerun = runRemote(notebook, 'again');
    await finished(notebook, rerun.cellId);
    expect((await replaced).id).not.toBe(kernel.id);
    expect(textOf(cellOf(notebook, rerun.cellId))).toBe('fresh\n');
  });

  it('SYNC-RUN-5 a worker that stops heart-beating loses its kernel (markDeadWorkers): the running cell fails with the reason and the next run lands on another worker', async () => {
    const doomed = await startWorker();
    const { client, notebook } = await openLive();
    doomed.onExecute(() => {});
    const placed = doomed.nextKernel();
    const running = runRemote(notebook, 'train()');
    await (await placed).nextRequest('execute_request', 0);
    const survivor = await startWorker();
    await doomed.vanish();

    const reason = `its worker (${doomed.url}) stopped responding`;
    await until(notebook, () => notebook.runRequests().length === 0 && cellOf(notebook, running.cellId).outputs.length > 0);
    expect(textOf(cellOf(notebook, running.cellId))).toBe(`KernelRestarted: ${reason}`);
    expect(await kernelStateWhere(client, (state) => state?.phase === 'dead')).toMatchObject({ notice: reason });

    const rerun = runRemote(notebook, 'train()');
    await finished(notebook, rerun.cellId);
    expect(await kernelStateWhere(client, (state) => state?.phase === 'idle')).toMatchObject({ worker: survivor.id });
  });

  it('SYNC-RUN-6 interrupt and restart reach the kernel; a restart aborts the queued runs, discards what the old kernel still sends, and reports the new backend', async () => {
    const worker = await startWorker();
    const { notebookId, client, notebook } = await openLive();
    expect(await server.sync.kernels.interrupt(notebookId)).toBe(false);
    expect(await server.sync.kernels.restart(notebookId)).toBe(false);

    worker.onExecute(() => {});
    const placed = worker.nextKernel();
    const running = runRemote(notebook, 'while (true) {}');
    const queued = runRemote(notebook, 'later');
    const kernel = await placed;
    const execute = await kernel.nextRequest('execute_request', 0);
    await kernelStateWhere(client, (state) => state?.phase === 'idle' || state?.phase === 'busy');

    expect(await server.sync.kernels.interrupt(notebookId)).toBe(true);
    await within(10_000, 'interrupt_request', kernel.nextRequest('interrupt_request', 0));

    expect(await server.sync.kernels.restart(notebookId, 'cpu')).toBe(true);
    const restart = await within(10_000, 'restart_request', kernel.nextRequest('restart_request', 0));
    expect(restart.content).toEqual({ backend: 'cpu' });
    expect(await kernelStateWhere(client, (state) => state?.backend?.name === 'cpu')).toMatchObject({ phase: 'idle', notice: restartNotice });
    await until(notebook, () => notebook.runRequests().length === 0);
    expect(textOf(cellOf(notebook, running.cellId))).toBe(`KernelRestarted: ${restartNotice}`);
    expect(cellOf(notebook, queued.cellId).outputs).toEqual([]);

    // The old process's last words for the cell it ran land nowhere.
    kernel.send('stream', { name: 'stdout', text: 'late\n' }, execute);
    worker.onExecute((request, current) => {
      current.send('stream', { name: 'stdout', text: 'after restart\n' }, request);
      current.reply(request);
    });
    const rerun = runRemote(notebook, 'again');
    await finished(notebook, rerun.cellId);
    expect(textOf(cellOf(notebook, running.cellId))).toBe(`KernelRestarted: ${restartNotice}`);
    expect(textOf(cellOf(notebook, rerun.cellId))).toBe('after restart\n');
  });

  it('SYNC-RUN-7 a remote run left running by a session that no longer exists is finished as aborted when a session starts', async () => {
    await startWorker();
    const { notebook } = await openLive();
    const cellId = notebook.insertCell(0, { type: 'code', source: 'lost' }, ORIGIN.user);
    // Claimed by a server that restarted since: as the document holds it afterwards.
    notebook.doc.transact(() => {
      const request = notebook.enqueueRun({ cellId, requestedBy: ana, runtime: 'remote' }, ORIGIN.user);
      notebook.claimRun(request.id, 'remote-of-a-server-that-restarted', ORIGIN.user);
    }, ORIGIN.user);
    await until(notebook, () => notebook.runRequests().length === 0);
    expect(textOf(cellOf(notebook, cellId))).toMatch(/^KernelLost: The server running this cell restarted/);
  });
});
