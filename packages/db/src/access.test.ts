import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibleNotebookIds, notebookAccess, roleAtLeast, rolesOfUsersOnNotebook, rolesOfUsersOnNotebooks } from './access.ts';
import type { Database, Db } from './client.ts';
import { migrate, readMigrations } from './migrate.ts';
import { groups, memberships, notebookShares, notebooks, users, type GroupRole } from './schema.ts';
import { countingQueries, testDatabases } from './testing.ts';

describe.each(testDatabases())('notebook access on $name', (testDb) => {
  let database: Database;
  let db: Db;
  beforeAll(async () => {
    database = await testDb.open();
    await migrate(database, readMigrations(join(import.meta.dirname, '../../../migrations')));
    db = database.db;
  });
  afterAll(() => database?.close());

  let seq = 0;
  const user = async (name: string) => {
    const handle = `${name.toLowerCase()}${seq++}`;
    const [row] = await db.insert(users).values({ email: `${handle}@example.com`, handle, name }).returning();
    return row!.id;
  };
  const group = async (members: Array<[string, GroupRole]>) => {
    const [row] = await db.insert(groups).values({ name: 'DL Study Group' }).returning();
    for (const [userId, role] of members) await db.insert(memberships).values({ groupId: row!.id, userId, role });
    return row!.id;
  };
  const notebook = async (owner: { user?: string; group?: string }, linkAccess = false) => {
    const [row] = await db
      .insert(notebooks)
      .values({ title: 'CNN on MNIST', ownerUserId: owner.user, ownerGroupId: owner.group, linkAccess })
      .returning();
    return row!.id;
  };
  const roleOf = async (userId: string | null, notebookId: string) => (await notebookAccess(db, userId, notebookId))?.role ?? null;

  it('gives group members editor, mentors commenter and group owners owner on group notebooks', async () => {
    const [ana, ben, maya, stranger] = await Promise.all(['Ana', 'Ben', 'Maya', 'Sam'].map(user));
    const groupId = await group([[ana!, 'owner'], [ben!, 'member'], [maya!, 'mentor']]);
    const id = await notebook({ group: groupId });
    expect(await roleOf(ana!, id)).toBe('owner');
    expect(await roleOf(ben!, id)).toBe('editor');
    expect(await roleOf(maya!, id)).toBe('commenter');
    expect(await roleOf(stranger!, id)).toBeNull();
    expect(await roleOf(null, id)).toBeNull();
  });

  it('lets a personal share lower or raise what membership gives, but never an owner', async () => {
    const [ana, ben, maya] = await Promise.all(['Ana', 'Ben', 'Maya'].map(user));
    const groupId = await group([[ana!, 'owner'], [ben!, 'member'], [maya!, 'mentor']]);
    const id = await notebook({ group: groupId });
    await db.insert(notebookShares).values([
      { notebookId: id, userId: ben!, role: 'viewer' },
      { notebookId: id, userId: maya!, role: 'editor' },
      { notebookId: id, userId: ana!, role: 'viewer' },
    ]);
    expect(await roleOf(ben!, id)).toBe('viewer');
    expect(await roleOf(maya!, id)).toBe('editor');
    expect(await roleOf(ana!, id)).toBe('owner');
  });

  it('grants shares to other groups, and link viewers to anyone, taking the highest', async () => {
    const [ana, ben] = await Promise.all(['Ana', 'Ben'].map(user));
    const bensGroup = await group([[ben!, 'member']]);
    const id = await notebook({ user: ana! }, true);
    expect(await roleOf(null, id)).toBe('viewer');
    expect(await roleOf(ben!, id)).toBe('viewer');
    await db.insert(notebookShares).values({ notebookId: id, groupId: bensGroup, role: 'commenter' });
    expect(await roleOf(ben!, id)).toBe('commenter');
    expect(await accessibleNotebookIds(db, ben!)).toContain(id);
  });

  it('gives the roles of many users on one notebook as notebookAccess gives each', async () => {
    const [ana, ben, maya, gus, sam] = await Promise.all(['Ana', 'Ben', 'Maya', 'Gus', 'Sam'].map(user));
    const groupId = await group([[ana!, 'owner'], [ben!, 'member'], [maya!, 'mentor']]);
    const gusGroup = await group([[gus!, 'member']]);
    const id = await notebook({ group: groupId }, true);
    await db.insert(notebookShares).values([
      { notebookId: id, userId: ben!, role: 'viewer' },
      { notebookId: id, groupId: gusGroup, role: 'editor' },
    ]);
    const result = await rolesOfUsersOnNotebook(db, id, [ana!, ben!, maya!, gus!, sam!]);
    expect(Object.fromEntries(result!.roles)).toEqual({ [ana!]: 'owner', [ben!]: 'viewer', [maya!]: 'commenter', [gus!]: 'editor', [sam!]: 'viewer' });
    for (const userId of [ana!, ben!, maya!, gus!, sam!]) expect(result!.roles.get(userId)).toBe(await roleOf(userId, id));
    expect(await rolesOfUsersOnNotebook(db, '00000000-0000-4000-8000-000000000000', [ana!])).toBeNull();
  });

  it('gives the roles of many users on many notebooks in one query, as notebookAccess gives each', async () => {
    const [ana, ben, maya, gus, sam] = await Promise.all(['Ana', 'Ben', 'Maya', 'Gus', 'Sam'].map(user));
    const groupId = await group([[ana!, 'owner'], [ben!, 'member'], [maya!, 'mentor']]);
    const gusGroup = await group([[gus!, 'member']]);
    const groupNotebook = await notebook({ group: groupId }, true);
    const anasNotebook = await notebook({ user: ana! });
    const sharedToGroup = await notebook({ user: sam! });
    await db.insert(notebookShares).values([
      { notebookId: groupNotebook, userId: ben!, role: 'viewer' },
      { notebookId: anasNotebook, userId: maya!, role: 'editor' },
      { notebookId: sharedToGroup, groupId: gusGroup, role: 'commenter' },
      { notebookId: sharedToGroup, groupId, role: 'viewer' },
    ]);
    const everyone = [ana!, ben!, maya!, gus!, sam!];
    const unknown = '00000000-0000-4000-8000-000000000000';
    const counted = countingQueries(db);
    const result = await rolesOfUsersOnNotebooks(
      counted.db,
      new Map([[groupNotebook, everyone], [anasNotebook, everyone], [sharedToGroup, everyone], [unknown, [ana!]]]),
    );
    expect(counted.queries()).toBe(1);
    expect(result.has(unknown)).toBe(false);
    expect(Object.fromEntries(result.get(sharedToGroup)!.roles)).toEqual({ [sam!]: 'owner', [gus!]: 'commenter', [ana!]: 'viewer', [ben!]: 'viewer', [maya!]: 'viewer' });
    for (const notebookId of [groupNotebook, anasNotebook, sharedToGroup]) {
      expect(result.get(notebookId)!.notebook.id).toBe(notebookId);
      for (const userId of everyone) expect(result.get(notebookId)!.roles.get(userId) ?? null).toBe(await roleOf(userId, notebookId));
    }
  });

  it('hides deleted notebooks from everyone but their owners', async () => {
    const [ana, ben] = await Promise.all(['Ana', 'Ben'].map(user));
    const id = await notebook({ user: ana! });
    await db.insert(notebookShares).values({ notebookId: id, userId: ben!, role: 'editor' });
    await db.update(notebooks).set({ deletedAt: new Date() });
    expect(await roleOf(ana!, id)).toBe('owner');
    expect(await roleOf(ben!, id)).toBeNull();
    expect(await accessibleNotebookIds(db, ana!)).not.toContain(id);
  });

  it('orders roles owner > editor > commenter > viewer', () => {
    expect(roleAtLeast('editor', 'commenter')).toBe(true);
    expect(roleAtLeast('viewer', 'commenter')).toBe(false);
    expect(roleAtLeast(null, 'viewer')).toBe(false);
  });
});
