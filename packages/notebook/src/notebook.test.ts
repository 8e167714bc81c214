import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { counterIds, createDoc, syncAll } from '../test-support/peers.ts';
import { ORIGIN, type Cell, type Notebook, type NotebookSeed, type Output } from './api.ts';
import { createCellMap } from './cell-map.ts';
import { SCHEMA_VERSION } from './keys.ts';
import { openNotebook, seedNotebook } from './notebook.ts';

const user = ORIGIN.user;
const kernel = ORIGIN.kernel;

function seeded(seed: NotebookSeed = {}, clientID = 1): Notebook {
  const doc = createDoc(clientID);
  seedNotebook(doc, seed, ORIGIN.server, { idFactory: counterIds('seed') });
  return openNotebook(doc, { idFactory: counterIds(`p${clientID}`), now: () => new Date('2025-01-02T03:04:05.000Z') });
}

const threeCells: NotebookSeed = {
  cells: [
    { id: 'a', cell_type: 'code', source: 'const a = 1;' },
    { id: 'b', cell_type: 'markdown', source: '# B' },
    { id: 'c', cell_type: 'code', source: 'a + 1' },
  ],
};

/** A second peer with the same document, as after the first sync. */
function peerOf(notebook: Notebook, clientID: number): Notebook {
  const doc = createDoc(clientID);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(notebook.doc));
  return openNotebook(doc, { idFactory: counterIds(`p${clientID}`) });
}

const sources = (notebook: Notebook) => notebook.cells().map((cell) => cell.source);
const stdout = (text: string): Output => ({ output_type: 'stream', name: 'stdout', text });
const display = (id: string, text: string): Output => ({ output_type: 'display_data', data: { 'text/plain': text }, metadata: {}, transient: { display_id: id } });
const outputsOf = (cell: Cell | undefined) => (cell?.cell_type === 'code' ? cell.outputs : undefined);

describe('seedNotebook and openNotebook', () => {
  it('seedNotebook writes the schema version, title, runtime, metadata and cells in order', () => {
    const notebook = seeded({ title: 'CNN on MNIST', runtime: 'remote', metadata: { colab: { gpu: true } }, cells: [{ cell_type: 'code', source: 'x' }, ...threeCells.cells!] });
    expect(notebook.schemaVersion).toBe(SCHEMA_VERSION);
    expect(notebook.toJSON()).toEqual({
      title: 'CNN on MNIST',
      runtime: 'remote',
      metadata: { colab: { gpu: true } },
      cells: [
        { id: 'seed-1', cell_type: 'code', source: 'x', metadata: {}, outputs: [], execution_count: null },
        { id: 'a', cell_type: 'code', source: 'const a = 1;', metadata: {}, outputs: [], execution_count: null },
        { id: 'b', cell_type: 'markdown', source: '# B', metadata: {} },
        { id: 'c', cell_type: 'code', source: 'a + 1', metadata: {}, outputs: [], execution_count: null },
      ],
    });
  });

  it('seedNotebook refuses a document that already holds a notebook', () => {
    const notebook = seeded();
    expect(() => seedNotebook(notebook.doc, {}, ORIGIN.server)).toThrow(/already/);
  });

  it('seedNotebook refuses invalid and repeated cell ids', () => {
    expect(() => seedNotebook(new Y.Doc(), { cells: [{ id: 'a b', cell_type: 'raw' }] }, ORIGIN.server)).toThrow(/invalid or repeated/);
    expect(() => seedNotebook(new Y.Doc(), { cells: [{ id: 'a', cell_type: 'raw' }, { id: 'a', cell_type: 'raw' }] }, ORIGIN.server)).toThrow(/invalid or repeated/);
  });

  it('openNotebook writes nothing, and reports no schema version before the first sync', () => {
    const empty = new Y.Doc();
    const updates: Uint8Array[] = [];
    empty.on('update', (update: Uint8Array) => updates.push(update));
    const notebook = openNotebook(empty);
    expect(notebook.schemaVersion).toBeNull();
    expect(notebook.toJSON()).toEqual({ title: '', runtime: 'browser', metadata: {}, cells: [] });
    const full = seeded(threeCells);
    full.doc.on('update', (update: Uint8Array) => updates.push(update));
    openNotebook(full.doc).toJSON();
    expect(updates).toEqual([]);
  });

  it('openNotebook refuses a document with a newer schema version', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
    expect(() => openNotebook(doc)).toThrow(/newer/);
  });

  it('tags every mutation with the origin the caller passes', () => {
    const notebook = seeded(threeCells);
    const origins: unknown[] = [];
    notebook.doc.on('afterTransaction', (transaction: Y.Transaction) => origins.push(transaction.origin));
    notebook.insertCell(0, { type: 'code' }, user);
    notebook.appendOutput('a', stdout('hi'), kernel);
    notebook.setTitle('t', ORIGIN.server);
    expect(origins).toEqual(['user', 'kernel', 'server']);
  });

  it('rejects an id factory that makes invalid ids', () => {
    const notebook = openNotebook(new Y.Doc(), { idFactory: () => 'not valid' });
    expect(() => notebook.insertCell(0, { type: 'code' }, user)).toThrow(/not an nbformat cell id/);
  });
});

