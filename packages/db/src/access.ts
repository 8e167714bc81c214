import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { memberships, notebookShares, notebooks, type GroupRole, type ShareRole } from './schema.ts';

export const notebookRoles = ['owner', 'editor', 'commenter', 'viewer'] as const;
export type NotebookRole = (typeof notebookRoles)[number];

const rank: Record<NotebookRole, number> = { owner: 3, editor: 2, commenter: 1, viewer: 0 };

export function roleAtLeast(role: NotebookRole | null, needed: NotebookRole): boolean {
  return role !== null && rank[role] >= rank[needed];
}

function highest(roles: NotebookRole[]): NotebookRole | null {
  return roles.reduce<NotebookRole | null>((best, r) => (best && rank[best] >= rank[r] ? best : r), null);
}

/** What membership of the owning group grants on the group's notebooks, unless a share says otherwise. */
export const groupRoleOnGroupNotebooks: Record<GroupRole, NotebookRole> = {
  owner: 'owner',
  member: 'editor',
  mentor: 'commenter',
};

export type Notebook = typeof notebooks.$inferSelect;

/**
 * The role `userId` (null: anonymous) holds on a notebook, or null when they may not see it.
 * Rules, in order:
 *  1. the user who owns a personal notebook, and the owners of the group that owns a group
 *     notebook, are owners;
 *  2. a share to the user personally sets their role, raising or lowering what group
 *     membership would give ("unless changed");
 *  3. otherwise the highest of: membership of the owning group (member: editor, mentor:
 *     commenter), shares to groups the user belongs to, and "anyone with the link" (viewer).
 * Deleted notebooks are visible to their owners only.
 */
export async function notebookAccess(
  db: Db,
  userId: string | null,
  notebookId: string,
): Promise<{ notebook: Notebook; role: NotebookRole } | null> {
  const [notebook] = await db.select().from(notebooks).where(eq(notebooks.id, notebookId));
  if (!notebook) return null;
  const role = userId ? ((await rolesOnNotebooks(db, userId, [notebook])).get(notebook.id) ?? null) : null;
  const effective = role ?? (notebook.linkAccess ? 'viewer' : null);
  if (!effective) return null;
  if (notebook.deletedAt && effective !== 'owner') return null;
  return { notebook, role: effective };
}

/**
 * The roles a signed-in user holds on several notebooks at once (rules 1–3 of
 * `notebookAccess`), in two queries whatever the number of notebooks; a notebook the user
 * cannot open is absent from the map. Deletion is not considered here.
 */
