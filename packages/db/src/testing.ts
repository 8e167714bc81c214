// Helpers for tests of this package and of the apps (exported as '@cohort/db/testing').
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDatabase, type Database, type Db } from './client.ts';

/**
 * A new, empty database on the Postgres server at `serverUrl`, so each test file starts clean
 * and files can run in parallel. Returns its URL and a function that drops it.
 */
export async function freshPostgresDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `cohort_test_${randomBytes(6).toString('hex')}`;
  const run = async (statement: string) => {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(statement);
    } finally {
      await admin.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  /** Opens a new empty database; close() of the result also removes it. */
  open(): Promise<Database>;
}

/**
 * The databases a contract test runs against: PGlite always, and a fresh database on the
 * Postgres server named by DATABASE_URL when it is set (as in CI).
 */
export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'pglite', open: () => createDatabase({ driver: 'pglite' }) }];
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    list.push({
      name: 'postgres',
      async open() {
        const fresh = await freshPostgresDatabase(serverUrl);
        const database = await createDatabase({ driver: 'postgres', url: fresh.url, maxConnections: 4 });
        return {
          ...database,
          close: async () => {
            await database.close();
            await fresh.drop();
          },
        };
      },
    });
  }
  return list;
}

/** `db` as seen through a counter of the queries it starts, to check that lookups are batched. */
export function countingQueries(db: Db): { db: Db; queries(): number } {
  let queries = 0;
  const counted = new Proxy(db, {
    get(target, property) {
      if (property === 'select') queries++;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: counted, queries: () => queries };
}