describe('cell operations', () => {
  it('insertCell puts a new cell at the index and returns its id; an index past the end appends', () => {
    const notebook = seeded(threeCells);
    expect(notebook.insertCell(1, { type: 'raw', source: 'r' }, user)).toBe('p1-1');
    expect(notebook.insertCell(0, { type: 'code' }, user)).toBe('p1-2');
    expect(notebook.insertCell(99, { type: 'markdown', source: 'end' }, user)).toBe('p1-3');
    expect(notebook.cellIds()).toEqual(['p1-2', 'a', 'p1-1', 'b', 'c', 'p1-3']);
    expect(notebook.cell('p1-1')).toEqual({ id: 'p1-1', cell_type: 'raw', source: 'r', metadata: {} });
    expect(() => notebook.insertCell(0.5, { type: 'code' }, user)).toThrow(RangeError);
  });

  it('insertCell skips ids already in the notebook', () => {
    const notebook = openNotebook(seeded({ cells: [{ id: 'x-1', cell_type: 'code' }] }).doc, { idFactory: counterIds('x') });
    expect(notebook.insertCell(1, { type: 'code' }, user)).toBe('x-2');
  });

  it('insertCell takes a given id (restoring a deleted cell) but refuses one that is invalid or taken', () => {
    const notebook = seeded(threeCells);
    notebook.deleteCell('b', user);
    expect(notebook.insertCell(1, { type: 'markdown', source: '# B', id: 'b' }, user)).toBe('b');
    expect(notebook.cellIds()).toEqual(['a', 'b', 'c']);
    expect(() => notebook.insertCell(0, { type: 'code', id: 'a' }, user)).toThrow(/taken/);
    expect(() => notebook.insertCell(0, { type: 'code', id: 'not valid' }, user)).toThrow(/invalid/);
  });

  it('deleteCell removes the cell; false when it is not there', () => {
    const notebook = seeded(threeCells);
    expect(notebook.deleteCell('b', user)).toBe(true);
    expect(notebook.deleteCell('b', user)).toBe(false);
    expect(notebook.cellIds()).toEqual(['a', 'c']);
    expect(notebook.cell('b')).toBeUndefined();
  });

  it('moveCell moves a cell to the index, keeping its id, source and outputs', () => {
    const notebook = seeded(threeCells);
    notebook.appendOutput('a', stdout('1\n'), kernel);
    expect(notebook.moveCell('a', 2, user)).toBe(true);
    expect(notebook.cellIds()).toEqual(['b', 'c', 'a']);
    expect(notebook.moveCell('a', 0, user)).toBe(true);
    expect(notebook.cellIds()).toEqual(['a', 'b', 'c']);
    expect(notebook.moveCell('c', 1, user)).toBe(true);
    expect(notebook.cellIds()).toEqual(['a', 'c', 'b']);
    expect(notebook.moveCell('b', 50, user)).toBe(true);
    expect(notebook.cellIds()).toEqual(['a', 'c', 'b']);
    expect(notebook.cell('a')).toMatchObject({ source: 'const a = 1;', outputs: [stdout('1\n')] });
    expect(notebook.moveCell('zzz', 0, user)).toBe(false);
  });

  it('setCellType keeps id, source and metadata; leaving code clears outputs and execution count', () => {
    const notebook = seeded(threeCells);
    notebook.appendOutput('a', stdout('x'), kernel);
    notebook.setExecutionCount('a', 3, kernel);
    notebook.setCellMetadata('a', 'tags', ['t'], user);
    expect(notebook.setCellType('a', 'markdown', user)).toBe(true);
    expect(notebook.cell('a')).toEqual({ id: 'a', cell_type: 'markdown', source: 'const a = 1;', metadata: { tags: ['t'] } });
    expect(notebook.setCellType('a', 'code', user)).toBe(true);
    expect(notebook.cell('a')).toEqual({ id: 'a', cell_type: 'code', source: 'const a = 1;', metadata: { tags: ['t'] }, outputs: [], execution_count: null });
    expect(notebook.cellIds()).toEqual(['a', 'b', 'c']);
    expect(notebook.setCellType('gone', 'raw', user)).toBe(false);
  });

  it('setCellType keeps attachments between markdown and raw and drops them for code', () => {
    const png = { 'a.png': { 'image/png': 'iVBOR' } };
    const notebook = seeded({ cells: [{ id: 'm', cell_type: 'markdown', source: '![](attachment:a.png)', attachments: png }] });
    notebook.setCellType('m', 'raw', user);
    expect(notebook.cell('m')).toMatchObject({ cell_type: 'raw', attachments: png });
    notebook.setCellType('m', 'code', user);
    notebook.setCellType('m', 'markdown', user);
    expect(notebook.cell('m')).not.toHaveProperty('attachments');
  });

  it('setAttachments replaces or removes the attachments of markdown and raw cells, never of code cells', () => {
    const png = { 'a.png': { 'image/png': 'iVBOR' } };
    const notebook = seeded(threeCells);
    expect(notebook.setAttachments('b', png, user)).toBe(true);
    expect(notebook.cell('b')).toMatchObject({ attachments: png });
    expect(notebook.setAttachments('b', undefined, user)).toBe(true);
    expect(notebook.cell('b')).not.toHaveProperty('attachments');
    expect(notebook.setAttachments('a', png, user)).toBe(false);
    expect(notebook.cell('a')).not.toHaveProperty('attachments');
  });

  it('splitCell leaves the head in the cell (same id) and puts the tail in a new cell right after', () => {
    const notebook = seeded(threeCells);
    notebook.appendOutput('a', stdout('x'), kernel);
    notebook.setExecutionCount('a', 1, kernel);
    const tail = notebook.splitCell('a', 'const a'.length, user);
    expect(tail).toBe('p1-1');
    expect(notebook.cellIds()).toEqual(['a', 'p1-1', 'b', 'c']);
    expect(notebook.cell('a')).toMatchObject({ source: 'const a', outputs: [], execution_count: null });
    expect(notebook.cell('p1-1')).toEqual({ id: 'p1-1', cell_type: 'code', source: ' = 1;', metadata: {}, outputs: [], execution_count: null });
    expect(notebook.splitCell('b', 100, user)).toBe('p1-2');
    expect(sources(notebook)).toEqual(['const a', ' = 1;', '# B', '', 'a + 1']);
    expect(notebook.splitCell('gone', 0, user)).toBeNull();
  });

  it('mergeCells joins sources with a newline into the first cell in notebook order and deletes the rest', () => {
    const notebook = seeded(threeCells);
    notebook.appendOutput('a', stdout('x'), kernel);
    expect(notebook.mergeCells(['c', 'a'], user)).toBe(true);
    expect(notebook.cellIds()).toEqual(['a', 'b']);
    expect(notebook.cell('a')).toMatchObject({ source: 'const a = 1;\na + 1', outputs: [], execution_count: null });
    expect(notebook.mergeCells(['a', 'gone'], user)).toBe(false);
    expect(() => notebook.mergeCells(['a'], user)).toThrow(/two or more/);
    expect(() => notebook.mergeCells(['a', 'a'], user)).toThrow(/two or more/);
  });

  it('mergeCells gathers attachments into a markdown cell, the first cell winning a name clash', () => {
    const notebook = seeded({
      cells: [
        { id: 'm1', cell_type: 'markdown', source: 'one', attachments: { 'a.png': { 'image/png': 'A1' } } },
        { id: 'm2', cell_type: 'markdown', source: 'two', attachments: { 'a.png': { 'image/png': 'A2' }, 'b.png': { 'image/png': 'B' } } },
      ],
    });
    notebook.mergeCells(['m1', 'm2'], user);
    expect(notebook.cells()).toEqual([
      { id: 'm1', cell_type: 'markdown', source: 'one\ntwo', metadata: {}, attachments: { 'a.png': { 'image/png': 'A1' }, 'b.png': { 'image/png': 'B' } } },
    ]);
  });

  it('editSource inserts and deletes text, clamped to the source', () => {
    const notebook = seeded(threeCells);
    notebook.editSource('c', 0, 1, 'b', user);
    notebook.editSource('c', 100, 0, ';', user);
    notebook.editSource('c', 2, 100, '', user);
    expect(notebook.cell('c')?.source).toBe('b ');
    expect(notebook.sourceText('c')?.toString()).toBe('b ');
    expect(notebook.editSource('gone', 0, 0, 'x', user)).toBe(false);
  });

  it('editSource and splitCell never cut a surrogate pair in two', () => {
    const notebook = seeded({ cells: [{ id: 'e', cell_type: 'markdown', source: 'a🙂b' }] });
    notebook.editSource('e', 2, 0, 'x', user); // inside the pair: lands before it
    expect(notebook.cell('e')?.source).toBe('ax🙂b');
    notebook.editSource('e', 3, 1, '', user); // deleting half the pair deletes all of it
    expect(notebook.cell('e')?.source).toBe('axb');
    notebook.editSource('e', 2, 0, '🙂🙂', user);
    expect(notebook.splitCell('e', 3, user)).toBe('p1-1');
    expect(sources(notebook)).toEqual(['ax', '🙂🙂b']);
  });

  it('setCellMetadata sets and deletes one key', () => {
    const notebook = seeded(threeCells);
    notebook.setCellMetadata('b', 'tags', ['x'], user);
    notebook.setCellMetadata('b', 'jupyter', { source_hidden: true }, user);
    notebook.setCellMetadata('b', 'tags', undefined, user);
    expect(notebook.cell('b')?.metadata).toEqual({ jupyter: { source_hidden: true } });
  });
});

