import { randomBytes } from 'node:crypto';
import { and, apiTokens, desc, eq, gt, isNull, or, sql, users, type Db } from '@cohort/db';
import { sha256, toPublicUser, type PublicUser } from './accounts.ts';
import { notFound } from './errors.ts';

const tokenPrefix = 'coh_';

export interface TokenSummary {
  id: string;
  name: string;
  /** The first characters, so a user can tell tokens apart without the secret. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

const summary = (row: typeof apiTokens.$inferSelect): TokenSummary => ({
  id: row.id,
  name: row.name,
  prefix: row.tokenPrefix,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  expiresAt: row.expiresAt?.toISOString() ?? null,
});

/** Creates a token; the secret is returned this once and only its SHA-256 is stored. */
export async function createToken(db: Db, userId: string, name: string, expiresInDays: number | null) {
  const secret = tokenPrefix + randomBytes(32).toString('base64url');
  const [row] = await db
    .insert(apiTokens)
    .values({
      userId,
      name,
      tokenHash: sha256(secret),
      tokenPrefix: secret.slice(0, tokenPrefix.length + 6),
      expiresAt: expiresInDays === null ? null : sql`now() + make_interval(days => ${expiresInDays})`,
    })
    .returning();
  return { token: secret, ...summary(row!) };
}

export async function listTokens(db: Db, userId: string): Promise<TokenSummary[]> {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(summary);
}

export async function revokeToken(db: Db, userId: string, tokenId: string): Promise<void> {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (!revoked.length) throw notFound('No such access token');
}

/** The owner of a live (unrevoked, unexpired) token, or null. */
export async function userForToken(db: Db, secret: string): Promise<PublicUser | null> {
  if (!secret.startsWith(tokenPrefix)) return null;
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.tokenHash, sha256(secret)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`)),
      ),
    )
    .returning({ userId: apiTokens.userId });
  if (!row) return null;
  const [user] = await db.select().from(users).where(eq(users.id, row.userId));
  return user ? toPublicUser(user) : null;
}
