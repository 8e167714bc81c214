import { randomBytes } from 'node:crypto';
import {
  and, asc, desc, eq, groupInvites, groups, gt, isNull, lt, memberships, or, sql, users,
  type Db, type GroupRole, type InviteRole,
} from '@cohort/db';
import { ApiError, conflict, forbidden, notFound } from './errors.ts';

export interface GroupSummary {
  id: string;
  name: string;
  description: string;
  /** The caller's role in the group. */
  role: GroupRole;
  memberCount: number;
  createdAt: string;
}

export interface Member {
  user: { id: string; handle: string; name: string };
  role: GroupRole;
  joinedAt: string;
}

export interface Invite {
  id: string;
  role: InviteRole;
  url: string;
  token: string;
  expiresAt: string;
  maxUses: number | null;
  uses: number;
  createdAt: string;
}

export interface InviteOptions {
  role: InviteRole;
  expiresInDays: number;
  maxUses: number | null;
}

const lastOwnerMessage = 'A group needs at least one owner: make someone else owner first';
const noSuchGroup = () => notFound('No such group');

const memberCount = sql<number>`(select count(*) from memberships m where m.group_id = ${groups.id})`.mapWith(Number);

export async function createGroup(db: Db, userId: string, input: { name: string; description: string }): Promise<GroupSummary> {
  const group = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(groups)
      .values({ name: input.name, description: input.description, createdBy: userId })
      .returning();
    await tx.insert(memberships).values({ groupId: created!.id, userId, role: 'owner' });
    return created!;
  });
  return { ...groupFields(group), role: 'owner', memberCount: 1 };
}

/** The caller's groups, newest first. */
export function listGroups(db: Db, userId: string): Promise<GroupSummary[]> {
  return summaries(db, userId);
}

export async function getGroup(db: Db, userId: string, groupId: string): Promise<GroupSummary> {
  const [group] = await summaries(db, userId, groupId);
  if (!group) throw noSuchGroup();
  return group;
}

export async function updateGroup(
  db: Db,
  userId: string,
  groupId: string,
  changes: { name?: string; description?: string },
): Promise<GroupSummary> {
  await requireOwner(db, userId, groupId, 'rename the group or change its description');
  if (changes.name !== undefined || changes.description !== undefined) {
    await db.update(groups).set(changes).where(eq(groups.id, groupId));
  }
  return getGroup(db, userId, groupId);
}

/** Owners first, then by name. */
export async function listMembers(db: Db, userId: string, groupId: string): Promise<Member[]> {
  await requireMember(db, userId, groupId);
  return members(db, groupId);
}

export async function changeRole(
  db: Db,
  userId: string,
  groupId: string,
  memberId: string,
  role: GroupRole,
): Promise<Member> {
  return db.transaction(async (tx) => {
    await lockGroup(tx, groupId);
    await requireOwner(tx, userId, groupId, 'change roles');
    const current = await requireTarget(tx, groupId, memberId);
    if (current === 'owner' && role !== 'owner') await requireAnotherOwner(tx, groupId);
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.groupId, groupId), eq(memberships.userId, memberId)));
    return (await members(tx, groupId, memberId))[0]!;
  });
}

/** An owner removes anyone; any member may remove themselves, which is leaving the group. */
export async function removeMember(db: Db, userId: string, groupId: string, memberId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockGroup(tx, groupId);
    const callerRole = await requireMember(tx, userId, groupId);
    if (memberId !== userId && callerRole !== 'owner') throw forbidden('Only group owners can remove other members');
    const current = await requireTarget(tx, groupId, memberId);
    if (current === 'owner') await requireAnotherOwner(tx, groupId);
    await tx.delete(memberships).where(and(eq(memberships.groupId, groupId), eq(memberships.userId, memberId)));
  });
}

export async function createInvite(
  db: Db,
  userId: string,
  groupId: string,
  origin: string,
  options: InviteOptions,
): Promise<Invite> {
  await requireOwner(db, userId, groupId, 'create invite links');
  const [invite] = await db
    .insert(groupInvites)
    .values({
      groupId,
      token: randomBytes(24).toString('base64url'),
      role: options.role,
      createdBy: userId,
      expiresAt: sql`now() + make_interval(days => ${options.expiresInDays})`,
      maxUses: options.maxUses,
    })
    .returning();
  return inviteFields(invite!, origin);
}

/** Invites that can still be used (not revoked, expired or used up), newest first. */
export async function listInvites(db: Db, userId: string, groupId: string, origin: string): Promise<Invite[]> {
  await requireOwner(db, userId, groupId, 'see invite links');
  const rows = await db
    .select()
    .from(groupInvites)
    .where(and(eq(groupInvites.groupId, groupId), inviteUsable))
    .orderBy(desc(groupInvites.createdAt), desc(groupInvites.id));
  return rows.map((row) => inviteFields(row, origin));
}

export async function revokeInvite(db: Db, userId: string, groupId: string, inviteId: string): Promise<void> {
  await requireOwner(db, userId, groupId, 'revoke invite links');
  const revoked = await db
    .update(groupInvites)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(groupInvites.id, inviteId), eq(groupInvites.groupId, groupId), isNull(groupInvites.revokedAt)))
    .returning({ id: groupInvites.id });
  if (!revoked.length) throw notFound('No such invite');
}

/** What an invite link offers, for the page a recipient sees before accepting. */
export async function previewInvite(db: Db, token: string) {
  const invite = await findInvite(db, token);
  if (invite.revoked || invite.expired || invite.usedUp) throw unusable(invite);
  return {
    group: { id: invite.groupId, name: invite.groupName, memberCount: invite.memberCount },
    role: invite.role,
    expiresAt: invite.expiresAt.toISOString(),
  };
}

