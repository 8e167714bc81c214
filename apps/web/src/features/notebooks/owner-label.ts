import type { Principal } from '@/server/notebooks';

/** A group's name, the person who owns a notebook, or `me` when that is the viewer. */
export function ownerLabel(owner: Principal, myId: string | null, me = 'Me'): string {
  if (owner.type === 'group') return owner.name;
  return owner.id === myId ? me : `${owner.name} (@${owner.handle})`;
}
