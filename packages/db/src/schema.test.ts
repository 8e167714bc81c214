import { join } from 'node:path';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './client.ts';
import { migrate, readMigrations } from './migrate.ts';
import * as schema from './schema.ts';
import { testDatabases } from './testing.ts';

const tables: PgTable[] = Object.values(schema).flatMap((value) => (is(value, PgTable) ? [value as PgTable] : []));

describe.each(testDatabases())('the typed schema matches the migrated $name database', (testDb) => {
  let database: Database;
  let columns: Array<{
    table_name: string;
    column_name: string;
    is_nullable: 'YES' | 'NO';
    column_default: string | null;
    is_identity: 'YES' | 'NO';
  }>;
  beforeAll(async () => {
    database = await testDb.open();
    await migrate(database, readMigrations(join(import.meta.dirname, '../../../migrations')));
    columns = await database.scriptTransaction((tx) =>
      tx.query("SELECT table_name, column_name, is_nullable, column_default, is_identity FROM information_schema.columns WHERE table_schema = 'public'"),
    );
  });
  afterAll(() => database?.close());

  it('declares every migrated table and column, with the same nullability', () => {
    const declared = tables.flatMap((table) => {
      const config = getTableConfig(table);
      return config.columns.map((c) => ({ table: config.name, column: c.name, nullable: !c.notNull }));
    });
    const migrated = columns
      .filter((c) => c.table_name !== 'schema_migrations')
      .map((c) => ({ table: c.table_name, column: c.column_name, nullable: c.is_nullable === 'YES' }));
    const key = (c: { table: string; column: string }) => `${c.table}.${c.column}`;
    expect(declared.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(migrated.sort((a, b) => key(a).localeCompare(key(b))));
  });

  it('leaves column defaults to SQL, as the migrations declare them', () => {
    for (const table of tables) {
      const config = getTableConfig(table);
      for (const column of config.columns.filter((c) => c.hasDefault)) {
        const migrated = columns.find((c) => c.table_name === config.name && c.column_name === column.name);
        // Identity columns are filled by their sequence; information_schema lists no default for them.
        const filledBySql = migrated?.column_default != null || migrated?.is_identity === 'YES';
        expect(filledBySql, `${config.name}.${column.name}`).toBe(true);
      }
    }
  });
});