/**
 * Joins the invite's group with the invite's role. Someone already in the group keeps their
 * role and uses up nothing, even when the link has since become unusable.
 */
export async function acceptInvite(db: Db, userId: string, token: string) {
  return db.transaction(async (tx) => {
    const invite = await findInvite(tx, token);
    const group = { id: invite.groupId, name: invite.groupName };
    const [joined] = await tx
      .insert(memberships)
      .values({ groupId: invite.groupId, userId, role: invite.role })
      .onConflictDoNothing()
      .returning({ role: memberships.role });
    if (!joined) return { group, role: (await membershipRole(tx, userId, invite.groupId))! };

    // The conditions are checked again on the locked row, so concurrent accepts never exceed max_uses.
    const [taken] = await tx
      .update(groupInvites)
      .set({ uses: sql`${groupInvites.uses} + 1` })
      .where(and(eq(groupInvites.id, invite.id), inviteUsable))
      .returning({ id: groupInvites.id });
    // Throwing rolls the new membership back.
    if (!taken) throw unusable(await findInvite(tx, token));
    return { group, role: joined.role };
  });
}

const inviteUsable = and(
  isNull(groupInvites.revokedAt),
  gt(groupInvites.expiresAt, sql`now()`),
  or(isNull(groupInvites.maxUses), lt(groupInvites.uses, groupInvites.maxUses)),
);

async function findInvite(db: Db, token: string) {
  const [invite] = await db
    .select({
      id: groupInvites.id,
      groupId: groupInvites.groupId,
      groupName: groups.name,
      memberCount,
      role: groupInvites.role,
      expiresAt: groupInvites.expiresAt,
      revoked: sql<boolean>`${groupInvites.revokedAt} is not null`,
      // Compared with the database's clock, the same one the accepting UPDATE uses.
      expired: sql<boolean>`${groupInvites.expiresAt} <= now()`,
      usedUp: sql<boolean>`${groupInvites.maxUses} is not null and ${groupInvites.uses} >= ${groupInvites.maxUses}`,
    })
    .from(groupInvites)
    .innerJoin(groups, eq(groups.id, groupInvites.groupId))
    .where(eq(groupInvites.token, token));
  if (!invite) throw notFound('No such invite link: check that you copied all of it');
  return invite;
}

function unusable(invite: { revoked: boolean; expired: boolean }): ApiError {
  const reason = invite.revoked
    ? 'This invite link was revoked'
    : invite.expired
      ? 'This invite link has expired'
      : 'This invite link has been used as many times as it allows';
  return new ApiError(410, 'invite_unusable', `${reason}; ask the group owner for a new one`);
}

async function summaries(db: Db, userId: string, groupId?: string): Promise<GroupSummary[]> {
  const rows = await db
    .select({ group: groups, role: memberships.role, memberCount })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(and(eq(memberships.userId, userId), groupId === undefined ? undefined : eq(groups.id, groupId)))
    .orderBy(desc(groups.createdAt), desc(groups.id));
  return rows.map(({ group, role, memberCount }) => ({ ...groupFields(group), role, memberCount }));
}

async function members(db: Db, groupId: string, memberId?: string): Promise<Member[]> {
  const rows = await db
    .select({ id: users.id, handle: users.handle, name: users.name, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.groupId, groupId), memberId === undefined ? undefined : eq(memberships.userId, memberId)))
    .orderBy(sql`${memberships.role} <> 'owner'`, asc(users.name), asc(users.handle));
  return rows.map(({ id, handle, name, role, joinedAt }) => ({ user: { id, handle, name }, role, joinedAt: joinedAt.toISOString() }));
}

function groupFields(group: typeof groups.$inferSelect) {
  return { id: group.id, name: group.name, description: group.description, createdAt: group.createdAt.toISOString() };
}

function inviteFields(row: typeof groupInvites.$inferSelect, origin: string): Invite {
  return {
    id: row.id,
    role: row.role,
    url: `${origin}/invite/${row.token}`,
    token: row.token,
    expiresAt: row.expiresAt.toISOString(),
    maxUses: row.maxUses,
    uses: row.uses,
    createdAt: row.createdAt.toISOString(),
  };
}

async function membershipRole(db: Db, userId: string, groupId: string): Promise<GroupRole | null> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.groupId, groupId), eq(memberships.userId, userId)));
  return row?.role ?? null;
}

/** The caller's role; a group they are not in answers 404, as an unknown one does. */
async function requireMember(db: Db, userId: string, groupId: string): Promise<GroupRole> {
  const role = await membershipRole(db, userId, groupId);
  if (!role) throw noSuchGroup();
  return role;
}

async function requireOwner(db: Db, userId: string, groupId: string, action: string): Promise<void> {
  if ((await requireMember(db, userId, groupId)) !== 'owner') throw forbidden(`Only group owners can ${action}`);
}

async function requireTarget(db: Db, groupId: string, memberId: string): Promise<GroupRole> {
  const role = await membershipRole(db, memberId, groupId);
  if (!role) throw notFound('That user is not a member of this group');
  return role;
}

async function requireAnotherOwner(db: Db, groupId: string): Promise<void> {
  const owners = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.groupId, groupId), eq(memberships.role, 'owner')));
  if (owners.length < 2) throw conflict(lastOwnerMessage);
}

/**
 * Role changes and removals of one group take turns, so two owners demoting each other at
 * once cannot leave the group without an owner.
 */
async function lockGroup(db: Db, groupId: string): Promise<void> {
  const [group] = await db.select({ id: groups.id }).from(groups).where(eq(groups.id, groupId)).for('no key update');
  if (!group) throw noSuchGroup();
}
