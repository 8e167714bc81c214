import { sql } from '@cohort/db';
import { serverContext } from '@/server/context';

export const dynamic = 'force-dynamic';

/** Liveness and readiness: answers ok only when the database answers. */
export async function GET() {
  const { db, dbDriver, version } = serverContext();
  try {
    await db.execute(sql`select 1`);
    return Response.json({ ok: true, db: dbDriver, version });
  } catch {
    return Response.json({ ok: false, db: dbDriver, version }, { status: 503 });
  }
}
