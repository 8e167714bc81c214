import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { asc, createDatabase, docUpdates, eq } from '@cohort/db';
import { openNotebook, ORIGIN, type NotebookContent } from '@cohort/notebook';
import { docSatisfies, within, type TestClient } from '@cohort/sync/testing';
import { ApiClient, signedInUser, type ApiResponse, type TestUser } from '../support/api-client.ts';
import { startCohort, type CohortProcess } from '../support/cohort.ts';
import { openLive } from '../support/live-notebook.ts';

// Every WebsocketProvider listens for the process' exit.
process.setMaxListeners(32);

let cohort: CohortProcess;
let ana: ApiClient;
let anaUser: TestUser;
let live: TestClient[] = [];
beforeAll(async () => {
  // Automatic versions at most every 0.6 s instead of 10 minutes.
  cohort = await startCohort({ env: { COHORT_AUTO_VERSION_MINUTES: '0.01' } });
  ({ client: ana, user: anaUser } = await signedInUser(cohort.url, 'Ana'));
});
afterAll(async () => {
  for (const client of live) client.destroy();
  await cohort?.dispose();
});

const ok = <T = any>(response: ApiResponse<T>, status: number): T => {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
};

async function open(client: ApiClient, notebookId: string): Promise<TestClient> {
  const opened = await openLive(client, notebookId, { persisted: true });
  live.push(opened);
  await within(10_000, 'synced', opened.synced());
  return opened;
}

const contentOf = (client: TestClient): NotebookContent => openNotebook(client.doc).toJSON();
const hasContent = (client: TestClient, content: NotebookContent) =>
  within(10_000, 'content arrived', docSatisfies(client.doc, (doc) => isDeepStrictEqual(openNotebook(doc).toJSON(), content)));

/** The ids of the notebook's rows in the update log, when the test can reach the database (server Postgres). */
async function logIds(notebookId: string): Promise<number[] | null> {
  if (!cohort.databaseUrl) return null;
  const database = await createDatabase({ driver: 'postgres', url: cohort.databaseUrl, maxConnections: 1 });
  try {
    const rows = await database.db.select({ id: docUpdates.id }).from(docUpdates).where(eq(docUpdates.notebookId, notebookId)).orderBy(asc(docUpdates.id));
    return rows.map((row) => row.id);
  } finally {
    await database.close();
  }
}

