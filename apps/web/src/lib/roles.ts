import type { GroupRole, InviteRole, ShareRole } from '@cohort/db';

// The role lists for pickers; typed against the schema but kept here so client bundles don't pull in the db package.
export const groupRoleOptions = ['owner', 'mentor', 'member'] as const satisfies readonly GroupRole[];
export const inviteRoleOptions = ['member', 'mentor'] as const satisfies readonly InviteRole[];
export const shareRoleOptions = ['editor', 'commenter', 'viewer'] as const satisfies readonly ShareRole[];
