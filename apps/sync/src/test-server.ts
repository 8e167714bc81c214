// A sync server on an in-process HTTP server (port 0) and the rows and tokens its tests need.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { and, asc, docSnapshots, docUpdates, eq, migrate, notebooks, notebookShares, readMigrations, users, type Database, type Db, type ShareRole } from '@cohort/db';
import type { TestDatabase } from '@cohort/db/testing';
import type { SyncRole } from '@cohort/sync-auth';
import { createSyncTokens } from '@cohort/sync-auth/token';
import { afterAll, beforeAll } from 'vitest';
import * as Y from 'yjs';
import { notebookSeed } from './notebook-seed.ts';
import { createSyncServer, type SyncServer, type SyncServerOptions } from './sync-server.ts';

export const testSecret = 'the sync tests sign their tokens with this secret';
export const testOrigin = 'http://app.test';

export interface TestSyncServer {
  /** `ws://127.0.0.1:<port>/sync` */
  serverUrl: string;
  sync: SyncServer;
  close(): Promise<void>;
}

export async function startTestSyncServer(db: Db, options: Partial<SyncServerOptions> = {}): Promise<TestSyncServer> {
  const sync = createSyncServer({ db, authSecret: testSecret, allowedOrigins: [testOrigin], seed: notebookSeed, ...options });
  const server = http.createServer((_request, response) => response.writeHead(404).end());
  server.on('upgrade', (request, socket, head) => sync.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serverUrl: `ws://127.0.0.1:${port}/sync`,
    sync,
    async close() {
      await sync.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export async function migrated(database: Database): Promise<Db> {
  await migrate(database, readMigrations(join(import.meta.dirname, '../../../migrations')));
  return database.db;
}

/**
 * Opens `testDb`, migrated, before the suite's tests and closes it after them. The suite gets
 * the Db through `use` (it keeps it in a `let db` its tests read).
 */
export function useMigratedDb(testDb: TestDatabase, use: (db: Db) => void): void {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await testDb.open();
    use(await migrated(database));
  });
  afterAll(() => database?.close());
}

let seq = 0;
export async function createUser(db: Db, name: string): Promise<string> {
  const handle = `${name.toLowerCase()}${seq++}`;
  const [row] = await db.insert(users).values({ email: `${handle}@example.com`, handle, name }).returning();
  return row!.id;
}

export async function createNotebook(db: Db, ownerUserId: string, linkAccess = false): Promise<string> {
  const [row] = await db.insert(notebooks).values({ title: 'CNN on MNIST', ownerUserId, linkAccess }).returning();
  return row!.id;
}

/** Shares the notebook with the user (role null: stops sharing it). */
export async function share(db: Db, notebookId: string, userId: string, role: ShareRole | null): Promise<void> {
  await db.delete(notebookShares).where(and(eq(notebookShares.notebookId, notebookId), eq(notebookShares.userId, userId)));
  if (role) await db.insert(notebookShares).values({ notebookId, userId, role });
}

/** A token as the web app issues it, valid for five minutes unless `exp` says otherwise. */
export function tokenFor(
  grant: { userId: string | null; notebookId: string; role: SyncRole; name?: string; exp?: number },
  secret = testSecret,
): string {
  return createSyncTokens({ secret }).sign({
    sub: grant.userId,
    nb: grant.notebookId,
    role: grant.role,
    name: grant.name ?? 'Ana',
    handle: (grant.name ?? 'ana').toLowerCase(),
    color: '#3b82f6',
    exp: grant.exp ?? Math.floor(Date.now() / 1000) + 300,
  });
}

/** The document as Postgres holds it: snapshot plus log, applied to a fresh Y.Doc. */
export async function storedDoc(db: Db, notebookId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const [snapshot] = await db.select().from(docSnapshots).where(eq(docSnapshots.notebookId, notebookId));
  if (snapshot) Y.applyUpdate(doc, snapshot.state);
  const rows = await db.select().from(docUpdates).where(eq(docUpdates.notebookId, notebookId)).orderBy(asc(docUpdates.id));
  for (const row of rows) Y.applyUpdate(doc, row.update);
  return doc;
}

export async function logRows(db: Db, notebookId: string): Promise<number> {
  return (await db.select({ id: docUpdates.id }).from(docUpdates).where(eq(docUpdates.notebookId, notebookId))).length;
}
