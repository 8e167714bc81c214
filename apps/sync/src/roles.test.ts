import { describe, expect, it } from 'vitest';
import { notebooks, eq, type Db } from '@cohort/db';
import { countingQueries, testDatabases } from '@cohort/db/testing';
import { closeCodes, type SyncRole } from '@cohort/sync-auth';
import type { ConnectionHandle, DocumentHandle, SyncExtension } from './extension.ts';
import { createRoles } from './roles.ts';
import { createNotebook, createUser, share, useMigratedDb } from './test-server.ts';
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
  let db: Db;
  useMigratedDb(testDb, (opened) => (db = opened));

  it('SYNC-ROLE-3: re-checks the roles on every loaded notebook in one query per round, and lowers, removes and closes within 5 s', async () => {
    const owner = await createUser(db, 'Ana');
    const ben = await createUser(db, 'Ben');
    const notebookIds = await Promise.all(Array.from({ length: 30 }, () => createNotebook(db, owner)));
    for (const notebookId of notebookIds) await share(db, notebookId, ben, 'editor');
    const connections = notebookIds.map((notebookId) => fakeConnection(notebookId, ben, 'editor'));

    const counted = countingQueries(db);
    const roles: SyncExtension = createRoles({ db: counted.db, intervalMs: 100, log: () => {} });
    try {
      notebookIds.forEach((notebookId, i) => roles.afterLoadDocument!(fakeDocument(notebookId, [connections[i]!])));
      const [lowered, removed, trashed] = notebookIds as [string, string, string];
      await share(db, lowered, ben, 'viewer');
      await share(db, removed, ben, null);
      await db.update(notebooks).set({ deletedAt: new Date() }).where(eq(notebooks.id, trashed));
      const started = counted.queries();
      const outcomes = await within(5_000, 'the roles re-checked', Promise.all(connections.slice(0, 3).map((c) => c.changed)));
      expect(outcomes).toEqual(['role viewer', `closed ${closeCodes.forbidden}`, `closed ${closeCodes.notFound}`]);
      // One round (perhaps a second begun meanwhile), not one query or more per notebook.
      expect(counted.queries() - started).toBeGreaterThanOrEqual(1);
      expect(counted.queries() - started).toBeLessThanOrEqual(2);
      expect(connections.slice(3).every((c) => c.role === 'editor')).toBe(true);
    } finally {
      await roles.onDestroy!();
    }
  });
});
