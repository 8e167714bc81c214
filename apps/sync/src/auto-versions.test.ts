import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { asc, docVersions, eq, notebooks, type Db } from '@cohort/db';
import { testDatabases } from '@cohort/db/testing';
import { createAutoVersions } from './auto-versions.ts';
import type { DocumentHandle } from './extension.ts';
import { createNotebook, createUser, useMigratedDb } from './test-server.ts';

describe.each(testDatabases())('automatic versions on $name', (testDb) => {
  let db: Db;
  useMigratedDb(testDb, (opened) => (db = opened));

  const intervalMs = 10 * 60_000;
  let clock = Date.now();
  const logged: string[] = [];
  const setup = async () => {
    clock = Date.now();
    const notebookId = await createNotebook(db, await createUser(db, 'Ana'));
    const doc = new Y.Doc();
    const versions = createAutoVersions({ db, intervalMs, now: () => clock, log: (message) => logged.push(message) });
    const document = { notebookId, doc } as unknown as DocumentHandle;
    /** Reports applied updates, then waits for the version write it started, if any. */
    const applied = async () => {
      versions.afterApplyUpdates!(document);
      await versions.beforeUnloadDocument!({ notebookId });
    };
    const stored = async () =>
      (await db.select().from(docVersions).where(eq(docVersions.notebookId, notebookId)).orderBy(asc(docVersions.createdAt))).map((v) => {
        const state = new Y.Doc();
        Y.applyUpdate(state, v.state);
        return { name: v.name, text: state.getText('t').toString() };
      });
    return { notebookId, doc, applied, stored };
  };

  it('SYNC-HIST-1: stores the first version at once, none while the latest is younger than the interval, then the next', async () => {
    const { doc, applied, stored } = await setup();
    doc.getText('t').insert(0, 'one');
    await applied();
    expect(await stored()).toEqual([{ name: null, text: 'one' }]);

    doc.getText('t').insert(3, ' two');
    clock += intervalMs / 2;
    await applied();
    expect(await stored()).toHaveLength(1);

    clock += intervalMs;
    await applied();
    expect(await stored()).toEqual([
      { name: null, text: 'one' },
      { name: null, text: 'one two' },
    ]);
  });

  it('SYNC-HIST-1: a recent named version counts as the latest; a notebook that is gone stores nothing', async () => {
    const { notebookId, doc, applied, stored } = await setup();
    await db.insert(docVersions).values({ notebookId, name: 'Before the big refactor', state: Y.encodeStateAsUpdate(doc) });
    doc.getText('t').insert(0, 'edit');
    await applied();
    expect(await stored()).toEqual([{ name: 'Before the big refactor', text: '' }]);

    const gone = await setup();
    await db.delete(notebooks).where(eq(notebooks.id, gone.notebookId));
    await gone.applied();
    expect(await gone.stored()).toEqual([]);
    expect(logged).toEqual([]);
  });
});
