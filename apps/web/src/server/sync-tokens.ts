import { createHash } from 'node:crypto';
import { notebookAccess, type Db, type NotebookRole } from '@cohort/db';
import { createSyncTokens } from '@cohort/sync-auth/token';
import type { PublicUser } from './accounts.ts';
import { notFound } from './errors.ts';

/** Short-lived: the client fetches a new token each time it connects or reconnects. */
export const syncTokenSeconds = 5 * 60;

/** Presence colours, told apart on light and dark backgrounds. */
const colors = ['#e5484d', '#f76b15', '#d9a300', '#46a758', '#12a594', '#0090ff', '#3e63dd', '#8e4ec6', '#d6409f', '#a18072'];
const anonymousColor = '#8b8d98';

/** The same colour for a user wherever they appear. */
export function colorFor(userId: string): string {
  return colors[createHash('sha256').update(userId).digest()[0]! % colors.length]!;
}

export interface SyncGrant {
  token: string;
  /** Path of the sync endpoint on the app's origin (ws: or wss:). */
  url: string;
  role: NotebookRole;
  expiresAt: string;
}

/**
 * A signed token with which the caller opens the notebook's live document: signed-in users get
 * their role, anonymous callers only when link access is on, as viewers named "Anonymous".
 */
export async function issueSyncToken(db: Db, authSecret: string, user: PublicUser | null, notebookId: string, now = new Date()): Promise<SyncGrant> {
  const access = await notebookAccess(db, user?.id ?? null, notebookId);
  // Notebooks in the trash are not edited live; the sync server refuses them as well.
  if (!access || access.notebook.deletedAt) throw notFound('No such notebook');
  const exp = Math.floor(now.getTime() / 1000) + syncTokenSeconds;
  const token = createSyncTokens({ secret: authSecret }).sign({
    sub: user?.id ?? null,
    nb: notebookId,
    role: access.role,
    name: user ? user.name.slice(0, 200) : 'Anonymous',
    handle: user?.handle ?? 'anonymous',
    color: user ? colorFor(user.id) : anonymousColor,
    exp,
  });
  return { token, url: `/sync/${notebookId}`, role: access.role, expiresAt: new Date(exp * 1000).toISOString() };
}
