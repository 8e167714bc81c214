/**
 * The name of the unique constraint or index a failed statement violated, or null for any
 * other error. postgres.js and PGlite report it under different property names, and
 * drizzle wraps the driver's error in its own.
 */
export function violatedUniqueConstraint(error: unknown): string | null {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    if (pg.code === '23505') return String(pg.constraint_name ?? pg.constraint ?? '');
  }
  return null;
}
