import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openNotebook, ORIGIN, type CodeCell, type Notebook } from '@cohort/notebook';
import { readRunRecord } from '@cohort/session';
import { docSatisfies, kernelStateOf, kernelStateWhere, within, type TestClient } from '@cohort/sync/testing';
import { startWorkerProcess, testSecret as workerSecret, type WorkerProcess } from '@cohort/worker/testing';
import { signedInUser, type ApiClient } from '../support/api-client.ts';
import { startCohort, type CohortProcess } from '../support/cohort.ts';
import { openLive } from '../support/live-notebook.ts';

// Every WebsocketProvider listens for the process' exit.
process.setMaxListeners(64);

/**
 * Remote runs through the real `npm start` process: the session host in its sync server takes the
 * notebook's remote run requests to a kernel worker (the embedded one, or worker processes of
 * their own) and writes the outputs into the document (apps/sync/SPEC.md SYNC-RUN-*).
 */

const cellOf = (notebook: Notebook, cellId: string) => notebook.cell(cellId) as CodeCell;
const resultOf = (cell: CodeCell) => cell.outputs.flatMap((output) => (output.output_type === 'execute_result' ? [output.data['text/plain']] : []))[0];
const streamOf = (cell: CodeCell) => cell.outputs.map((output) => (output.output_type === 'stream' ? output.text : '')).join('');
const errorOf = (cell: CodeCell) => cell.outputs.flatMap((output) => (output.output_type === 'error' ? [`${output.ename}: ${output.evalue}`] : []))[0];

interface Live {
  client: TestClient;
  notebook: Notebook;
  /** Adds code cells and queues remote runs of them, as the editor does; returns their ids. */
  run(...sources: string[]): string[];
  /** Resolves once the cell's run has finished and its request left the queue. */
  finished(cellId: string, ms?: number): Promise<CodeCell>;
}

async function live(client: ApiClient, userId: string, notebookId: string): Promise<Live> {
  const connection = await openLive(client, notebookId);
  await within(10_000, 'synced', connection.synced());
  const notebook = openNotebook(connection.doc);
  return {
    client: connection,
    notebook,
    run(...sources) {
      notebook.setRuntime('remote', ORIGIN.user);
      const cellIds = sources.map((source) => notebook.insertCell(notebook.cellIds().length, { type: 'code', source }, ORIGIN.user));
      notebook.doc.transact(() => {
        for (const cellId of cellIds) notebook.enqueueRun({ cellId, requestedBy: userId, runtime: 'remote' }, ORIGIN.user);
      }, ORIGIN.user);
      return cellIds;
    },
    async finished(cellId, ms = 30_000) {
      await within(ms, `run of ${cellId}`, docSatisfies(notebook.doc, () => readRunRecord(cellOf(notebook, cellId).metadata) !== null && !notebook.runRequests().some((request) => request.cellId === cellId)));
      return cellOf(notebook, cellId);
    },
  };
}

const created = async (client: ApiClient, path: string, body: unknown) => {
  const response = await client.post(path, body);
  if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
};

