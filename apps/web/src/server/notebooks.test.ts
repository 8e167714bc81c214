import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, migrate, notebooks, readMigrations, sql, users, type Database, type Db } from '@cohort/db';
import { testDatabases } from '@cohort/db/testing';
import { createNotebook, deleteNotebook, listTrash, purgeDeletedNotebooks, restoreNotebook } from './notebooks.ts';

describe.each(testDatabases())('the notebook trash on $name', (testDb) => {
  let database: Database;
  let db: Db;
  let ana: string;
  beforeAll(async () => {
    database = await testDb.open();
    await migrate(database, readMigrations(join(import.meta.dirname, '../../../../migrations')));
    db = database.db;
    const [user] = await db.insert(users).values({ email: 'ana@example.com', handle: 'ana', name: 'Ana' }).returning();
    ana = user!.id;
  });
  afterAll(() => database?.close());

  const deletedDaysAgo = async (title: string, days: number) => {
    const { id } = await createNotebook(db, ana, { title });
    await deleteNotebook(db, ana, id);
    await db
      .update(notebooks)
      .set({ deletedAt: sql`now() - make_interval(days => ${days})` })
      .where(eq(notebooks.id, id));
    return id;
  };

  it('restores a notebook deleted 29 days ago, but not one deleted 31 days ago, which purging removes', async () => {
    const recent = await deletedDaysAgo('Recent', 29);
    const old = await deletedDaysAgo('Old', 31);

    expect((await listTrash(db, ana)).map((n) => n.id)).toEqual([recent]);
    await expect(restoreNotebook(db, ana, old)).rejects.toMatchObject({ status: 404 });

    expect(await purgeDeletedNotebooks(db)).toBe(1);
    expect((await db.select({ id: notebooks.id }).from(notebooks)).map((n) => n.id)).toEqual([recent]);

    expect(await restoreNotebook(db, ana, recent)).toMatchObject({ id: recent, title: 'Recent', myRole: 'owner' });
    expect(await purgeDeletedNotebooks(db)).toBe(0);
  });
});
