import { z } from 'zod';
import { groupRoles, inviteRoles } from '@cohort/db';
import {
  acceptInvite, changeRole, createGroup, createInvite, getGroup, listGroups, listInvites, listMembers, previewInvite,
  removeMember, revokeInvite, updateGroup,
} from '../../server/groups.ts';
import { defineRoute } from '../define.ts';
import { Id, Timestamp, UserRef } from '../schemas.ts';

const GroupName = z.string().trim().min(1, 'Name the group').max(80, 'A group name is at most 80 characters');
const Description = z.string().trim().max(500, 'A description is at most 500 characters');
const GroupRole = z.enum(groupRoles, { error: 'A role is "owner", "mentor" or "member"' });
const InviteRole = z.enum(inviteRoles, { error: 'An invite gives the role "member" or "mentor"' });

const GroupSummary = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  role: GroupRole.describe("The caller's role"),
  memberCount: z.number().int(),
  createdAt: Timestamp,
});

const Member = z.object({ user: UserRef, role: GroupRole, joinedAt: Timestamp });

const Invite = z.object({
  id: Id,
  role: InviteRole,
  url: z.string().describe('The link to send; opening it signed in offers to join'),
  token: z.string(),
  expiresAt: Timestamp,
  maxUses: z.number().int().nullable(),
  uses: z.number().int(),
  createdAt: Timestamp,
});

const InviteBody = z.object({
  role: InviteRole.default('member'),
  expiresInDays: z
    .number({ error: 'expiresInDays is a whole number of days' })
    .int('expiresInDays is a whole number of days')
    .min(1, 'An invite lasts at least 1 day')
    .max(30, 'An invite lasts at most 30 days')
    .default(7),
  maxUses: z
    .number({ error: 'maxUses is a whole number, or null for no limit' })
    .int('maxUses is a whole number, or null for no limit')
    .min(1, 'maxUses is at least 1')
    .max(1000, 'maxUses is at most 1000')
    .nullable()
    .default(null),
});

const GroupParams = z.object({ groupId: Id });
const MemberParams = z.object({ groupId: Id, userId: Id });
const InviteParams = z.object({ groupId: Id, inviteId: Id });
const TokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/) });

const groupsTag = 'Study groups';
const invitesTag = 'Group invites';

export const groupRoutes = [
  defineRoute({
    method: 'GET',
    path: '/groups',
    summary: 'List my study groups',
    tag: groupsTag,
    access: 'user',
    success: { status: 200, schema: z.object({ groups: z.array(GroupSummary) }), description: 'My groups with my role, newest first' },
    handler: async ({ db, user }) => ({ body: { groups: await listGroups(db, user.id) } }),
  }),
  defineRoute({
    method: 'POST',
    path: '/groups',
    summary: 'Create a study group; the creator becomes its owner',
    tag: groupsTag,
    access: 'user',
    body: z.object({ name: GroupName, description: Description.default('') }),
    success: { status: 201, schema: GroupSummary, description: 'The new group' },
    handler: async ({ db, user, body }) => ({ status: 201, body: await createGroup(db, user.id, body) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/groups/{groupId}',
    summary: 'A group I belong to',
    tag: groupsTag,
    access: 'user',
    params: GroupParams,
    success: { status: 200, schema: GroupSummary, description: 'The group and my role in it' },
    handler: async ({ db, user, params }) => ({ body: await getGroup(db, user.id, params.groupId) }),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/groups/{groupId}',
    summary: 'Rename a group or change its description (owners)',
    tag: groupsTag,
    access: 'user',
    params: GroupParams,
    body: z.object({ name: GroupName.optional(), description: Description.optional() }),
    success: { status: 200, schema: GroupSummary, description: 'The group as changed' },
    handler: async ({ db, user, params, body }) => ({ body: await updateGroup(db, user.id, params.groupId, body) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/groups/{groupId}/members',
    summary: "List a group's members",
    tag: groupsTag,
    access: 'user',
    params: GroupParams,
    success: { status: 200, schema: z.object({ members: z.array(Member) }), description: 'Owners first, then by name' },
    handler: async ({ db, user, params }) => ({ body: { members: await listMembers(db, user.id, params.groupId) } }),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/groups/{groupId}/members/{userId}',
    summary: "Change a member's role (owners); the last owner cannot be demoted",
    tag: groupsTag,
    access: 'user',
    params: MemberParams,
    body: z.object({ role: GroupRole }),
    success: { status: 200, schema: Member, description: 'The member with their new role' },
    handler: async ({ db, user, params, body }) => ({
      body: await changeRole(db, user.id, params.groupId, params.userId, body.role),
    }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/groups/{groupId}/members/{userId}',
    summary: 'Remove a member (owners), or leave a group (my own user id)',
    tag: groupsTag,
    access: 'user',
    params: MemberParams,
    success: { status: 204, description: 'Removed' },
    handler: async ({ db, user, params }) => {
      await removeMember(db, user.id, params.groupId, params.userId);
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/groups/{groupId}/invites',
    summary: "List a group's usable invite links (owners)",
    tag: invitesTag,
    access: 'user',
    params: GroupParams,
    success: {
      status: 200,
      schema: z.object({ invites: z.array(Invite) }),
      description: 'Invites not revoked, expired or used up, newest first',
    },
    handler: async ({ db, user, params, origin }) => ({
      body: { invites: await listInvites(db, user.id, params.groupId, origin) },
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/groups/{groupId}/invites',
    summary: 'Create an invite link (owners)',
    tag: invitesTag,
    access: 'user',
    params: GroupParams,
    body: InviteBody,
    success: { status: 201, schema: Invite, description: 'The new invite link' },
    handler: async ({ db, user, params, body, origin }) => ({
      status: 201,
      body: await createInvite(db, user.id, params.groupId, origin, body),
    }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/groups/{groupId}/invites/{inviteId}',
    summary: 'Revoke an invite link (owners)',
    tag: invitesTag,
    access: 'user',
    params: InviteParams,
    success: { status: 204, description: 'Revoked' },
    handler: async ({ db, user, params }) => {
      await revokeInvite(db, user.id, params.groupId, params.inviteId);
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/invites/{token}',
    summary: 'What an invite link offers (410 when revoked, expired or used up)',
    tag: invitesTag,
    access: 'public',
    params: TokenParams,
    success: {
      status: 200,
      schema: z.object({
        group: z.object({ id: Id, name: z.string(), memberCount: z.number().int() }),
        role: InviteRole,
        expiresAt: Timestamp,
      }),
      description: 'The group and the role the link gives',
    },
    handler: async ({ db, params }) => ({ body: await previewInvite(db, params.token) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/invites/{token}/accept',
    summary: "Join a group with an invite link (410 when it can't be used)",
    tag: invitesTag,
    access: 'user',
    params: TokenParams,
    success: {
      status: 200,
      schema: z.object({ group: z.object({ id: Id, name: z.string() }), role: GroupRole }),
      description: 'My membership; someone already in the group keeps their role',
    },
    handler: async ({ db, user, params }) => ({ body: await acceptInvite(db, user.id, params.token) }),
  }),
];