describe('named versions, compare and restore', () => {
  it('restores a named version as one more change: connected collaborators end with exactly its content, and nothing is rewritten', async () => {
    const notebook = ok(await ana.post('/notebooks', { title: 'CNN on MNIST' }), 201);
    const { client: ben, user: benUser } = await signedInUser(cohort.url, 'Ben');
    ok(await ana.put(`/notebooks/${notebook.id}/shares`, { handle: benUser.handle, role: 'editor' }), 200);
    const [a, b] = [await open(ana, notebook.id), await open(ben, notebook.id)];

    const model = openNotebook(a.doc);
    const first = model.cellIds()[0]!;
    model.editSource(first, 0, 0, 'const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 1 }));', ORIGIN.user);
    model.setOutputs(first, [{ output_type: 'stream', name: 'stdout', text: 'ok\n' }], ORIGIN.kernel);
    model.setExecutionCount(first, 1, ORIGIN.kernel);
    const notes = model.insertCell(1, { type: 'markdown', source: '# Notes\nlearning rate 0.01' }, ORIGIN.user);
    const plot = model.insertCell(2, { type: 'code', source: 'plot(history)' }, ORIGIN.user);
    const data = model.insertCell(3, { type: 'code', source: 'const ds = await datasets.load("mnist");' }, ORIGIN.user);
    await within(10_000, 'saved', a.saved());
    const versionContent = contentOf(a);

    const version = ok(await ana.post(`/notebooks/${notebook.id}/versions`, { name: 'Working model' }), 201);
    expect(version).toMatchObject({ name: 'Working model', automatic: false, createdBy: { id: anaUser.id, handle: anaUser.handle, name: 'Ana' } });
    expect(ok(await ana.get(`/notebooks/${notebook.id}/versions/${version.id}`), 200)).toMatchObject({ ...version, content: versionContent });

    // Later: Ana rewrites, deletes, moves and adds; Ben edits a cell too.
    model.editSource(first, 'const model = tf.'.length, 'sequential'.length, 'model', ORIGIN.user);
    model.deleteCell(notes, ORIGIN.user);
    model.moveCell(data, 0, ORIGIN.user);
    const extra = model.insertCell(4, { type: 'code', source: 'model.summary()' }, ORIGIN.user);
    await within(10_000, 'saved', a.saved());
    await hasContent(b, contentOf(a));
    const benModel = openNotebook(b.doc);
    benModel.editSource(data, 0, 0, '// Ben: use the small split\n', ORIGIN.user);
    await within(10_000, 'saved', b.saved());
    await hasContent(a, contentOf(b));

    const diff = ok(await ana.get(`/notebooks/${notebook.id}/versions/${version.id}/diff`), 200);
    expect(diff.changed).toEqual([]);
    expect(diff.cells.map((cell: { id: string; status: string; moved: boolean }) => [cell.id, cell.status, cell.moved])).toEqual([
      [data, 'changed', true],
      [first, 'changed', false],
      [notes, 'removed', false],
      [plot, 'unchanged', false],
      [extra, 'added', false],
    ]);
    expect(diff.cells[1].lines).toEqual([
      { kind: 'removed', text: 'const model = tf.sequential();' },
      { kind: 'added', text: 'const model = tf.model();' },
      { kind: 'same', text: 'model.add(tf.layers.dense({ units: 1 }));' },
    ]);

    const beforeRestore = contentOf(a);
    const stateBeforeRestore = Y.encodeStateAsUpdate(a.doc);
    const rowsBefore = await logIds(notebook.id);
    const restored = ok(await ana.post(`/notebooks/${notebook.id}/versions/${version.id}/restore`), 200);
    expect(restored.restored).toEqual(version);
    expect(restored.before).toMatchObject({ name: 'Before restoring Working model', automatic: false, createdBy: { id: anaUser.id } });

    await hasContent(a, versionContent);
    await hasContent(b, versionContent);
    // The collaborators' documents only moved forward: everything they held is still in history.
    expect(Y.snapshotContainsUpdate(Y.snapshot(a.doc), stateBeforeRestore)).toBe(true);
    const reader = await open(ana, notebook.id);
    expect(contentOf(reader)).toEqual(versionContent);
    if (rowsBefore) {
      const rowsAfter = (await logIds(notebook.id))!;
      expect(rowsAfter.slice(0, rowsBefore.length)).toEqual(rowsBefore);
      expect(rowsAfter.length).toBeGreaterThan(rowsBefore.length);
    }

    expect(ok(await ana.get(`/notebooks/${notebook.id}/versions/${restored.before.id}`), 200).content).toEqual(beforeRestore);
    const named = ok(await ana.get(`/notebooks/${notebook.id}/versions`), 200).versions.filter((v: { automatic: boolean }) => !v.automatic);
    expect(named.map((v: { name: string }) => v.name)).toEqual(['Before restoring Working model', 'Working model']);
    const after = ok(await ana.get(`/notebooks/${notebook.id}/versions/${version.id}/diff`), 200);
    expect(after.cells.every((cell: { status: string }) => cell.status === 'unchanged')).toBe(true);

    // Editing goes on as usual after a restore.
    openNotebook(b.doc).editSource(first, 0, 0, '// after restore\n', ORIGIN.user);
    await within(10_000, 'saved', b.saved());
    await within(10_000, 'seen', docSatisfies(a.doc, (doc) => openNotebook(doc).cell(first)!.source.startsWith('// after restore\n')));
  });

  it('refuses strangers (404) everywhere; viewers list, read and compare but cannot name or restore (403); versions of other notebooks are not found', async () => {
    const notebook = ok(await ana.post('/notebooks', { title: 'Private' }), 201);
    const version = ok(await ana.post(`/notebooks/${notebook.id}/versions`, { name: 'v1' }), 201);
    const other = ok(await ana.post('/notebooks', { title: 'Other' }), 201);
    const otherVersion = ok(await ana.post(`/notebooks/${other.id}/versions`, { name: 'elsewhere' }), 201);
    const { client: stranger } = await signedInUser(cohort.url, 'Sam');
    const { client: viewer, user: viewerUser } = await signedInUser(cohort.url, 'Vic');
    ok(await ana.put(`/notebooks/${notebook.id}/shares`, { handle: viewerUser.handle, role: 'viewer' }), 200);
    const base = `/notebooks/${notebook.id}/versions`;

    for (const [method, path] of [
      ['GET', base],
      ['POST', base],
      ['GET', `${base}/${version.id}`],
      ['GET', `${base}/${version.id}/diff`],
      ['POST', `${base}/${version.id}/restore`],
    ] as const) {
      expect((await stranger.request(method, path, method === 'POST' ? { name: 'x' } : undefined)).status, `${method} ${path}`).toBe(404);
    }
    expect(ok(await viewer.get(base), 200).versions.map((v: { id: string }) => v.id)).toContain(version.id);
    ok(await viewer.get(`${base}/${version.id}`), 200);
    ok(await viewer.get(`${base}/${version.id}/diff`), 200);
    expect((await viewer.post(base, { name: 'mine' })).status).toBe(403);
    expect((await viewer.post(`${base}/${version.id}/restore`)).status).toBe(403);
    expect((await new ApiClient(cohort.url).get(base)).status).toBe(401);

    expect((await ana.get(`${base}/${otherVersion.id}`)).status).toBe(404);
    expect((await ana.post(`${base}/${otherVersion.id}/restore`)).status).toBe(404);
    expect((await ana.post(base, { name: ' ' })).body.error).toMatchObject({ field: 'name' });
    expect(ok(await ana.get(base), 200).versions.filter((v: { automatic: boolean }) => !v.automatic)).toHaveLength(1);
  });
});

