/**
 * Convergence fuzz of the notebook model: peers on a simulated network apply random operations
 * (cells inserted, deleted, moved, retyped, split, merged; sources edited; outputs written; meta
 * and run queue changed) with random deliveries and disconnects, then settle. Every peer must end
 * identical, and the notebook must be well-formed.
 */
import * as Y from 'yjs';
import { ORIGIN, type CellType, type Notebook, type Origin, type Output } from '../src/api.ts';
import { exportIpynb } from '../src/ipynb-export.ts';
import { openNotebook, seedNotebook } from '../src/notebook.ts';
import { mulberry32 } from './mulberry32.ts';
import { schemaErrors } from './nbformat-schema.ts';
import { counterIds, createDoc } from './peers.ts';
import { SimulatedNetwork } from './simulated-network.ts';

export interface FuzzOptions {
  peers: number;
  steps: number;
}

const CELL_TYPES: CellType[] = ['code', 'markdown', 'raw'];
const ORIGINS: Origin[] = Object.values(ORIGIN);
const DISPLAY_IDS = ['loss', 'acc', 'img'];
const WORDS = ['tf', '.add', '(x)', '\n', 'const ', '1', ' // ok', '∑', '🙂', ''];

export function runFuzz(seed: number, { peers, steps }: FuzzOptions): void {
  const random = mulberry32(seed);
  const int = (max: number) => Math.floor(random() * max);
  const pickOrNone = <T>(items: readonly T[]): T | undefined => items[int(items.length)];
  /** For lists that are never empty. */
  const pick = <T>(items: readonly T[]): T => pickOrNone(items) as T;
  const text = () => Array.from({ length: int(4) }, () => pick(WORDS)).join('');
  const output = (): Output =>
    pick<() => Output>([
      () => ({ output_type: 'stream', name: pick(['stdout', 'stderr']), text: `${text()}\n` }),
      () => ({ output_type: 'display_data', data: { 'text/plain': text(), 'image/png': 'iVBOR' }, metadata: {}, transient: { display_id: pick(DISPLAY_IDS) } }),
      () => ({ output_type: 'execute_result', execution_count: int(9), data: { 'text/plain': text(), 'application/json': { v: int(9) } }, metadata: {} }),
      () => ({ output_type: 'error', ename: 'Error', evalue: text(), traceback: [text()] }),
    ])();

  const docs = Array.from({ length: peers }, (_, i) => createDoc(i + 1));
  seedNotebook(docs[0]!, { title: 'fuzz', cells: [{ cell_type: 'code', source: 'a' }, { cell_type: 'markdown', source: 'b' }] }, ORIGIN.server, {
    idFactory: counterIds('seed'),
  });
  for (const doc of docs.slice(1)) Y.applyUpdate(doc, Y.encodeStateAsUpdate(docs[0]!));
  const network = new SimulatedNetwork(docs, random);
  const notebooks = docs.map((doc, i) => openNotebook(doc, { idFactory: counterIds(`p${i}`), now: () => new Date(Date.UTC(2025, 0, 1)) }));

  const operations: ((n: Notebook, origin: Origin) => void)[] = [];
  const weighted = (weight: number, op: (n: Notebook, origin: Origin) => void) => {
    for (let i = 0; i < weight; i++) operations.push(op);
  };
  /** A cell of `n`, or an id that no cell has when `n` has none (ops must then do nothing). */
  const someCell = (n: Notebook) => pickOrNone(n.cellIds()) ?? 'no-such-cell';
  weighted(4, (n, o) => n.insertCell(int(n.cellIds().length + 1), { type: pick(CELL_TYPES), source: text() }, o));
  weighted(2, (n, o) => n.deleteCell(someCell(n), o));
  weighted(5, (n, o) => n.moveCell(someCell(n), int(n.cellIds().length), o));
  weighted(2, (n, o) => n.setCellType(someCell(n), pick(CELL_TYPES), o));
  weighted(2, (n, o) => {
    const id = someCell(n);
    n.splitCell(id, int((n.cell(id)?.source.length ?? 0) + 1), o);
  });
  weighted(1, (n, o) => {
    const ids = [...new Set([someCell(n), someCell(n), someCell(n)])];
    if (ids.length > 1) n.mergeCells(ids, o);
  });
  weighted(6, (n, o) => {
    const id = someCell(n);
    const length = n.cell(id)?.source.length ?? 0;
    n.editSource(id, int(length + 1), int(3), text(), o);
  });
  weighted(4, (n, o) => n.appendOutput(someCell(n), output(), o));
  weighted(2, (n, o) => n.updateDisplay(pick(DISPLAY_IDS), { data: { 'text/plain': text() }, metadata: { n: int(9) } }, o));
  weighted(1, (n, o) => n.setOutputs(someCell(n), [output(), output()], o));
  weighted(1, (n, o) => n.clearOutputs(someCell(n), o));
  weighted(1, (n, o) => n.setExecutionCount(someCell(n), pick([null, int(20)]), o));
  weighted(1, (n, o) => n.setCellMetadata(someCell(n), pick(['tags', 'collapsed', 'colab']), pick([undefined, ['x'], true, { k: int(3) }]), o));
  weighted(1, (n, o) => n.setTitle(text(), o));
  weighted(1, (n, o) => n.setRuntime(pick(['browser', 'remote']), o));
  weighted(1, (n, o) => n.setMetadata(pick(['authors', 'colab']), pick([undefined, [], { x: int(3) }]), o));
  weighted(2, (n, o) => n.enqueueRun({ cellId: someCell(n), requestedBy: 'ana', runtime: pick(['browser', 'remote']) }, o));
  weighted(2, (n, o) => {
    const run = pickOrNone(n.runRequests());
    if (run) n.claimRun(run.id, `session-${int(3)}`, o);
  });
  weighted(2, (n, o) => {
    const run = pickOrNone(n.runRequests());
    if (run) n.finishRun(run.id, pick(['done', 'error', 'aborted']), o);
  });
  weighted(1, (n, o) => n.clearFinishedRuns(o));

  for (let step = 0; step < steps; step++) {
    const roll = random();
    if (roll < 0.6) {
      const notebook = pick(notebooks);
      pick(operations)(notebook, pick(ORIGINS));
    } else if (roll < 0.9) {
      for (let i = int(4); i >= 0; i--) network.deliverOne();
    } else {
      const peer = int(peers);
      if (network.isOnline(peer)) network.disconnect(peer);
      else network.reconnect(peer);
    }
  }

  network.settle();
  checkConverged(notebooks);
}

