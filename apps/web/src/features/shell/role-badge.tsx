import type { GroupRole, NotebookRole } from '@cohort/db';
import { Badge, type BadgeTone } from '@/components';

const tones: Record<GroupRole | NotebookRole, BadgeTone> = {
  owner: 'accent',
  editor: 'success',
  mentor: 'success',
  member: 'neutral',
  commenter: 'neutral',
  viewer: 'neutral',
};

export function roleLabel(role: string): string {
  return role.charAt(0).toUpperCase() + role.slice(1);
}

/** A notebook or group role, the same colour wherever it appears. */
export function RoleBadge({ role }: { role: GroupRole | NotebookRole }) {
  return <Badge tone={tones[role]}>{roleLabel(role)}</Badge>;
}
