import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from './client.ts';
import { migrate, readMigrations } from './migrate.ts';
import { testDatabases } from './testing.ts';

const migrationsDir = join(import.meta.dirname, '../../../migrations');

describe.each(testDatabases())('migrations on $name', (testDb) => {
  let database: Database;
  afterEach(async () => {
    await database?.close();
  });

  const tables = async () =>
    (
      await database.scriptTransaction((tx) =>
        tx.query<{ table_name: string }>(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
        ),
      )
    ).map((r) => r.table_name);

  it('applies every migration in order once, and none on the next start', async () => {
    database = await testDb.open();
    const migrations = readMigrations(migrationsDir);
    expect(migrations.map((m) => m.name)).toEqual([...migrations.map((m) => m.name)].sort());
    expect(await migrate(database, migrations)).toEqual(migrations.map((m) => m.name));
    expect(await migrate(database, migrations)).toEqual([]);
    expect(await tables()).toEqual(expect.arrayContaining(['users', 'groups', 'notebooks', 'schema_migrations']));
  });

  it('rolls a failing migration back whole and does not record it', async () => {
    database = await testDb.open();
    const broken = [
      { name: '0001_ok.sql', sql: 'CREATE TABLE first_table (id int);' },
      { name: '0002_broken.sql', sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();' },
    ];
    await expect(migrate(database, broken)).rejects.toThrow(/no_such_function/);
    expect(await tables()).toContain('first_table');
    expect(await tables()).not.toContain('half_done');
    const fixed = [broken[0]!, { name: '0002_broken.sql', sql: 'CREATE TABLE half_done (id int);' }];
    expect(await migrate(database, fixed)).toEqual(['0002_broken.sql']);
  });

  it('refuses to start when an applied migration file was edited', async () => {
    database = await testDb.open();
    await migrate(database, [{ name: '0001_a.sql', sql: 'CREATE TABLE a (id int);' }]);
    await expect(migrate(database, [{ name: '0001_a.sql', sql: 'CREATE TABLE a (id bigint);' }])).rejects.toThrow(
      /0001_a.sql was changed after it was applied/,
    );
  });

  it('applies each migration once when several processes start together', async () => {
    database = await testDb.open();
    const migrations = [
      { name: '0001_counter.sql', sql: 'CREATE TABLE counter (n int); INSERT INTO counter VALUES (1);' },
      { name: '0002_bump.sql', sql: 'UPDATE counter SET n = n + 1;' },
    ];
    const runs = await Promise.all([1, 2, 3].map(() => migrate(database, migrations)));
    expect(runs.flat().sort()).toEqual(['0001_counter.sql', '0002_bump.sql']);
    const [row] = await database.scriptTransaction((tx) => tx.query<{ n: number }>('SELECT n FROM counter'));
    expect(row!.n).toBe(2);
  });

  it('fills ids and timestamps with SQL defaults', async () => {
    database = await testDb.open();
    await migrate(database, readMigrations(migrationsDir));
    const [user] = await database.scriptTransaction((tx) =>
      tx.query<{ id: string; created_at: Date }>(
        "INSERT INTO users (email, handle, name) VALUES ('ana@example.com', 'ana', 'Ana') RETURNING id, created_at",
      ),
    );
    expect(user!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(user!.created_at).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});
