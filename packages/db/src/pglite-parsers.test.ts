import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withParsersInstalledOnce } from './pglite-parsers.ts';

const probe = sql`select
  timestamp '2026-11-26 10:00:00.123' as ts,
  timestamptz '2026-11-26 10:00:00+02' as tstz,
  date '2026-11-26' as d,
  interval '1 day 2 hours' as iv,
  array[timestamp '2026-01-01 00:00:00']::timestamp[] as tss,
  array[1.5, 2.25]::numeric[] as nums,
  42::int as n, 'x'::text as t, '{"a":1}'::jsonb as j`;

let plain: PGlite;
let wrapped: PGlite;
beforeAll(async () => {
  [plain, wrapped] = await Promise.all([PGlite.create(), PGlite.create()]);
});
afterAll(async () => {
  await Promise.all([plain?.close(), wrapped?.close()]);
});

describe('PGlite parsers installed once', () => {
  it('gives drizzle the same rows as passing its parsers with every query, in and out of transactions', async () => {
    const expected = await drizzle(plain).execute(probe);
    const db = drizzle(withParsersInstalledOnce(wrapped));
    expect(await db.execute(probe)).toEqual(expected);
    expect(await db.transaction((tx) => tx.execute(probe))).toEqual(expected);
  });

  it('sends queries without per-query parsers, so PGlite does not copy its parser table each time', async () => {
    const query = vi.spyOn(wrapped, 'query');
    const db = drizzle(withParsersInstalledOnce(wrapped));
    await db.execute(sql`select 1`);
    expect(query).toHaveBeenCalledTimes(1);
    expect(query.mock.calls[0]![2]).not.toHaveProperty('parsers');
    query.mockRestore();
  });
});
