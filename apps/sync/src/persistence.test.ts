import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eq, notebooks, type Db } from '@cohort/db';
import { testDatabases } from '@cohort/db/testing';
import { closeCodes } from '@cohort/sync-auth';
import { createDocumentStore, type AppendEntry, type DocumentStore } from './document-store.ts';
import { SyncRefusal } from './extension.ts';
import { notebookSeed } from './notebook-seed.ts';
import { createPersistence } from './persistence.ts';
import { createNotebook, createUser, storedDoc, useMigratedDb } from './test-server.ts';

const typed = (text: string) => {
  const doc = new Y.Doc();
  doc.getText('source').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
};

describe.each(testDatabases())('write-ahead persistence on $name', (testDb) => {
  let db: Db;
  useMigratedDb(testDb, (opened) => (db = opened));

  it('SYNC-STORE-3: appends the updates of every notebook arriving in one turn in one statement; a deleted notebook is refused (4404) and the others stored', async () => {
    const owner = await createUser(db, 'Ana');
    const notebookIds = await Promise.all(Array.from({ length: 5 }, () => createNotebook(db, owner)));
    const store = createDocumentStore({ db, seed: notebookSeed });
    const appends: AppendEntry[][] = [];
    const watched: DocumentStore = {
      ...store,
      append(entries) {
        appends.push([...entries]);
        return store.append(entries);
      },
    };
    const persistence = createPersistence({ store: watched, compactAfterUpdates: 1_000, log: () => {} });
    const deleted = notebookIds[2]!;
    await db.delete(notebooks).where(eq(notebooks.id, deleted));

    const outcomes = await Promise.allSettled(
      notebookIds.map((notebookId) => persistence.beforeApplyUpdates!({ notebookId, updates: [typed(`in ${notebookId}`)] })),
    );
    expect(appends.length).toBe(1);
    expect(appends[0]!.map((entry) => entry.notebookId)).toEqual(notebookIds);
    outcomes.forEach((outcome, i) => {
      if (notebookIds[i] === deleted) {
        expect(outcome.status).toBe('rejected');
        expect(((outcome as PromiseRejectedResult).reason as SyncRefusal).code).toBe(closeCodes.notFound);
      } else expect(outcome.status).toBe('fulfilled');
    });
    for (const notebookId of notebookIds.filter((id) => id !== deleted)) {
      expect((await storedDoc(db, notebookId)).getText('source').toString()).toBe(`in ${notebookId}`);
    }
  });
});
