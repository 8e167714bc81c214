'use client';

import { ConfirmButton } from '@/features/shell/confirm-button';
import { useApiAction } from '@/lib/use-api-action';

export interface RemoveMemberButtonProps {
  groupId: string;
  groupName: string;
  member: { id: string; name: string };
}

export function RemoveMemberButton({ groupId, groupName, member }: RemoveMemberButtonProps) {
  const { run } = useApiAction();
  return (
    <ConfirmButton
      label="Remove"
      ariaLabel={`Remove ${member.name}`}
      variant="ghost"
      size="sm"
      title={`Remove ${member.name}?`}
      confirmLabel="Remove member"
      onConfirm={async () => (await run('DELETE', `/groups/${groupId}/members/${member.id}`, undefined, `${member.name} was removed`)).ok}
    >
      <p>
        {member.name} loses access to {groupName}&apos;s notebooks, except those shared with them directly. They can
        join again only with a new invite link.
      </p>
    </ConfirmButton>
  );
}