function checkConverged(notebooks: Notebook[]): void {
  const vectors = notebooks.map((n) => Y.encodeStateVector(n.doc).join(','));
  if (new Set(vectors).size !== 1) throw new Error(`peers did not receive every update: ${vectors.join(' | ')}`);
  const [first, ...rest] = notebooks.map((n) => JSON.stringify({ notebook: n.toJSON(), runs: n.runRequests() }));
  rest.forEach((state, i) => {
    if (state !== first) throw new Error(`peer ${i + 1} differs from peer 0:\n${state}\n${first}`);
  });
  for (const notebook of notebooks) {
    const cells = notebook.doc.getMap('cells');
    const ids = notebook.cellIds();
    if (ids.length !== cells.size) throw new Error(`malformed cells: ${cells.size} stored, ${ids.length} well-formed`);
    if (new Set(ids).size !== ids.length) throw new Error(`duplicated cell ids: ${ids.join(', ')}`);
    for (const cell of notebook.cells()) {
      const stored = (cells.get(cell.id) as Y.Map<unknown>).get('outputs') as Y.Array<unknown>;
      if (cell.cell_type === 'code' && cell.outputs.length !== stored.length) throw new Error(`malformed outputs in ${cell.id}`);
    }
    if (notebook.runRequests().length !== notebook.doc.getArray('runQueue').length) throw new Error('malformed run requests');
    const errors = schemaErrors(exportIpynb(notebook.toJSON()));
    if (errors.length > 0) throw new Error(`export is not valid nbformat 4.5: ${errors.join('; ')}`);
  }
}
