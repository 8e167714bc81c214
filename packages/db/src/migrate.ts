import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './client.ts';

export interface Migration {
  name: string;
  sql: string;
}

/** Reads `NNNN_name.sql` files in the order of their names. */
export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ name: file, sql: readFileSync(join(dir, file), 'utf8') }));
}

const checksum = (sql: string) => createHash('sha256').update(sql).digest('hex');
// Any fixed number: all Cohort processes starting at once take turns on this lock.
const MIGRATION_LOCK = 727_001;

/**
 * Applies the migrations not yet recorded in `schema_migrations`, each in its own
 * transaction together with its record, so a migration is applied entirely or not at all,
 * and never twice. Refuses to start when an applied migration's file was edited.
 */
export async function migrate(database: Database, migrations: Migration[]): Promise<string[]> {
  const applied: string[] = [];
  await database.scriptTransaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    // The runner's own bookkeeping table is the one table not created by a migration file.
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  for (const migration of migrations) {
    await database.scriptTransaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const [done] = await tx.query<{ checksum: string }>(
        'SELECT checksum FROM schema_migrations WHERE name = $1',
        [migration.name],
      );
      if (done) {
        if (done.checksum !== checksum(migration.sql)) {
          throw new Error(
            `migration ${migration.name} was changed after it was applied; add a new migration instead of editing it`,
          );
        }
        return;
      }
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [
        migration.name,
        checksum(migration.sql),
      ]);
      applied.push(migration.name);
    });
  }
  return applied;
}
