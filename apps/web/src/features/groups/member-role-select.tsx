'use client';

import { useState } from 'react';
import type { GroupRole } from '@cohort/db';
import { Select } from '@/components';
import { roleLabel } from '@/features/shell/role-badge';
import cells from '@/features/shell/table-cells.module.css';
import { groupRoleOptions } from '@/lib/roles';
import { useApiAction } from '@/lib/use-api-action';

export interface MemberRoleSelectProps {
  groupId: string;
  member: { id: string; name: string };
  role: GroupRole;
}

/** Render with `key={role}` so a role changed elsewhere shows after a refresh. */
export function MemberRoleSelect({ groupId, member, role }: MemberRoleSelectProps) {
  const { run, pending } = useApiAction();
  const [value, setValue] = useState<string>(role);

  async function change(next: string) {
    setValue(next);
    const result = await run('PATCH', `/groups/${groupId}/members/${member.id}`, { role: next }, `${member.name} is now ${next}`);
    if (!result.ok) setValue(role);
  }

  return (
    <div className={cells.inlineControl}>
      <Select label={`Role of ${member.name}`} name="role" value={value} disabled={pending} onChange={(event) => void change(event.target.value)}>
        {groupRoleOptions.map((option) => (
          <option key={option} value={option}>
            {roleLabel(option)}
          </option>
        ))}
      </Select>
    </div>
  );
}