describe('misbehaving peers', () => {
  it('a malformed cell is neither shown nor touched, and the rest of the notebook works', () => {
    const notebook = seeded(threeCells);
    const cells = notebook.doc.getMap('cells');
    cells.set('broken', new Y.Map([['cell_type', 'code']]));
    cells.set('not an id', createCellMap({ cell_type: 'code' }, 'V'));
    expect(notebook.cellIds()).toEqual(['a', 'b', 'c']);
    expect(notebook.cell('broken')).toBeUndefined();
    expect(notebook.appendOutput('broken', stdout('x'), kernel)).toBe(false);
    expect(notebook.moveCell('broken', 0, user)).toBe(false);
    expect(notebook.insertCell(3, { type: 'raw' }, user)).toBe('p1-1');
  });

  it('outputs that are not valid Jupyter outputs are left out of reads', () => {
    const notebook = seeded(threeCells);
    notebook.appendOutput('a', stdout('ok'), kernel);
    const outputs = (notebook.doc.getMap('cells').get('a') as Y.Map<unknown>).get('outputs') as Y.Array<unknown>;
    outputs.push([new Y.Map([['output_type', 'pyout']]), new Y.Map([['output_type', 'stream'], ['name', 'stdout'], ['text', 3]])]);
    expect(outputsOf(notebook.cell('a'))).toEqual([stdout('ok')]);
  });
});

