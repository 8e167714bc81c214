import { createHash } from 'node:crypto';
import {
  and, authAccounts, eq, gt, inArray, sessions, signInFailures, sql, users, violatedUniqueConstraint, type Db,
} from '@cohort/db';
import { badRequest, conflict } from './errors.ts';
import { hashPassword, passwordWeakness, verifyPassword } from './passwords.ts';

export type User = typeof users.$inferSelect;
export interface PublicUser {
  id: string;
  handle: string;
  name: string;
  email: string;
}

export const toPublicUser = ({ id, handle, name, email }: User): PublicUser => ({ id, handle, name, email });

/** Handles appear in URLs (`/@ana`), so the app's own top-level paths are not available. */
const reservedHandles = new Set([
  'admin', 'anonymous', 'api', 'app', 'auth', 'cohort', 'dashboard', 'datasets', 'groups', 'help', 'invite', 'login',
  'logout', 'me', 'new', 'notebooks', 'root', 'settings', 'signin', 'signout', 'signup', 'support', 'sync',
  'system', 'users',
]);

export interface SignUp {
  email: string;
  password: string;
  handle: string;
  name: string;
}

export async function createUser(db: Db, input: SignUp): Promise<User> {
  const email = input.email.trim().toLowerCase();
  const handle = input.handle.trim().replace(/^@/, '').toLowerCase();
  if (reservedHandles.has(handle)) throw conflict(`The handle @${handle} is reserved; choose another.`, 'handle');
  const weakness = passwordWeakness(input.password, [email.split('@')[0] ?? '', handle]);
  if (weakness) throw badRequest(`Password too weak: ${weakness}`, 'password');
  const passwordHash = await hashPassword(input.password);
  try {
    const [user] = await db
      .insert(users)
      .values({ email, handle, name: input.name.trim(), passwordHash })
      .returning();
    return user!;
  } catch (error) {
    const constraint = violatedUniqueConstraint(error);
    if (constraint === 'users_email_key') {
      throw conflict('An account with this e-mail already exists. Sign in instead.', 'email');
    }
    if (constraint === 'users_handle_key') throw conflict(`The handle @${handle} is taken; choose another.`, 'handle');
    throw error;
  }
}

export const signInLimits = { failures: 5, perAddressFailures: 30, windowMinutes: 15 } as const;

export type Authentication = { ok: true; user: User } | { ok: false; reason: 'invalid' | 'rate_limited' };

/**
 * Checks an e-mail and password. After `signInLimits.failures` failures for one e-mail (or
 * more for one client address) within the window, sign-in is refused until the window ends,
 * even with the right password.
 */
export async function authenticate(db: Db, email: string, password: string, clientAddress: string): Promise<Authentication> {
  const keys = [`email:${email.trim().toLowerCase()}`, `address:${clientAddress}`];
  const limits = [signInLimits.failures, signInLimits.perAddressFailures];
  const counters = await db
    .select()
    .from(signInFailures)
    .where(and(inArray(signInFailures.key, keys), gt(signInFailures.windowStartedAt, windowStart())));
  if (counters.some((c) => c.failures >= limits[keys.indexOf(c.key)]!)) return { ok: false, reason: 'rate_limited' };

  const [user] = await db.select().from(users).where(eq(users.email, keys[0]!.slice('email:'.length)));
  if (user && (await verifyPassword(user.passwordHash, password))) {
    await db.delete(signInFailures).where(eq(signInFailures.key, keys[0]!));
    return { ok: true, user };
  }
  if (!user) await verifyPassword(null, password);
  for (const key of keys) await recordFailure(db, key);
  return { ok: false, reason: 'invalid' };
}

const windowStart = () => sql`now() - make_interval(mins => ${signInLimits.windowMinutes})`;

async function recordFailure(db: Db, key: string) {
  // A counter whose window has passed starts again at one.
  await db
    .insert(signInFailures)
    .values({ key, failures: 1 })
    .onConflictDoUpdate({
      target: signInFailures.key,
      set: {
        failures: sql`CASE WHEN ${signInFailures.windowStartedAt} > ${windowStart()} THEN ${signInFailures.failures} + 1 ELSE 1 END`,
        windowStartedAt: sql`CASE WHEN ${signInFailures.windowStartedAt} > ${windowStart()} THEN ${signInFailures.windowStartedAt} ELSE now() END`,
      },
    });
}

export interface OAuthProfile {
  provider: string;
  providerAccountId: string;
  email: string;
  name: string;
  /** A handle to try first, e.g. the GitHub login. */
  preferredHandle: string;
}

/**
 * The user behind an OAuth account, created on first sign-in. An e-mail that already belongs
 * to a password account is not linked automatically (that would let whoever controls the
 * provider account take over the Cohort one): null is returned.
 */
export async function findOrCreateOAuthUser(db: Db, profile: OAuthProfile): Promise<User | null> {
  const [linked] = await db
    .select({ user: users })
    .from(authAccounts)
    .innerJoin(users, eq(users.id, authAccounts.userId))
    .where(and(eq(authAccounts.provider, profile.provider), eq(authAccounts.providerAccountId, profile.providerAccountId)));
  if (linked) return linked.user;
  const email = profile.email.toLowerCase();
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) return null;

  const base = handleFrom(profile.preferredHandle || email.split('@')[0] || 'user');
  for (let attempt = 0; attempt < 20; attempt++) {
    const handle = attempt === 0 ? base : `${base.slice(0, 24)}-${Math.floor(Math.random() * 10_000)}`;
    if (reservedHandles.has(handle)) continue;
    try {
      return await db.transaction(async (tx) => {
        const [user] = await tx.insert(users).values({ email, handle, name: profile.name || handle }).returning();
        await tx.insert(authAccounts).values({
          provider: profile.provider,
          providerAccountId: profile.providerAccountId,
          userId: user!.id,
        });
        return user!;
      });
    } catch (error) {
      if (violatedUniqueConstraint(error) !== 'users_handle_key') throw error;
    }
  }
  throw new Error('could not find a free handle for a new OAuth user');
}

function handleFrom(text: string): string {
  const cleaned = text.toLowerCase().replace(/[^a-z0-9_-]/g, '-').replace(/^[-_]+/, '').slice(0, 30);
  return cleaned.length >= 2 ? cleaned : `user-${cleaned}`.slice(0, 30);
}

export async function createSession(db: Db, userId: string): Promise<string> {
  const [session] = await db.insert(sessions).values({ userId }).returning({ id: sessions.id });
  return session!.id;
}

/** The user of a live session, or null when it was signed out, expired or never existed. */
export async function sessionUser(db: Db, sessionId: string): Promise<User | null> {
  if (!isUuid(sessionId)) return null;
  const [row] = await db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, sql`now()`)));
  return row?.user ?? null;
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export const isUuid = (text: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
