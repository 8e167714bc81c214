'use client';

import { Button } from '@/components';
import { useApiAction } from '@/lib/use-api-action';

export function RevokeInviteButton({ groupId, inviteId }: { groupId: string; inviteId: string }) {
  const { run, pending } = useApiAction();
  return (
    <Button
      variant="ghost"
      size="sm"
      loading={pending}
      onClick={() => void run('DELETE', `/groups/${groupId}/invites/${inviteId}`, undefined, 'Invite link revoked')}
    >
      Revoke
    </Button>
  );
}
