import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, migrate, notebooks, readMigrations, users, type Database, type Db } from '@cohort/db';
import { testDatabases } from '@cohort/db/testing';
import { createSyncTokens } from '@cohort/sync-auth/token';
import { toPublicUser, type PublicUser } from './accounts.ts';
import { colorFor, issueSyncToken } from './sync-tokens.ts';

const secret = 'the web app signs sessions and sync tokens with this';

describe.each(testDatabases())('sync tokens on $name', (testDb) => {
  let database: Database;
  let db: Db;
  let ana: PublicUser;
  let sam: PublicUser;
  beforeAll(async () => {
    database = await testDb.open();
    await migrate(database, readMigrations(join(import.meta.dirname, '../../../../migrations')));
    db = database.db;
    const rows = await db
      .insert(users)
      .values([
        { email: 'ana@example.com', handle: 'ana', name: 'Ana' },
        { email: 'sam@example.com', handle: 'sam', name: 'Sam' },
      ])
      .returning();
    [ana, sam] = rows.map(toPublicUser) as [PublicUser, PublicUser];
  });
  afterAll(() => database?.close());

  const notebook = async (linkAccess: boolean) =>
    (await db.insert(notebooks).values({ title: 'CNN on MNIST', ownerUserId: ana.id, linkAccess }).returning())[0]!.id;

  it('signs the caller\'s role, name and colour for five minutes', async () => {
    const id = await notebook(false);
    const now = new Date('2030-01-01T00:00:00Z');
    const grant = await issueSyncToken(db, secret, ana, id, now);
    expect(grant).toMatchObject({ url: `/sync/${id}`, role: 'owner', expiresAt: '2030-01-01T00:05:00.000Z' });
    const verified = createSyncTokens({ secret }).verify(grant.token, now.getTime());
    expect(verified).toEqual({
      ok: true,
      payload: { sub: ana.id, nb: id, role: 'owner', name: 'Ana', handle: 'ana', color: colorFor(ana.id), exp: now.getTime() / 1000 + 300 },
    });
  });

  it('gives anonymous callers a viewer token only with link access on, and nobody a token for a notebook in the trash', async () => {
    const open = await notebook(true);
    const closed = await notebook(false);
    expect(await issueSyncToken(db, secret, null, open)).toMatchObject({ role: 'viewer' });
    await expect(issueSyncToken(db, secret, null, closed)).rejects.toMatchObject({ status: 404 });
    await expect(issueSyncToken(db, secret, sam, closed)).rejects.toMatchObject({ status: 404 });
    await db.update(notebooks).set({ deletedAt: new Date() }).where(eq(notebooks.id, closed));
    await expect(issueSyncToken(db, secret, ana, closed)).rejects.toMatchObject({ status: 404 });
  });

  it('gives each user one colour, the same every time', () => {
    expect(colorFor(ana.id)).toBe(colorFor(ana.id));
    expect(colorFor(ana.id)).toMatch(/^#[0-9a-f]{6}$/);
  });
});
