/** One `NotebookChange` per transaction, gathered from deep observers and sent after the transaction. */
import * as Y from 'yjs';
import { ORIGIN, type NotebookChange, type Origin } from './api.ts';
import { CELL, ROOT } from './keys.ts';

const origins: readonly unknown[] = Object.values(ORIGIN);

export function observeNotebook(doc: Y.Doc, listener: (change: NotebookChange) => void): () => void {
  const pending = new Map<Y.Transaction, NotebookChange>();
  const changeOf = (transaction: Y.Transaction): NotebookChange => {
    let change = pending.get(transaction);
    if (!change) {
      const origin = origins.includes(transaction.origin) ? (transaction.origin as Origin) : null;
      change = { origin, local: transaction.local, order: false, cellIds: [], meta: false, runQueue: false };
      pending.set(transaction, change);
    }
    return change;
  };

  const onCells = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
    const change = changeOf(transaction);
    const ids = new Set(change.cellIds);
    for (const event of events) {
      const [id] = event.path;
      if (typeof id !== 'string') {
        change.order = true;
        continue;
      }
      const keys = event instanceof Y.YMapEvent && event.path.length === 1 ? event.keysChanged : null;
      if (keys?.has(CELL.position)) change.order = true;
      if (!keys || keys.size > (keys.has(CELL.position) ? 1 : 0)) ids.add(id);
    }
    change.cellIds = [...ids];
  };
  const onMeta = (_events: unknown, transaction: Y.Transaction) => {
    changeOf(transaction).meta = true;
  };
  const onRunQueue = (_events: unknown, transaction: Y.Transaction) => {
    changeOf(transaction).runQueue = true;
  };
  const afterTransaction = (transaction: Y.Transaction) => {
    const change = pending.get(transaction);
    if (!change) return;
    pending.delete(transaction);
    listener(change);
  };

  const cells = doc.getMap(ROOT.cells);
  const meta = doc.getMap(ROOT.meta);
  const metadata = doc.getMap(ROOT.metadata);
  const runQueue = doc.getArray(ROOT.runQueue);
  cells.observeDeep(onCells);
  meta.observe(onMeta);
  metadata.observe(onMeta);
  runQueue.observeDeep(onRunQueue);
  doc.on('afterTransaction', afterTransaction);
  return () => {
    cells.unobserveDeep(onCells);
    meta.unobserve(onMeta);
    metadata.unobserve(onMeta);
    runQueue.unobserveDeep(onRunQueue);
    doc.off('afterTransaction', afterTransaction);
  };
}