describe('outputs and execution count', () => {
  it('appendOutput continues the last output when it is the same stream, and only then', () => {
    const notebook = seeded(threeCells);
    notebook.appendOutput('a', stdout('epoch 1\n'), kernel);
    notebook.appendOutput('a', stdout('epoch 2\n'), kernel);
    notebook.appendOutput('a', { output_type: 'stream', name: 'stderr', text: 'warn\n' }, kernel);
    notebook.appendOutput('a', stdout('done\n'), kernel);
    expect(outputsOf(notebook.cell('a'))).toEqual([stdout('epoch 1\nepoch 2\n'), { output_type: 'stream', name: 'stderr', text: 'warn\n' }, stdout('done\n')]);
  });

  it('updateDisplay replaces every display with that id, in every cell, and nothing else', () => {
    const notebook = seeded(threeCells);
    notebook.appendOutput('a', display('loss', 'epoch 0'), kernel);
    notebook.appendOutput('a', display('other', 'keep'), kernel);
    notebook.appendOutput('c', display('loss', 'epoch 0'), kernel);
    const update = { data: { 'text/plain': 'epoch 5' }, metadata: { step: 5 } };
    expect(notebook.updateDisplay('loss', update, kernel)).toBe(2);
    expect(outputsOf(notebook.cell('a'))).toEqual([{ ...display('loss', 'epoch 5'), metadata: { step: 5 } }, display('other', 'keep')]);
    expect(outputsOf(notebook.cell('c'))).toEqual([{ ...display('loss', 'epoch 5'), metadata: { step: 5 } }]);
    expect(notebook.updateDisplay('nope', update, kernel)).toBe(0);
  });

  it('setOutputs replaces the outputs and clearOutputs empties them', () => {
    const notebook = seeded(threeCells);
    notebook.appendOutput('a', stdout('old'), kernel);
    const error: Output = { output_type: 'error', ename: 'TypeError', evalue: 'x is not a function', traceback: ['TypeError: x is not a function'] };
    notebook.setOutputs('a', [stdout('new'), error], kernel);
    expect(outputsOf(notebook.cell('a'))).toEqual([stdout('new'), error]);
    notebook.clearOutputs('a', kernel);
    expect(outputsOf(notebook.cell('a'))).toEqual([]);
  });

  it('output writes and execution counts go to code cells only', () => {
    const notebook = seeded(threeCells);
    expect(notebook.appendOutput('b', stdout('x'), kernel)).toBe(false);
    expect(notebook.setOutputs('b', [], kernel)).toBe(false);
    expect(notebook.clearOutputs('gone', kernel)).toBe(false);
    expect(notebook.setExecutionCount('b', 1, kernel)).toBe(false);
    expect(notebook.setExecutionCount('a', 7, kernel)).toBe(true);
    expect(notebook.cell('a')).toMatchObject({ execution_count: 7 });
    expect(() => notebook.setExecutionCount('a', -1, kernel)).toThrow(RangeError);
  });
});