export async function rolesOnNotebooks(db: Db, userId: string, list: Notebook[]): Promise<Map<string, NotebookRole>> {
  const roles = new Map<string, NotebookRole>();
  if (!list.length) return roles;
  const groupsOfUser = await db
    .select({ groupId: memberships.groupId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  const groupIds = groupsOfUser.map((m) => m.groupId);
  const shares = await db
    .select({ notebookId: notebookShares.notebookId, userId: notebookShares.userId, role: notebookShares.role })
    .from(notebookShares)
    .where(
      and(
        inArray(notebookShares.notebookId, list.map((n) => n.id)),
        or(
          eq(notebookShares.userId, userId),
          groupIds.length ? inArray(notebookShares.groupId, groupIds) : undefined,
        ),
      ),
    );
  for (const notebook of list) {
    const role = memberRole(userId, notebook, groupsOfUser, shares.filter((s) => s.notebookId === notebook.id));
    if (role) roles.set(notebook.id, role);
  }
  return roles;
}

/** Who holds which role on one notebook; the notebook row is returned for the caller to judge deletion. */
export interface NotebookMemberRoles {
  notebook: Notebook;
  roles: Map<string, NotebookRole>;
}

/**
 * The roles several signed-in users hold on one notebook (rules 1–3 of `notebookAccess`), for
 * re-checking everyone connected to a document at once. A user who cannot open the notebook is
 * absent from the map; null: no such notebook. Deletion is not considered here.
 */
export async function rolesOfUsersOnNotebook(db: Db, notebookId: string, userIds: string[]): Promise<NotebookMemberRoles | null> {
  return (await rolesOfUsersOnNotebooks(db, new Map([[notebookId, userIds]]))).get(notebookId) ?? null;
}

type ShareGrant = { userId: string | null; groupId: string | null; role: ShareRole };
type GroupMembership = { userId: string; groupId: string; role: GroupRole };

/** json_agg comes back parsed from both drivers; a string is parsed here in case a driver leaves it. */
const parsedJson =
  <T>() =>
  (value: unknown): T =>
    (typeof value === 'string' ? JSON.parse(value) : value) as T;

/**
 * `rolesOfUsersOnNotebook` for many notebooks in ONE query, whatever the number of notebooks
 * and users: the sync server re-checks every loaded notebook every two seconds, and a query per
 * notebook stalls its event loop (embedded PGlite runs on it). `usersByNotebook` maps each
 * notebook id to the users to check there; a notebook that does not exist is absent from the answer.
 */
export async function rolesOfUsersOnNotebooks(db: Db, usersByNotebook: ReadonlyMap<string, string[]>): Promise<Map<string, NotebookMemberRoles>> {
  const answer = new Map<string, NotebookMemberRoles>();
  if (!usersByNotebook.size) return answer;
  const allUsers = [...new Set([...usersByNotebook.values()].flat())];
  // Outer columns are written out: drizzle leaves a column of a single-table query unqualified,
  // and inside the subqueries "id" would name the share's id.
  const rows = await db
    .select({
      notebook: notebooks,
      // Every share of the notebook (personal and to groups).
      shares: sql`(
        SELECT coalesce(json_agg(json_build_object('userId', s.user_id, 'groupId', s.group_id, 'role', s.role)), '[]'::json)
        FROM notebook_shares s WHERE s.notebook_id = notebooks.id)`.mapWith(parsedJson<ShareGrant[]>()),
      // The asked-about users' memberships of the owning group and of groups the notebook is shared with.
      memberships: sql`(
        SELECT coalesce(json_agg(json_build_object('userId', m.user_id, 'groupId', m.group_id, 'role', m.role)), '[]'::json)
        FROM memberships m
        WHERE m.user_id = ANY(${sql.param(allUsers)}::uuid[])
          AND (m.group_id = notebooks.owner_group_id OR m.group_id IN (SELECT s.group_id FROM notebook_shares s WHERE s.notebook_id = notebooks.id)))`.mapWith(parsedJson<GroupMembership[]>()),
    })
    .from(notebooks)
    .where(inArray(notebooks.id, [...usersByNotebook.keys()]));
  for (const row of rows) {
    const { shares, memberships: groupMemberships } = row;
    const roles = new Map<string, NotebookRole>();
    for (const userId of usersByNotebook.get(row.notebook.id) ?? []) {
      const groupsOfUser = groupMemberships.filter((m) => m.userId === userId);
      const sharesOfUser = shares.filter(
        (s) => s.userId === userId || (s.groupId !== null && groupsOfUser.some((m) => m.groupId === s.groupId)),
      );
      const role = memberRole(userId, row.notebook, groupsOfUser, sharesOfUser);
      if (role) roles.set(userId, role);
    }
    answer.set(row.notebook.id, { notebook: row.notebook, roles });
  }
  return answer;
}

/** `shares`: this notebook's shares to the user or to groups they belong to. */
function memberRole(
  userId: string,
  notebook: Notebook,
  groupsOfUser: { groupId: string; role: GroupRole }[],
  shares: { userId: string | null; role: ShareRole }[],
): NotebookRole | null {
  if (notebook.ownerUserId === userId) return 'owner';
  const owningMembership = groupsOfUser.find((m) => m.groupId === notebook.ownerGroupId);
  if (owningMembership?.role === 'owner') return 'owner';

  const personal = shares.find((s) => s.userId === userId);
  if (personal) return personal.role;

  const granted: NotebookRole[] = shares.map((s) => s.role);
  if (owningMembership) granted.push(groupRoleOnGroupNotebooks[owningMembership.role]);
  if (notebook.linkAccess) granted.push('viewer');
  return highest(granted);
}

/** Ids of the live notebooks a user can open: own, their groups', and shared with them or their groups. */
export async function accessibleNotebookIds(db: Db, userId: string): Promise<string[]> {
  const groupIds = (
    await db.select({ groupId: memberships.groupId }).from(memberships).where(eq(memberships.userId, userId))
  ).map((m) => m.groupId);
  const shared = db
    .select({ id: notebookShares.notebookId })
    .from(notebookShares)
    .where(
      or(
        eq(notebookShares.userId, userId),
        groupIds.length ? inArray(notebookShares.groupId, groupIds) : undefined,
      ),
    );
  const rows = await db
    .select({ id: notebooks.id })
    .from(notebooks)
    .where(
      and(
        isNull(notebooks.deletedAt),
        or(
          eq(notebooks.ownerUserId, userId),
          groupIds.length ? inArray(notebooks.ownerGroupId, groupIds) : undefined,
          inArray(notebooks.id, shared),
        ),
      ),
    );
  return rows.map((r) => r.id);
}
