import {
  accessibleNotebookIds, and, asc, desc, eq, gt, groups, inArray, isNotNull, isNull, lt, memberships, notebookAccess,
  notebookShares, notebooks, or, roleAtLeast, rolesOnNotebooks, sql, users, type Db, type GroupRole, type Notebook,
  type NotebookRole, type ShareRole,
} from '@cohort/db';
import { ApiError, conflict, forbidden, notFound } from './errors.ts';

export type Principal =
  | { type: 'user'; id: string; handle: string; name: string }
  | { type: 'group'; id: string; name: string };

export interface NotebookSummary {
  id: string;
  title: string;
  owner: Principal;
  myRole: NotebookRole;
  /** "Anyone with the link can view". */
  linkAccess: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface TrashedNotebook extends NotebookSummary {
  deletedAt: string;
  /** When the notebook is deleted for good and can no longer be restored. */
  purgeAt: string;
}

export interface ShareSummary {
  id: string;
  role: ShareRole;
  grantee: Principal;
  createdAt: string;
}

export type ShareGrant = { handle: string; role: ShareRole } | { groupId: string; role: ShareRole };

export const trashDays = 30;
const trashCutoff = () => sql`now() - make_interval(days => ${trashDays})`;

/**
 * A personal notebook, or one of a group where the user is an owner or member. `writeDocument`
 * writes its first content (an import) in the transaction that creates it, so nobody can open it
 * before; without it the sync server seeds the document when it is first opened.
 */
export async function createNotebook(
  db: Db,
  userId: string,
  input: { title: string; groupId?: string | undefined },
  writeDocument?: (tx: Db, notebookId: string) => Promise<void>,
): Promise<NotebookSummary> {
  if (input.groupId) {
    const role = await groupRoleOf(db, userId, input.groupId);
    if (!role) throw notFound('No such group');
    if (role === 'mentor') throw forbidden('Mentors comment on group notebooks; ask a member or owner to create one');
  }
  const notebook = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(notebooks)
      .values({
        title: input.title,
        ownerUserId: input.groupId ? null : userId,
        ownerGroupId: input.groupId ?? null,
        createdBy: userId,
      })
      .returning();
    await writeDocument?.(tx, row!.id);
    return row!;
  });
  return (await summariesFor(db, userId, [notebook]))[0]!;
}

/** Live notebooks the user can open, most recently updated first; `groupId` keeps that group's own notebooks. */
export async function listNotebooks(db: Db, userId: string, filter: { groupId?: string | undefined } = {}): Promise<NotebookSummary[]> {
  if (filter.groupId && !(await groupRoleOf(db, userId, filter.groupId))) throw notFound('No such group');
  const ids = await accessibleNotebookIds(db, userId);
  if (!ids.length) return [];
  const rows = await db
    .select()
    .from(notebooks)
    .where(and(inArray(notebooks.id, ids), filter.groupId ? eq(notebooks.ownerGroupId, filter.groupId) : undefined))
    .orderBy(desc(notebooks.updatedAt), desc(notebooks.createdAt));
  return summariesFor(db, userId, rows);
}

/** Notebooks the user owns (personally, or as an owner of the owning group) that can still be restored. */
export async function listTrash(db: Db, userId: string): Promise<TrashedNotebook[]> {
  const ownedGroups = db
    .select({ id: memberships.groupId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.role, 'owner')));
  const rows = await db
    .select()
    .from(notebooks)
    .where(
      and(
        gt(notebooks.deletedAt, trashCutoff()),
        or(eq(notebooks.ownerUserId, userId), inArray(notebooks.ownerGroupId, ownedGroups)),
      ),
    )
    .orderBy(desc(notebooks.deletedAt));
  const summaries = await summarize(db, rows, () => 'owner');
  return summaries.map((summary, i) => {
    const deletedAt = rows[i]!.deletedAt!;
    return {
      ...summary,
      deletedAt: deletedAt.toISOString(),
      purgeAt: new Date(deletedAt.getTime() + trashDays * 24 * 60 * 60 * 1000).toISOString(),
    };
  });
}

/** `userId` null: an anonymous caller, who sees the notebook only when link access is on. */
export async function getNotebook(db: Db, userId: string | null, notebookId: string): Promise<NotebookSummary> {
  const { notebook, role } = await openNotebook(db, userId, notebookId);
  return (await summarize(db, [notebook], () => role))[0]!;
}