describe('remote runs on the embedded worker of `npm start`', { timeout: 120_000 }, () => {
  let cohort: CohortProcess;
  let ana: ApiClient;
  let anaId: string;
  let vic: ApiClient;
  let vicHandle: string;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    cohort = await startCohort();
    expect(cohort.output()).toMatch(/Local kernel worker \S+ is running/);
    ({ client: ana, user: { id: anaId } } = await signedInUser(cohort.url, 'Ana'));
    ({ client: vic, user: { handle: vicHandle } } = await signedInUser(cohort.url, 'Vic'));
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await cohort?.dispose();
  });

  async function sharedNotebook(title: string) {
    const notebook = await created(ana, '/notebooks', { title });
    expect((await ana.put(`/notebooks/${notebook.id}/shares`, { handle: vicHandle, role: 'viewer' })).status).toBeLessThan(300);
    const editor = await live(ana, anaId, notebook.id);
    clients.push(editor.client);
    return { id: notebook.id as string, editor };
  }

  it('SYNC-RUN-1 SYNC-RUN-4 an editor\'s remote runs land in the document with execution counts and run records naming the worker\'s backend; state persists between cells; a collaborator who connects later sees the kernel', async () => {
    const { id, editor } = await sharedNotebook('Remote basics');
    const [define, use] = editor.run('const answer = 40', 'answer + 2');
    const used = await editor.finished(use!);
    const defined = cellOf(editor.notebook, define!);
    expect(resultOf(used)).toBe('42');
    expect(used.execution_count).toBeGreaterThan(defined.execution_count!);

    const state = await kernelStateWhere(editor.client, (kernel) => kernel?.phase === 'idle', 30_000);
    expect(state).toMatchObject({ runtime: 'remote', notice: null, worker: expect.any(String) });
    expect(readRunRecord(used.metadata)).toMatchObject({ by: anaId, byName: 'Ana', runtime: 'remote', backend: state!.backend!.name, device: state!.backend!.device, status: 'done' });

    const viewer = await openLive(vic, id);
    clients.push(viewer);
    expect(await kernelStateWhere(viewer, (kernel) => kernel !== null, 30_000)).toEqual(state);
  });

  it('SYNC-RUN-2 a run goes on after every client disconnected: its outputs are in the document when one comes back', async () => {
    const { id, editor } = await sharedNotebook('Closed laptop');
    const [cellId] = editor.run('await new Promise((resolve) => setTimeout(resolve, 1500));\nconsole.log("printed with every tab closed");\n"done"');
    await within(30_000, 'running', docSatisfies(editor.notebook.doc, () => editor.notebook.runRequests()[0]?.state === 'running'));
    editor.client.destroy();

    // Nobody is connected now; the notebook's export reads the server's document.
    const outputs = async () => JSON.stringify(((await ana.get(`/notebooks/${id}/ipynb`)).body as { cells: Array<{ outputs?: unknown }> }).cells.map((cell) => cell.outputs));
    await vi.waitUntil(async () => (await outputs()).includes('printed with every tab closed'), { timeout: 30_000, interval: 200 });
    const back = await live(ana, anaId, id);
    clients.push(back.client);
    const cell = cellOf(back.notebook, cellId!);
    expect(streamOf(cell)).toBe('printed with every tab closed\n');
    expect(resultOf(cell)).toBe("'done'");
    expect(readRunRecord(cell.metadata)).toMatchObject({ runtime: 'remote', status: 'done' });
    expect(back.notebook.runRequests()).toEqual([]);
  });

  it('SYNC-RUN-6 interrupt keeps the kernel\'s state and restart clears it, through the API; viewers are refused and a notebook without a remote session is a conflict', async () => {
    const { id, editor } = await sharedNotebook('Runaway loop');
    const idle = (await created(ana, '/notebooks', { title: 'Never ran remotely' })).id;
    expect(await ana.post(`/notebooks/${idle}/kernel/interrupt`)).toMatchObject({ status: 409, body: { error: { code: 'no_remote_kernel' } } });
    expect((await ana.post(`/notebooks/${idle}/kernel/restart`)).status).toBe(409);

    const [, loop] = editor.run('let kept = "still here"', 'while (true) {}');
    await kernelStateWhere(editor.client, (kernel) => kernel?.phase === 'busy', 30_000);
    await within(30_000, 'loop running', docSatisfies(editor.notebook.doc, () => editor.notebook.runRequests().some((request) => request.cellId === loop && request.state === 'running')));
    expect((await vic.post(`/notebooks/${id}/kernel/interrupt`)).status).toBe(403);
    expect(await ana.post(`/notebooks/${id}/kernel/interrupt`)).toMatchObject({ status: 202, body: { ok: true } });
    const interrupted = await editor.finished(loop!);
    expect(errorOf(interrupted)).toMatch(/^KeyboardInterrupt/);
    const [check] = editor.run('kept');
    expect(resultOf(await editor.finished(check!))).toBe("'still here'");

    expect((await vic.post(`/notebooks/${id}/kernel/restart`, { backend: 'cpu' })).status).toBe(403);
    expect((await ana.post(`/notebooks/${id}/kernel/restart`, { backend: 'webgl' })).status).toBe(400);
    expect(await ana.post(`/notebooks/${id}/kernel/restart`, { backend: 'cpu' })).toMatchObject({ status: 202, body: { ok: true } });
    expect(await kernelStateWhere(editor.client, (kernel) => kernel?.phase === 'idle' && kernel.backend?.name === 'cpu', 30_000)).toMatchObject({
      notice: 'The kernel was restarted: variables from earlier runs are gone.',
    });
    const [after] = editor.run('typeof kept');
    const cleared = await editor.finished(after!);
    expect(resultOf(cleared)).toBe("'undefined'");
    expect(readRunRecord(cleared.metadata)).toMatchObject({ backend: 'cpu' });
  });
});

