'use client';

import { useState, type FormEvent } from 'react';
import { Button, Select } from '@/components';
import { roleLabel } from '@/features/shell/role-badge';
import { inviteRoleOptions } from '@/lib/roles';
import { useApiAction } from '@/lib/use-api-action';
import styles from './invite-panel.module.css';

type InviteRole = (typeof inviteRoleOptions)[number];

const roleHints: Record<InviteRole, string> = {
  member: 'Members create and edit the group’s notebooks.',
  mentor: 'Mentors read and comment on the group’s notebooks, but don’t edit them.',
};

const lifetimes = [
  { days: 1, label: '1 day' },
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
] as const;

export function CreateInviteForm({ groupId }: { groupId: string }) {
  const { run, pending } = useApiAction();
  const [role, setRole] = useState<InviteRole>('member');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await run('POST', `/groups/${groupId}/invites`, { role, expiresInDays: Number(form.get('expiresInDays')) }, 'Invite link created');
  }

  return (
    <form onSubmit={submit} className={styles.form}>
      {/* Each field in its own cell: side by side, they take no stacking margin. */}
      <div className={styles.formRow}>
        <div>
          <Select label="Joins as" name="role" value={role} onChange={(event) => setRole(event.target.value as InviteRole)}>
            {inviteRoleOptions.map((option) => (
              <option key={option} value={option}>
                {roleLabel(option)}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Select label="Expires after" name="expiresInDays" defaultValue="7">
            {lifetimes.map((lifetime) => (
              <option key={lifetime.days} value={lifetime.days}>
                {lifetime.label}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <p className={styles.hint}>{roleHints[role]}</p>
      <Button type="submit" variant="primary" loading={pending}>
        Create invite link
      </Button>
    </form>
  );
}