describe('notebook meta', () => {
  it('setTitle, setRuntime and setMetadata change the notebook-level fields', () => {
    const notebook = seeded();
    notebook.setTitle('Week 2', user);
    notebook.setRuntime('remote', user);
    notebook.setMetadata('colab', { provenance: [] }, user);
    notebook.setMetadata('widgets', {}, user);
    notebook.setMetadata('widgets', undefined, user);
    expect([notebook.title, notebook.runtime, notebook.metadata]).toEqual(['Week 2', 'remote', { colab: { provenance: [] } }]);
  });
});

describe('run queue', () => {
  it('enqueueRun adds a queued request; claimRun takes it once; finishRun ends it once', () => {
    const notebook = seeded(threeCells);
    const run = notebook.enqueueRun({ cellId: 'a', requestedBy: 'ana', runtime: 'browser' }, user);
    expect(run).toEqual({ id: 'p1-1', cellId: 'a', requestedBy: 'ana', runtime: 'browser', requestedAt: '2025-01-02T03:04:05.000Z', state: 'queued', claimedBy: null });
    expect(notebook.claimRun(run.id, 'tab-1', user)).toBe(true);
    expect(notebook.claimRun(run.id, 'tab-2', user)).toBe(false);
    expect(notebook.runRequests()).toEqual([{ ...run, state: 'running', claimedBy: 'tab-1' }]);
    expect(notebook.finishRun(run.id, 'done', user)).toBe(true);
    expect(notebook.finishRun(run.id, 'error', user)).toBe(false);
    expect(notebook.runRequests()[0]?.state).toBe('done');
    expect(notebook.claimRun('unknown', 'tab-1', user)).toBe(false);
  });

  it('finishRun can abort a queued request, and clearFinishedRuns removes finished requests only', () => {
    const notebook = seeded(threeCells);
    const [r1, r2, r3] = ['a', 'c', 'a'].map((cellId) => notebook.enqueueRun({ cellId, requestedBy: 'ben', runtime: 'remote' }, user));
    notebook.finishRun(r1!.id, 'aborted', user);
    notebook.claimRun(r2!.id, 'server', ORIGIN.server);
    expect(notebook.clearFinishedRuns(user)).toBe(1);
    expect(notebook.runRequests().map((run) => [run.id, run.state])).toEqual([
      [r2!.id, 'running'],
      [r3!.id, 'queued'],
    ]);
  });
});

