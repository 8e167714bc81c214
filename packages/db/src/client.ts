import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { withParsersInstalledOnce } from './pglite-parsers.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A typed query builder over either driver; both speak the same Postgres dialect. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbDriver = 'pglite' | 'postgres';

/** Raw SQL inside one transaction, for the migration runner (scripts of many statements). */
export interface ScriptTransaction {
  exec(script: string): Promise<void>;
  query<Row>(text: string, params?: unknown[]): Promise<Row[]>;
}

export interface Database {
  db: Db;
  driver: DbDriver;
  scriptTransaction<T>(work: (tx: ScriptTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { driver: 'postgres'; url: string; maxConnections?: number }
  /** dataDir undefined keeps the database in memory (tests). */
  | { driver: 'pglite'; dataDir?: string };

export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.driver === 'postgres') {
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Db;
    return {
      db,
      driver: 'postgres',
      scriptTransaction: (work) =>
        client.begin((tx) =>
          work({
            exec: async (script) => {
              await tx.unsafe(script).simple();
            },
            query: async <Row>(text: string, params: unknown[] = []) =>
              (await tx.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as Row[],
          }),
        ) as Promise<never>,
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir);
  const db = drizzlePglite(withParsersInstalledOnce(client), { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    scriptTransaction: (work) =>
      client.transaction((tx) =>
        work({
          exec: async (script) => {
            await tx.exec(script);
          },
          query: async <Row>(text: string, params: unknown[] = []) =>
            (await tx.query<Row>(text, params)).rows,
        }),
      ),
    close: () => client.close(),
  };
}
