import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../test-support/mulberry32.ts';
import { counterIds, createDoc, syncAll } from '../test-support/peers.ts';
import { ORIGIN, type CellType, type Notebook, type Output } from './api.ts';
import { openNotebook, seedNotebook } from './notebook.ts';
import { restoreContent } from './restore-content.ts';

const server = ORIGIN.server;
const user = ORIGIN.user;

function peer(clientID: number, from?: Notebook): Notebook {
  const doc = createDoc(clientID);
  if (from) Y.applyUpdate(doc, Y.encodeStateAsUpdate(from.doc));
  return openNotebook(doc, { idFactory: counterIds(`p${clientID}`) });
}

function seeded(): Notebook {
  const notebook = peer(1);
  seedNotebook(
    notebook.doc,
    {
      title: 'CNN on MNIST',
      metadata: { colab: { gpu: true } },
      cells: [
        { id: 'intro', cell_type: 'markdown', source: '# Intro\nTrain a CNN.', attachments: { 'a.png': { 'image/png': 'iVBOR' } } },
        { id: 'load', cell_type: 'code', source: 'const data = await datasets.load("mnist");\nconsole.log(data.size)', outputs: [{ output_type: 'stream', name: 'stdout', text: '60000\n' }], execution_count: 1, metadata: { tags: ['setup'] } },
        { id: 'model', cell_type: 'code', source: 'const model = tf.sequential();' },
        { id: 'notes', cell_type: 'raw', source: 'raw notes' },
      ],
    },
    server,
  );
  return notebook;
}

/** Changes every kind of thing a version can differ in. */
function editEverything(notebook: Notebook): void {
  notebook.setTitle('Renamed', user);
  notebook.setRuntime('remote', user);
  notebook.setMetadata('colab', null, user);
  notebook.setMetadata('extra', 1, user);
  notebook.deleteCell('model', user);
  notebook.insertCell(0, { type: 'code', source: 'added()' }, user);
  notebook.moveCell('notes', 0, user);
  notebook.editSource('load', 0, 5, 'let', user);
  notebook.setOutputs('load', [{ output_type: 'error', ename: 'Error', evalue: 'boom', traceback: [] }], user);
  notebook.setExecutionCount('load', 2, user);
  notebook.setCellMetadata('load', 'tags', ['changed'], user);
  notebook.setCellType('intro', 'code', user);
  notebook.setCellType('notes', 'markdown', user);
}

/** Replay a run: FUZZ_SEED=<seed> npx vitest run packages/notebook/src/restore-content.test.ts */
const fuzzSeed = Number(process.env['FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));

describe('restoreContent', () => {
  it('makes the document equal the version again, keeping cell ids, in one transaction', () => {
    const notebook = seeded();
    const version = notebook.toJSON();
    editEverything(notebook);
    let transactions = 0;
    notebook.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.origin === server) transactions++;
    });
    restoreContent(notebook, version, server);
    expect(notebook.toJSON()).toEqual(version);
    expect(transactions).toBe(1);
  });

  it('edits sources in place: a collaborator editing elsewhere in the cell keeps the edit, and both peers converge', () => {
    const a = seeded();
    const version = a.toJSON();
    const b = peer(2, a);
    b.editSource('load', 0, 0, '// changed later\n', user);
    syncAll(a.doc, b.doc);

    // Concurrently: the server restores on one peer, a collaborator appends to the same cell on the other.
    restoreContent(a, version, server);
    const source = b.sourceText('load')!;
    b.editSource('load', source.length, 0, '\nconsole.log("tail")', user);
    syncAll(a.doc, b.doc);

    expect(a.toJSON()).toEqual(b.toJSON());
    expect(a.cell('load')!.source).toBe(`${version.cells[1]!.source}\nconsole.log("tail")`);
  });

  it('is a change like any other for a connected peer, who ends with exactly the version', () => {
    const a = seeded();
    const version = a.toJSON();
    const b = peer(2, a);
    editEverything(b);
    syncAll(a.doc, b.doc);
    restoreContent(a, version, server);
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)));
    expect(b.toJSON()).toEqual(version);
  });

  it(`restores any earlier state exactly, after random edits on two peers (seed ${fuzzSeed})`, () => {
    const seed = fuzzSeed;
    const random = mulberry32(seed);
    const int = (max: number) => Math.floor(random() * max);
    const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
    const words = ['x', ' = ', '1', '\n', '🙂', 'tf.add', ''];
    const text = () => Array.from({ length: int(5) }, () => pick(words)).join('');
    const types: CellType[] = ['code', 'markdown', 'raw'];
    const output = (): Output => ({ output_type: 'stream', name: 'stdout', text: text() });
    const some = (n: Notebook) => pick([...n.cellIds(), 'none']);
    const operations: ((n: Notebook) => void)[] = [
      (n) => n.insertCell(int(n.cellIds().length + 1), { type: pick(types), source: text() }, user),
      (n) => n.deleteCell(some(n), user),
      (n) => n.moveCell(some(n), int(n.cellIds().length), user),
      (n) => n.setCellType(some(n), pick(types), user),
      (n) => {
        const id = some(n);
        const length = n.sourceText(id)?.length ?? 0;
        n.editSource(id, int(length + 1), int(3), text(), user);
      },
      (n) => n.setOutputs(some(n), Array.from({ length: int(3) }, output), user),
      (n) => n.setExecutionCount(some(n), pick([null, int(9)]), user),
      (n) => n.setCellMetadata(some(n), pick(['a', 'b']), pick([undefined, int(3), { deep: [int(3)] }]), user),
      (n) => n.setAttachments(some(n), pick([undefined, { 'f.png': { 'image/png': text() } }]), user),
      (n) => n.setMetadata(pick(['m', 'k']), pick([undefined, int(5)]), user),
      (n) => n.setTitle(text(), user),
    ];
    for (let round = 0; round < 40; round++) {
      const notebook = seeded();
      for (let i = 0; i < 20; i++) pick(operations)(notebook);
      const version = notebook.toJSON();
      const other = peer(2, notebook);
      for (let i = 0; i < 30; i++) pick(operations)(other);
      syncAll(notebook.doc, other.doc);
      restoreContent(notebook, version, server);
      syncAll(notebook.doc, other.doc);
      expect(notebook.toJSON(), `seed ${seed} round ${round}`).toEqual(version);
      expect(other.toJSON(), `seed ${seed} round ${round}`).toEqual(version);
    }
  });
});