describe('change events', () => {
  it('onChange reports one change per transaction: origin, order, cells, meta, run queue', () => {
    const notebook = seeded(threeCells);
    const changes: unknown[] = [];
    const stop = notebook.onChange((change) => changes.push(change));
    notebook.moveCell('a', 2, user);
    notebook.appendOutput('c', stdout('x'), kernel);
    notebook.mergeCells(['a', 'c'], user);
    notebook.setTitle('T', ORIGIN.server);
    notebook.enqueueRun({ cellId: 'c', requestedBy: 'ana', runtime: 'browser' }, user);
    stop();
    notebook.setTitle('after stop', user);
    const base = { local: true, order: false, cellIds: [], meta: false, runQueue: false };
    expect(changes).toEqual([
      { ...base, origin: 'user', order: true },
      { ...base, origin: 'kernel', cellIds: ['c'] },
      { ...base, origin: 'user', order: true, cellIds: ['c'] },
      { ...base, origin: 'server', meta: true },
      { ...base, origin: 'user', runQueue: true },
    ]);
  });

  it('onChange reports remote updates with no origin', () => {
    const ana = seeded(threeCells);
    const ben = peerOf(ana, 2);
    const changes: unknown[] = [];
    ben.onChange((change) => changes.push(change));
    ana.editSource('b', 0, 0, '!', user);
    syncAll(ana.doc, ben.doc);
    expect(changes).toEqual([{ origin: null, local: false, order: false, cellIds: ['b'], meta: false, runQueue: false }]);
  });
});

describe('concurrent edits', () => {
  it('moveCell keeps cell ids unique under concurrent moves of the same cell', () => {
    const ana = seeded(threeCells);
    const ben = peerOf(ana, 2);
    ana.moveCell('a', 2, user);
    ben.moveCell('a', 1, user);
    syncAll(ana.doc, ben.doc);
    expect(ana.cellIds()).toEqual(ben.cellIds());
    expect(ana.cellIds().toSorted()).toEqual(['a', 'b', 'c']);
  });

  it('concurrent moves of different cells into the same gap keep both, in the same order everywhere', () => {
    const ana = seeded(threeCells);
    const ben = peerOf(ana, 2);
    ana.moveCell('a', 1, user); // b a c: a between b and c
    ben.moveCell('c', 1, user); // a c b: c between a and b
    syncAll(ana.doc, ben.doc);
    expect(ana.cellIds()).toEqual(ben.cellIds());
    expect(ana.cellIds().toSorted()).toEqual(['a', 'b', 'c']);
  });

  it('a cell moved on one peer and deleted on another ends deleted everywhere', () => {
    const ana = seeded(threeCells);
    const ben = peerOf(ana, 2);
    ana.moveCell('a', 2, user);
    ben.deleteCell('a', user);
    syncAll(ana.doc, ben.doc);
    expect(ana.cellIds()).toEqual(['b', 'c']);
    expect(ben.cellIds()).toEqual(['b', 'c']);
  });

  it('source edits made while another peer moves the cell are kept', () => {
    const ana = seeded(threeCells);
    const ben = peerOf(ana, 2);
    ana.moveCell('c', 0, user);
    ben.editSource('c', 5, 0, ' * 2', user);
    syncAll(ana.doc, ben.doc);
    expect(ana.cells()).toEqual(ben.cells());
    expect(ana.cell('c')?.source).toBe('a + 1 * 2');
    expect(ana.cellIds()).toEqual(['c', 'a', 'b']);
  });

  it('cells inserted concurrently at the same index are all kept, and inserting between them lands there', () => {
    const ana = seeded(threeCells);
    const ben = peerOf(ana, 2);
    const fromAna = ana.insertCell(1, { type: 'code', source: 'ana' }, user);
    const fromBen = ben.insertCell(1, { type: 'code', source: 'ben' }, user);
    syncAll(ana.doc, ben.doc);
    expect(ana.cellIds()).toEqual(ben.cellIds());
    const [first, second] = [fromAna, fromBen].toSorted();
    expect(ana.cellIds()).toEqual(['a', first, second, 'b', 'c']);
    // Both got the same position; a cell inserted between them must still land between them.
    const between = ana.insertCell(2, { type: 'raw' }, user);
    expect(ana.cellIds()).toEqual(['a', first, between, second, 'b', 'c']);
    syncAll(ana.doc, ben.doc);
    expect(ben.cellIds()).toEqual(ana.cellIds());
  });

  it('a type change concurrent with output writes leaves a markdown cell without outputs', () => {
    const ana = seeded(threeCells);
    const ben = peerOf(ana, 2);
    ana.setCellType('a', 'markdown', user);
    ben.appendOutput('a', stdout('late'), kernel);
    syncAll(ana.doc, ben.doc);
    expect(ana.cell('a')).toEqual({ id: 'a', cell_type: 'markdown', source: 'const a = 1;', metadata: {} });
    expect(ben.cells()).toEqual(ana.cells());
    ana.setCellType('a', 'code', user);
    expect(outputsOf(ana.cell('a'))).toEqual([]);
  });
});
