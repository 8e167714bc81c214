import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, groupInvites, migrate, readMigrations, sql, users, type Database, type Db } from '@cohort/db';
import { testDatabases } from '@cohort/db/testing';
import { acceptInvite, createGroup, createInvite, getGroup, listInvites, previewInvite } from './groups.ts';

describe.each(testDatabases())('invite expiry on $name', (testDb) => {
  let database: Database;
  let db: Db;
  let ana: string;
  let ben: string;
  beforeAll(async () => {
    database = await testDb.open();
    await migrate(database, readMigrations(join(import.meta.dirname, '../../../../migrations')));
    db = database.db;
    const created = await db
      .insert(users)
      .values([
        { email: 'ana@example.com', handle: 'ana', name: 'Ana' },
        { email: 'ben@example.com', handle: 'ben', name: 'Ben' },
      ])
      .returning();
    [ana, ben] = created.map((u) => u.id) as [string, string];
  });
  afterAll(() => database?.close());

  it('refuses an expired link with 410 and hides it from the owner’s list, without joining anyone', async () => {
    const group = await createGroup(db, ana, { name: 'DL Study Group', description: '' });
    const invite = await createInvite(db, ana, group.id, 'http://localhost:3000', { role: 'member', expiresInDays: 7, maxUses: null });
    expect((await previewInvite(db, invite.token)).group.id).toBe(group.id);

    await db.update(groupInvites).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(groupInvites.id, invite.id));

    await expect(previewInvite(db, invite.token)).rejects.toMatchObject({ status: 410, message: expect.stringMatching(/expired/) });
    await expect(acceptInvite(db, ben, invite.token)).rejects.toMatchObject({ status: 410 });
    expect(await listInvites(db, ana, group.id, 'http://localhost:3000')).toEqual([]);
    expect((await db.select().from(groupInvites).where(eq(groupInvites.id, invite.id)))[0]!.uses).toBe(0);
    await expect(getGroup(db, ben, group.id)).rejects.toMatchObject({ status: 404 });
  });
});
