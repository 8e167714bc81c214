import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv-draft-04';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIpynb, openNotebook, ORIGIN, type NotebookContent } from '@cohort/notebook';
import { within } from '@cohort/sync/testing';
import { ApiClient, signedInUser, type ApiResponse } from '../support/api-client.ts';
import { startCohort, type CohortProcess } from '../support/cohort.ts';
import { openLive } from '../support/live-notebook.ts';

// strict: false: the official schema has keywords ajv does not know; they constrain nothing.
const schema = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../shared/data/nbformat.v4.5.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const fixtures = ['nbformat-4.0.ipynb', 'nbformat-4.4.ipynb', 'nbformat-4.5.ipynb'] as const;
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../packages/notebook/test-fixtures', name), 'utf8'));

let cohort: CohortProcess;
let ana: ApiClient;
beforeAll(async () => {
  cohort = await startCohort();
  ana = (await signedInUser(cohort.url, 'Ana')).client;
});
afterAll(async () => {
  await cohort?.dispose();
});

const ok = <T = any>(response: ApiResponse<T>, status: number): T => {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
};

/** POSTs a multipart form as a browser's fetch does, with the client's cookie and our Origin. */
async function upload(client: ApiClient, fields: Record<string, string | { name: string; text: string }>): Promise<ApiResponse> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([value.text], { type: 'application/x-ipynb+json' }), value.name);
  }
  const response = await client.raw('/api/v1/notebooks/import', { method: 'POST', headers: { origin: client.baseUrl }, body: form });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

/** The notebook's live document, as a collaborator who opens it now receives it. */
async function liveContent(client: ApiClient, notebookId: string): Promise<NotebookContent> {
  const reader = await openLive(client, notebookId);
  await within(10_000, 'synced', reader.synced());
  reader.destroy();
  return openNotebook(reader.doc).toJSON();
}

/** What importing the file must give, cell ids aside when the file has none (they are generated). */
function expectedContent(file: Record<string, unknown>, title: string): NotebookContent {
  const result = importIpynb(file);
  if (!result.ok) throw new Error('fixture does not import');
  return { ...result.notebook, title };
}
const withoutIds = (content: NotebookContent) => ({ ...content, cells: content.cells.map(({ id: _id, ...cell }) => cell) });

describe('importing .ipynb files', () => {
  it('imports a notebook sent as JSON: from the first sync its document holds the file\'s cells, ids, sources and outputs', async () => {
    const file = fixture('nbformat-4.5.ipynb');
    const created = ok(await ana.post('/notebooks/import', { ipynb: file }), 201);
    expect(created).toMatchObject({ title: 'Housing regression', myRole: 'owner', owner: { type: 'user' } });
    expect(await liveContent(ana, created.id)).toEqual(expectedContent(file, 'Housing regression'));
    expect(ok(await ana.get('/notebooks'), 200).notebooks.map((n: { id: string }) => n.id)).toContain(created.id);
  });

  it.each(fixtures)('imports %s uploaded as a form; the title is the file name', async (name) => {
    const file = fixture(name);
    const created = ok(await upload(ana, { file: { name: 'CNN on MNIST.ipynb', text: JSON.stringify(file) } }), 201);
    expect(created.title).toBe('CNN on MNIST');
    const content = await liveContent(ana, created.id);
    expect(withoutIds(content)).toEqual(withoutIds(expectedContent(file, 'CNN on MNIST')));
    const ids = content.cells.map((cell) => cell.id);
    expect(new Set(ids).size).toBe(ids.length);
    if (name === 'nbformat-4.5.ipynb') expect(ids).toEqual((file['cells'] as Array<{ id: string }>).map((cell) => cell.id));
  });

  it('takes a title and a group of mine from the form or the body', async () => {
    const group = ok(await ana.post('/groups', { name: 'DL Study Group' }), 201);
    const fromForm = ok(await upload(ana, { file: { name: 'x.ipynb', text: JSON.stringify(fixture('nbformat-4.4.ipynb')) }, title: 'Week 3', groupId: group.id }), 201);
    expect(fromForm).toMatchObject({ title: 'Week 3', owner: { type: 'group', id: group.id } });
    const fromJson = ok(await ana.post('/notebooks/import', { ipynb: fixture('nbformat-4.0.ipynb'), title: 'Week 4', groupId: group.id }), 201);
    expect(fromJson).toMatchObject({ title: 'Week 4', owner: { type: 'group', id: group.id } });
    expect((await liveContent(ana, fromJson.id)).title).toBe('Week 4');
  });

  it('refuses an invalid notebook with 400, naming the field and listing the importer\'s problems by JSON Pointer; creates nothing', async () => {
    const before = ok(await ana.get('/notebooks'), 200).notebooks.length;
    const broken = { ...fixture('nbformat-4.5.ipynb'), cells: [{ cell_type: 'python', source: 'x' }, { cell_type: 'code', source: 42 }] };
    const asJson = await ana.post('/notebooks/import', { ipynb: broken });
    expect(asJson.status).toBe(400);
    expect(asJson.body.error).toMatchObject({ code: 'invalid_ipynb', field: 'ipynb' });
    expect(asJson.body.error.details).toEqual([
      { path: '/cells/0/cell_type', message: expect.stringContaining('expected cell_type') },
      { path: '/cells/1/source', message: 'expected a string or an array of strings' },
    ]);

    const asForm = await upload(ana, { file: { name: 'broken.ipynb', text: JSON.stringify({ nbformat: 3, cells: [] }) } });
    expect(asForm.status).toBe(400);
    expect(asForm.body.error).toMatchObject({ code: 'invalid_ipynb', field: 'file', details: [{ path: '/nbformat', message: expect.stringContaining('nbformat 4') }] });

    const notJson = await upload(ana, { file: { name: 'notes.txt', text: 'not json' } });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error).toMatchObject({ field: 'file', message: expect.stringContaining('notes.txt is not JSON') });

    const noFile = await upload(ana, { title: 'No file' });
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.field).toBe('file');
    expect(ok(await ana.get('/notebooks'), 200).notebooks).toHaveLength(before);
  });

  it('refuses an upload over 20 MiB with 413 and says so', async () => {
    const huge = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'raw', source: 'x'.repeat(21 * 1024 * 1024), metadata: {} }] });
    const response = await upload(ana, { file: { name: 'huge.ipynb', text: huge } });
    expect(response.status).toBe(413);
    expect(response.body.error).toMatchObject({ code: 'too_large', message: expect.stringContaining('20 MiB') });
  });
});