/** Renaming needs an editor; turning link access on or off needs the owner. Both are checked before either applies. */
export async function updateNotebook(
  db: Db,
  userId: string,
  notebookId: string,
  changes: { title?: string | undefined; linkAccess?: boolean | undefined },
): Promise<NotebookSummary> {
  const { role } = await openNotebook(db, userId, notebookId);
  if (changes.title !== undefined) requireRole(role, 'editor', 'rename this notebook');
  if (changes.linkAccess !== undefined) requireRole(role, 'owner', 'change who can open it by link');
  const [notebook] = await db
    .update(notebooks)
    .set({
      ...(changes.title !== undefined ? { title: changes.title, updatedAt: sql`now()` } : {}),
      ...(changes.linkAccess !== undefined ? { linkAccess: changes.linkAccess } : {}),
    })
    .where(and(eq(notebooks.id, notebookId), isNull(notebooks.deletedAt)))
    .returning();
  if (!notebook) throw notFound('No such notebook');
  return (await summarize(db, [notebook], () => role))[0]!;
}

/** Moves the notebook to the trash, from which its owner can restore it for `trashDays` days. */
export async function deleteNotebook(db: Db, userId: string, notebookId: string): Promise<void> {
  const { role } = await openNotebook(db, userId, notebookId);
  requireRole(role, 'owner', 'delete this notebook');
  await db
    .update(notebooks)
    .set({ deletedAt: sql`now()` })
    .where(and(eq(notebooks.id, notebookId), isNull(notebooks.deletedAt)));
}

/** Takes a notebook out of the trash; restoring a notebook that is not in the trash changes nothing. */
export async function restoreNotebook(db: Db, userId: string, notebookId: string): Promise<NotebookSummary> {
  const access = await notebookAccess(db, userId, notebookId);
  if (!access) throw notFound('No such notebook');
  requireRole(access.role, 'owner', 'restore this notebook');
  if (!access.notebook.deletedAt) return (await summarize(db, [access.notebook], () => access.role))[0]!;
  const [notebook] = await db
    .update(notebooks)
    .set({ deletedAt: null })
    .where(and(eq(notebooks.id, notebookId), gt(notebooks.deletedAt, trashCutoff())))
    .returning();
  if (!notebook) throw notFound('No such notebook');
  return (await summarize(db, [notebook], () => access.role))[0]!;
}

/** Deletes for good the notebooks that have been in the trash longer than `trashDays` days; returns how many. */
export async function purgeDeletedNotebooks(db: Db): Promise<number> {
  const purged = await db
    .delete(notebooks)
    .where(lt(notebooks.deletedAt, trashCutoff()))
    .returning({ id: notebooks.id });
  return purged.length;
}

export async function listShares(db: Db, userId: string, notebookId: string): Promise<ShareSummary[]> {
  const { role } = await openNotebook(db, userId, notebookId);
  requireRole(role, 'editor', 'see who this notebook is shared with');
  const rows = await db.select().from(notebookShares).where(eq(notebookShares.notebookId, notebookId)).orderBy(asc(notebookShares.createdAt));
  return describeShares(db, rows);
}

/** Shares the notebook with a user or a group, or changes the role of an existing share. */
export async function upsertShare(db: Db, userId: string, notebookId: string, grant: ShareGrant): Promise<ShareSummary> {
  const { notebook, role } = await openNotebook(db, userId, notebookId);
  requireRole(role, 'owner', 'share this notebook');
  const [share] =
    'handle' in grant
      ? await db
          .insert(notebookShares)
          .values({ notebookId, userId: await shareableUser(db, notebook, grant.handle), role: grant.role })
          .onConflictDoUpdate({
            target: [notebookShares.notebookId, notebookShares.userId],
            targetWhere: isNotNull(notebookShares.userId),
            set: { role: grant.role },
          })
          .returning()
      : await db
          .insert(notebookShares)
          .values({ notebookId, groupId: await shareableGroup(db, userId, grant.groupId), role: grant.role })
          .onConflictDoUpdate({
            target: [notebookShares.notebookId, notebookShares.groupId],
            targetWhere: isNotNull(notebookShares.groupId),
            set: { role: grant.role },
          })
          .returning();
  return (await describeShares(db, [share!]))[0]!;
}

export async function removeShare(db: Db, userId: string, notebookId: string, shareId: string): Promise<void> {
  const { role } = await openNotebook(db, userId, notebookId);
  requireRole(role, 'owner', 'change who this notebook is shared with');
  const removed = await db
    .delete(notebookShares)
    .where(and(eq(notebookShares.id, shareId), eq(notebookShares.notebookId, notebookId)))
    .returning({ id: notebookShares.id });
  if (!removed.length) throw notFound('No such share');
}

