import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, docSnapshots, migrate, notebooks, notebookShares, readMigrations, users, type Database, type Db, type DbDriver } from '@cohort/db';
import { freshPostgresDatabase } from '@cohort/db/testing';
import type { BenchConfig } from './config.ts';

export interface BenchNotebooks {
  /** Scenario A's notebook, shared with every reader. */
  typingOne: string;
  /** Scenario B's notebooks, each shared with clientsPerNotebook - 1 readers. */
  typingMany: string[];
  idle: string[];
  /** Copies of the large notebook, stored as a snapshot: the first warms up, each other is loaded cold once. */
  large: string[];
}

export interface BenchDatabase {
  driver: DbDriver;
  /** The PGlite data directory or the Postgres URL our server process opens. */
  location: string;
  ownerId: string;
  /** Users with viewer shares; scenario B uses the first clientsPerNotebook - 1. */
  readerIds: string[];
  notebooks: BenchNotebooks;
  remove(): Promise<void>;
}

/**
 * A new database for this run (PGlite in a temporary directory, or a fresh database on the
 * Postgres server at `databaseUrl`), migrated and holding the users, notebooks and shares the
 * scenarios connect to. It is closed again, so that our server process can open it.
 */
export async function prepareDatabase(config: BenchConfig, largeUpdate: Uint8Array): Promise<BenchDatabase> {
  let database: Database;
  let location: string;
  let remove: () => Promise<void>;
  if (config.databaseUrl) {
    const fresh = await freshPostgresDatabase(config.databaseUrl);
    location = fresh.url;
    remove = fresh.drop;
    database = await createDatabase({ driver: 'postgres', url: location, maxConnections: 4 });
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'cohort-bench-'));
    location = join(dir, 'pgdata');
    remove = async () => rmSync(dir, { recursive: true, force: true });
    database = await createDatabase({ driver: 'pglite', dataDir: location });
  }
  try {
    await migrate(database, readMigrations(join(import.meta.dirname, '../../../migrations')));
    const rows = await createRows(database.db, config, largeUpdate);
    await database.close();
    return { driver: database.driver, location, ...rows, remove };
  } catch (error) {
    await database.close().catch(() => {});
    await remove();
    throw error;
  }
}

async function createRows(db: Db, config: BenchConfig, largeUpdate: Uint8Array): Promise<Omit<BenchDatabase, 'driver' | 'location' | 'remove'>> {
  const readerCount = Math.max(config.readers, config.clientsPerNotebook - 1);
  const people = await db
    .insert(users)
    .values(Array.from({ length: readerCount + 1 }, (_, i) => ({ email: `bench${i}@example.com`, handle: `bench${i}`, name: `Bench ${i}` })))
    .returning({ id: users.id });
  const [ownerId, ...readerIds] = people.map((p) => p.id) as [string, ...string[]];
  const create = async (count: number, title: string) =>
    (await db.insert(notebooks).values(Array.from({ length: count }, (_, i) => ({ title: `${title} ${i + 1}`, ownerUserId: ownerId }))).returning({ id: notebooks.id })).map(
      (n) => n.id,
    );
  const [typingOne] = (await create(1, 'Fan-out')) as [string];
  const typingMany = await create(config.notebooks, 'Study group');
  const idle = await create(config.idleNotebooks, 'Idle');
  const large = await create(config.loadRuns + 1, 'Large');
  const shares = [
    ...readerIds.slice(0, config.readers).map((userId) => ({ notebookId: typingOne, userId, role: 'viewer' as const })),
    ...typingMany.flatMap((notebookId) => readerIds.slice(0, config.clientsPerNotebook - 1).map((userId) => ({ notebookId, userId, role: 'viewer' as const }))),
  ];
  await db.insert(notebookShares).values(shares);
  await db.insert(docSnapshots).values(large.map((notebookId) => ({ notebookId, state: largeUpdate, throughUpdateId: 0 })));
  return { ownerId, readerIds, notebooks: { typingOne, typingMany, idle, large } };
}