describe('exporting .ipynb files', () => {
  it('downloads the live document as an nbformat 4.5 attachment named after the notebook, valid against the schema', async () => {
    const notebook = ok(await ana.post('/notebooks', { title: 'Übung 1: CNN / MNIST' }), 201);
    const live = await openLive(ana, notebook.id, { persisted: true });
    await within(10_000, 'synced', live.synced());
    const model = openNotebook(live.doc);
    const first = model.cellIds()[0]!;
    model.editSource(first, 0, 0, 'const x = tf.tensor([1, 2]);\nx', ORIGIN.user);
    model.setOutputs(first, [{ output_type: 'execute_result', execution_count: 1, data: { 'text/plain': 'Tensor [1, 2]' }, metadata: {} }], ORIGIN.kernel);
    model.setExecutionCount(first, 1, ORIGIN.kernel);
    const notes = model.insertCell(1, { type: 'markdown', source: '## Notes\n$x^2$' }, ORIGIN.user);
    await within(10_000, 'saved', live.saved());
    live.destroy();

    const response = await ana.raw(`/api/v1/notebooks/${notebook.id}/ipynb`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ipynb+json');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="_bung 1_ CNN _ MNIST.ipynb"; filename*=UTF-8''${encodeURIComponent('Übung 1_ CNN _ MNIST.ipynb')}`,
    );
    const ipynb = await response.json();
    expect(validate(ipynb), JSON.stringify(validate.errors)).toBe(true);
    expect(ipynb).toMatchObject({ nbformat: 4, nbformat_minor: 5, metadata: { title: 'Übung 1: CNN / MNIST' } });
    expect(ipynb.cells).toEqual([
      {
        cell_type: 'code',
        execution_count: 1,
        id: first,
        metadata: {},
        outputs: [{ data: { 'text/plain': ['Tensor [1, 2]'] }, execution_count: 1, metadata: {}, output_type: 'execute_result' }],
        source: ['const x = tf.tensor([1, 2]);\n', 'x'],
      },
      { cell_type: 'markdown', id: notes, metadata: {}, source: ['## Notes\n', '$x^2$'] },
    ]);
  });

  it.each(fixtures)('exports an imported %s as valid nbformat 4.5 that imports back to the same notebook', async (name) => {
    const created = ok(await ana.post('/notebooks/import', { ipynb: fixture(name), title: 'Round trip' }), 201);
    const ipynb = ok(await ana.get(`/notebooks/${created.id}/ipynb`), 200);
    expect(validate(ipynb), JSON.stringify(validate.errors)).toBe(true);
    const again = importIpynb(ipynb);
    expect(again.ok && again.notebook).toEqual(await liveContent(ana, created.id));
  });

  it('lets a viewer and, with link access on, anyone download; a viewer cannot import into a group they are not in, a mentor not into theirs', async () => {
    const { client: vic, user: vicUser } = await signedInUser(cohort.url, 'Vic');
    const { client: maya } = await signedInUser(cohort.url, 'Maya');
    const group = ok(await ana.post('/groups', { name: 'Mentored' }), 201);
    const invite = ok(await ana.post(`/groups/${group.id}/invites`, { role: 'mentor' }), 201);
    ok(await maya.post(`/invites/${invite.token}/accept`), 200);
    const notebook = ok(await ana.post('/notebooks', { title: 'Shared', groupId: group.id }), 201);
    ok(await ana.put(`/notebooks/${notebook.id}/shares`, { handle: vicUser.handle, role: 'viewer' }), 200);

    expect((await vic.get(`/notebooks/${notebook.id}/ipynb`)).status).toBe(200);
    expect((await maya.get(`/notebooks/${notebook.id}/ipynb`)).status).toBe(200);
    const anonymous = new ApiClient(cohort.url);
    expect((await anonymous.get(`/notebooks/${notebook.id}/ipynb`)).status).toBe(404);
    ok(await ana.patch(`/notebooks/${notebook.id}`, { linkAccess: true }), 200);
    expect((await anonymous.get(`/notebooks/${notebook.id}/ipynb`)).status).toBe(200);

    const file = fixture('nbformat-4.5.ipynb');
    expect((await vic.post('/notebooks/import', { ipynb: file, groupId: group.id })).status).toBe(404);
    expect((await maya.post('/notebooks/import', { ipynb: file, groupId: group.id })).status).toBe(403);
    expect((await anonymous.post('/notebooks/import', { ipynb: file })).status).toBe(401);
    expect(ok(await ana.get(`/notebooks?groupId=${group.id}`), 200).notebooks).toHaveLength(1);
  });
});
