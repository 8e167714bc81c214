import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { asc, docSnapshots, docUpdates, eq, notebooks, type Database, type Db } from '@cohort/db';
import { testDatabases } from '@cohort/db/testing';
import { createDocumentStore, type DocumentStore } from './document-store.ts';
import { notebookSeed } from './notebook-seed.ts';
import { createNotebook, createUser, migrated, storedDoc } from './test-server.ts';

/** An update that appends `text` to the `source` text of a document holding `base`. */
function edit(base: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(base);
  base.getText('source').insert(base.getText('source').length, text);
  return Y.encodeStateAsUpdate(base, before);
}

describe.each(testDatabases())('the document store on $name', (testDb) => {
  let database: Database;
  let db: Db;
  let store: DocumentStore;
  let seeds = 0;
  beforeAll(async () => {
    database = await testDb.open();
    db = await migrated(database);
    store = createDocumentStore({
      db,
      seed: (doc, notebook) => {
        seeds++;
        notebookSeed(doc, notebook);
      },
    });
  });
  afterAll(() => database?.close());

  const rowIds = async (notebookId: string) =>
    (await db.select({ id: docUpdates.id }).from(docUpdates).where(eq(docUpdates.notebookId, notebookId)).orderBy(asc(docUpdates.id))).map((r) => r.id);
  const notebook = async () => createNotebook(db, await createUser(db, 'Ana'));
  /** Appends to one notebook's log; answers the notebooks found gone. */
  const append = (notebookId: string, updates: Uint8Array[]) => store.append([{ notebookId, updates }]);
  /** A local replica of the stored document, to make further edits from. */
  const replica = async (notebookId: string) => {
    const doc = new Y.Doc();
    for (const update of (await store.load(notebookId))!) Y.applyUpdate(doc, update);
    return doc;
  };

  it('SYNC-STORE-5: seeds a new notebook once, however many loads race, and loads nothing for an unknown one', async () => {
    const notebookId = await notebook();
    const before = seeds;
    const loads = await Promise.all(Array.from({ length: 6 }, () => store.load(notebookId)));
    expect(seeds - before).toBe(1);
    expect(new Set(loads.map((l) => l!.length))).toEqual(new Set([1]));
    expect((await rowIds(notebookId)).length).toBe(1);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, loads[0]![0]!);
    expect(doc.getMap('meta').get('title')).toBe('CNN on MNIST');
    expect(await store.load('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('SYNC-STORE-4: compaction merges the log into the snapshot and deletes the rows it merged, in one transaction', async () => {
    const notebookId = await notebook();
    const doc = await replica(notebookId);
    expect(await append(notebookId, [edit(doc, 'a'), edit(doc, 'b')])).toEqual(new Set());
    const merged = await rowIds(notebookId);
    expect(await store.compact(notebookId)).toEqual({ merged: 3 });
    expect(await rowIds(notebookId)).toEqual([]);
    const [snapshot] = await db.select().from(docSnapshots).where(eq(docSnapshots.notebookId, notebookId));
    expect(snapshot!.throughUpdateId).toBe(merged.at(-1));
    await append(notebookId, [edit(doc, 'c')]);
    expect(await store.compact(notebookId)).toEqual({ merged: 1 });
    expect(await store.compact(notebookId)).toEqual({ merged: 0 });
    expect((await replica(notebookId)).getText('source').toString()).toBe('abc');
  });

  it('SYNC-STORE-4: updates appended while compaction runs are kept: merged and deleted, or left in the log', async () => {
    const notebookId = await notebook();
    const doc = await replica(notebookId);
    await append(notebookId, [edit(doc, '1'), edit(doc, '2')]);
    const racing = Array.from({ length: 10 }, (_, i) => edit(doc, String.fromCharCode(97 + i)));
    const [{ merged }] = await Promise.all([store.compact(notebookId), ...racing.map((update) => append(notebookId, [update]))]);
    const left = await rowIds(notebookId);
    expect(merged + left.length).toBe(3 + racing.length);
    expect((await storedDoc(db, notebookId)).getText('source').toString()).toBe(doc.getText('source').toString());
  });

  if (testDb.name === 'postgres') {
    // Needs two transactions open at once, which PGlite (one connection) cannot have.
    it('SYNC-STORE-4: keeps, and loads, a row with a lower id whose transaction commits after the compaction', async () => {
      const notebookId = await notebook();
      const doc = await replica(notebookId);
      const late = edit(doc, 'late ');
      const early = edit(doc, 'early');
      await database.scriptTransaction(async (tx) => {
        await tx.query('INSERT INTO doc_updates (notebook_id, update) VALUES ($1, $2)', [notebookId, late]);
        await append(notebookId, [early]);
        expect(await store.compact(notebookId)).toEqual({ merged: 2 });
      });
      const left = await db.select().from(docUpdates).where(eq(docUpdates.notebookId, notebookId));
      expect(left.map((r) => r.update)).toEqual([late]);
      const [snapshot] = await db.select().from(docSnapshots).where(eq(docSnapshots.notebookId, notebookId));
      expect(left[0]!.id).toBeLessThan(snapshot!.throughUpdateId);
      expect((await replica(notebookId)).getText('source').toString()).toBe('late early');
    });
  }

  it('refuses to append to a notebook that no longer exists', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await append(unknown, [edit(new Y.Doc(), 'x')])).toEqual(new Set([unknown]));
  });

  it('SYNC-STORE-3: appends the updates of several notebooks in one statement; a deleted one among them leaves the others stored', async () => {
    const [first, deleted, last] = await Promise.all([notebook(), notebook(), notebook()]);
    const docs = await Promise.all([first, deleted, last].map(replica));
    let statements = 0;
    const counted = new Proxy(db, {
      get(target, property) {
        if (property === 'execute') statements++;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const batching = createDocumentStore({ db: counted, seed: notebookSeed });
    const entries = [first!, deleted!, last!].map((notebookId, i) => ({ notebookId, updates: [edit(docs[i]!, 'one '), edit(docs[i]!, 'two')] }));
    expect(await batching.append(entries)).toEqual(new Set());
    expect(statements).toBe(1);

    await db.delete(notebooks).where(eq(notebooks.id, deleted!));
    const more = [first!, deleted!, last!].map((notebookId, i) => ({ notebookId, updates: [edit(docs[i]!, ' three')] }));
    expect(await batching.append(more)).toEqual(new Set([deleted]));
    for (const notebookId of [first!, last!]) {
      expect((await storedDoc(db, notebookId)).getText('source').toString()).toBe('one two three');
    }
  });
});