describe('automatic versions', () => {
  it('stores one as soon as a notebook is edited, and another once the interval has passed during further activity', async () => {
    const notebook = ok(await ana.post('/notebooks', { title: 'Autosaved' }), 201);
    const client = await open(ana, notebook.id);
    const model = openNotebook(client.doc);
    const cell = model.cellIds()[0]!;
    const automatic = async () =>
      (ok(await ana.get(`/notebooks/${notebook.id}/versions`), 200).versions as Array<{ id: string; automatic: boolean; createdBy: unknown }>).filter(
        (v) => v.automatic,
      );
    const sourceOf = async (versionId: string) =>
      ok(await ana.get(`/notebooks/${notebook.id}/versions/${versionId}`), 200).content.cells[0].source as string;

    model.editSource(cell, 0, 0, 'first', ORIGIN.user);
    await within(10_000, 'saved', client.saved());
    const first = await within(10_000, 'a first automatic version', (async () => {
      for (let found = await automatic(); ; found = await automatic()) if (found.length) return found;
    })());
    expect(first).toHaveLength(1);
    expect(first[0]!.createdBy).toBeNull();
    expect(await sourceOf(first[0]!.id)).toBe('first');

    // Keep typing until the interval has passed and a second version holds later text.
    const second = await within(20_000, 'a second automatic version', (async () => {
      for (let i = 0; ; i++) {
        model.editSource(cell, model.cell(cell)!.source.length, 0, ` ${i}`, ORIGIN.user);
        await client.saved();
        const found = await automatic();
        if (found.length > 1) return found;
      }
    })());
    expect(await sourceOf(second[0]!.id)).toMatch(/^first \d/);
  });
});
