/** Small helpers for tests with several Y.Docs. */
import * as Y from 'yjs';

/** Brings every doc up to date with every other, as y-websocket's sync steps do. */
export function syncAll(...docs: Y.Doc[]): void {
  for (const from of docs) {
    for (const to of docs) {
      if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'network');
    }
  }
}

/** A doc with a fixed client id (Yjs breaks ties between concurrent writes by client id). */
export function createDoc(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
}

/** Ids `${prefix}-1`, `${prefix}-2`, ... */
export function counterIds(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}