describe('remote runs on two worker processes, one of them killed', { timeout: 120_000 }, () => {
  let cohort: CohortProcess;
  let workers: WorkerProcess[] = [];
  let ana: ApiClient;
  let anaId: string;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    if (!process.env.DATABASE_URL) {
      throw new Error('worker processes share the server\'s database only on Postgres: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)');
    }
    // No embedded worker; a worker missing three of its 0.2 s heartbeats is dead after 1 s.
    cohort = await startCohort({ env: { COHORT_LOCAL_WORKER: '0', AUTH_SECRET: workerSecret, COHORT_WORKER_LIVENESS_SECONDS: '1' } });
    const heartbeat = { COHORT_WORKER_HEARTBEAT_SECONDS: '0.2' };
    workers = await Promise.all([startWorkerProcess(cohort.databaseUrl!, heartbeat), startWorkerProcess(cohort.databaseUrl!, heartbeat)]);
    ({ client: ana, user: { id: anaId } } = await signedInUser(cohort.url, 'Ana'));
  }, 180_000);
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await Promise.all(workers.map((worker) => worker.stop()));
    await cohort?.dispose();
  });

  it('SYNC-RUN-5 SIGKILL of the worker holding the kernel: the kernel state turns dead with the reason, the running cell gets the error, the next run lands on the other worker', async () => {
    expect(cohort.output()).not.toMatch(/Local kernel worker/);
    const notebook = await created(ana, '/notebooks', { title: 'Worker crash' });
    const editor = await live(ana, anaId, notebook.id);
    clients.push(editor.client);
    const [warm] = editor.run('"warm"');
    await editor.finished(warm!);
    const first = (await kernelStateWhere(editor.client, (kernel) => kernel?.phase === 'idle', 30_000))!;
    const doomed = workers.find((worker) => worker.id === first.worker)!;
    const survivor = workers.find((worker) => worker.id !== first.worker)!;
    expect(doomed).toBeDefined();

    const [training] = editor.run('for (let epoch = 0; ; epoch++) { console.log(`epoch ${epoch}`); await new Promise((resolve) => setTimeout(resolve, 100)); }');
    await within(30_000, 'training prints', docSatisfies(editor.notebook.doc, () => streamOf(cellOf(editor.notebook, training!)).includes('epoch 1')));
    await doomed.stop('SIGKILL');

    const reason = `its worker (${doomed.url}) stopped responding`;
    expect(await kernelStateWhere(editor.client, (kernel) => kernel?.phase === 'dead', 30_000)).toMatchObject({ notice: reason, worker: doomed.id });
    const lost = await editor.finished(training!);
    expect(errorOf(lost)).toBe(`KernelRestarted: ${reason}`);
    expect(readRunRecord(lost.metadata)).toMatchObject({ status: 'aborted' });

    const [next] = editor.run('"on the other worker"');
    expect(resultOf(await editor.finished(next!))).toBe("'on the other worker'");
    expect(kernelStateOf(editor.client)).toMatchObject({ phase: 'idle', worker: survivor.id, notice: null });
  });
});