/** The caller's access to a live notebook; a notebook in the trash is hidden here even from its owner. */
export async function openNotebook(db: Db, userId: string | null, notebookId: string) {
  const access = await notebookAccess(db, userId, notebookId);
  if (!access || access.notebook.deletedAt) throw notFound('No such notebook');
  return access;
}

const rolePlural: Record<NotebookRole, string> = { owner: 'Owners', editor: 'Editors', commenter: 'Commenters', viewer: 'Viewers' };

export function requireRole(role: NotebookRole, needed: NotebookRole, action: string): void {
  if (roleAtLeast(role, needed)) return;
  throw forbidden(`${rolePlural[role]} cannot ${action}; ${needed === 'owner' ? 'only its owner can' : 'editors and its owner can'}`);
}

async function groupRoleOf(db: Db, userId: string, groupId: string): Promise<GroupRole | null> {
  const [membership] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.groupId, groupId), eq(memberships.userId, userId)));
  return membership?.role ?? null;
}

/** The id of the user `handle` names, refusing the notebook's owners: a share could not change their role. */
async function shareableUser(db: Db, notebook: Notebook, handle: string): Promise<string> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.handle, handle));
  if (!user) throw new ApiError(404, 'not_found', `No user @${handle}`, 'handle');
  const ownsGroup = notebook.ownerGroupId !== null && (await groupRoleOf(db, user.id, notebook.ownerGroupId)) === 'owner';
  if (notebook.ownerUserId === user.id || ownsGroup) throw conflict(`@${handle} owns this notebook already`, 'handle');
  return user.id;
}

/** Sharing with a group is open to its members only, so group ids cannot be probed. */
async function shareableGroup(db: Db, userId: string, groupId: string): Promise<string> {
  if (!(await groupRoleOf(db, userId, groupId))) throw notFound('No such group');
  return groupId;
}

async function summariesFor(db: Db, userId: string, rows: Notebook[]): Promise<NotebookSummary[]> {
  const roles = await rolesOnNotebooks(db, userId, rows);
  const visible = rows.filter((n) => roles.has(n.id));
  return summarize(db, visible, (n) => roles.get(n.id)!);
}

async function summarize(db: Db, rows: Notebook[], roleOf: (n: Notebook) => NotebookRole): Promise<NotebookSummary[]> {
  const principals = await principalsById(
    db,
    rows.flatMap((n) => (n.ownerUserId ? [n.ownerUserId] : [])),
    rows.flatMap((n) => (n.ownerGroupId ? [n.ownerGroupId] : [])),
  );
  return rows.map((n) => ({
    id: n.id,
    title: n.title,
    owner: principalOf(principals, n.ownerUserId, n.ownerGroupId),
    myRole: roleOf(n),
    linkAccess: n.linkAccess,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
  }));
}

async function describeShares(db: Db, rows: (typeof notebookShares.$inferSelect)[]): Promise<ShareSummary[]> {
  const principals = await principalsById(
    db,
    rows.flatMap((s) => (s.userId ? [s.userId] : [])),
    rows.flatMap((s) => (s.groupId ? [s.groupId] : [])),
  );
  return rows.map((s) => ({
    id: s.id,
    role: s.role,
    grantee: principalOf(principals, s.userId, s.groupId),
    createdAt: s.createdAt.toISOString(),
  }));
}

/** Users and groups by id, each loaded once. */
async function principalsById(db: Db, userIds: string[], groupIds: string[]): Promise<Map<string, Principal>> {
  const [userRows, groupRows] = await Promise.all([
    userIds.length
      ? db.select({ id: users.id, handle: users.handle, name: users.name }).from(users).where(inArray(users.id, userIds))
      : [],
    groupIds.length ? db.select({ id: groups.id, name: groups.name }).from(groups).where(inArray(groups.id, groupIds)) : [],
  ]);
  return new Map<string, Principal>([
    ...userRows.map((u) => [u.id, { type: 'user', ...u }] as const),
    ...groupRows.map((g) => [g.id, { type: 'group', ...g }] as const),
  ]);
}

function principalOf(principals: Map<string, Principal>, userId: string | null, groupId: string | null): Principal {
  const principal = principals.get((userId ?? groupId)!);
  // Foreign keys cascade, so an owner or grantee row cannot be missing.
  if (!principal) throw new Error(`no user or group ${userId ?? groupId}`);
  return principal;
}
