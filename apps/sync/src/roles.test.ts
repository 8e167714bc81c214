import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notebooks, eq, type Database, type Db } from '@cohort/db';
import { testDatabases } from '@cohort/db/testing';
import { closeCodes, type SyncRole } from '@cohort/sync-auth';
import type { ConnectionHandle, DocumentHandle, SyncExtension } from './extension.ts';
import { createRoles } from './roles.ts';
import { createNotebook, createUser, migrated, share } from './test-server.ts';
import { within } from './testing.ts';

/** A socket as the roles extension sees it: it records what the extension does to it. */
function fakeConnection(notebookId: string, userId: string, role: SyncRole) {
  let settle = (_outcome: string) => {};
  const connection = {
    notebookId,
    identity: { userId, role, user: { name: 'Ben', handle: 'ben', color: '#3b82f6' } },
    role,
    awarenessClients: new Set<number>(),
    /** Resolves with `closed <code>` or `role <role>` for the first change the extension makes. */
    changed: new Promise<string>((resolve) => (settle = resolve)),
    setRole(next: SyncRole) {
      if (next !== connection.role) settle(`role ${next}`);
      connection.role = next;
    },
    close(code: number) {
      settle(`closed ${code}`);
    },
  };
  return connection satisfies ConnectionHandle;
}

const fakeDocument = (notebookId: string, connections: ConnectionHandle[]) =>
  ({ notebookId, connections: () => connections }) as unknown as DocumentHandle;

describe.each(testDatabases())('roles re-checked on $name', (testDb) => {
  let database: Database;
  let db: Db;
  beforeAll(async () => {
    database = await testDb.open();
    db = await migrated(database);
  });
  afterAll(() => database?.close());

  it('SYNC-ROLE-3: re-checks the roles on every loaded notebook in one query per round, and lowers, removes and closes within 5 s', async () => {
    const owner = await createUser(db, 'Ana');
    const ben = await createUser(db, 'Ben');
    const notebookIds = await Promise.all(Array.from({ length: 30 }, () => createNotebook(db, owner)));
    for (const notebookId of notebookIds) await share(db, notebookId, ben, 'editor');
    const connections = notebookIds.map((notebookId) => fakeConnection(notebookId, ben, 'editor'));

    let queries = 0;
    const counted = new Proxy(db, {
      get(target, property) {
        if (property === 'select') queries++;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const roles: SyncExtension = createRoles({ db: counted, intervalMs: 100, log: () => {} });
    try {
      notebookIds.forEach((notebookId, i) => roles.afterLoadDocument!(fakeDocument(notebookId, [connections[i]!])));
      const [lowered, removed, trashed] = notebookIds as [string, string, string];
      await share(db, lowered, ben, 'viewer');
      await share(db, removed, ben, null);
      await db.update(notebooks).set({ deletedAt: new Date() }).where(eq(notebooks.id, trashed));
      const started = queries;
      const outcomes = await within(5_000, 'the roles re-checked', Promise.all(connections.slice(0, 3).map((c) => c.changed)));
      expect(outcomes).toEqual(['role viewer', `closed ${closeCodes.forbidden}`, `closed ${closeCodes.notFound}`]);
      // One round (perhaps a second begun meanwhile), not one query or more per notebook.
      expect(queries - started).toBeGreaterThanOrEqual(1);
      expect(queries - started).toBeLessThanOrEqual(2);
      expect(connections.slice(3).every((c) => c.role === 'editor')).toBe(true);
    } finally {
      await roles.onDestroy!();
    }
  });
});
