'use client';

import { useRouter } from 'next/navigation';
import { useToast } from '@/components';
import { ConfirmButton } from '@/features/shell/confirm-button';
import { callApi } from '@/lib/api-client';

export function LeaveGroupButton({ groupId, groupName, myId }: { groupId: string; groupName: string; myId: string }) {
  const router = useRouter();
  const toast = useToast();

  async function leave(): Promise<boolean> {
    const result = await callApi('DELETE', `/groups/${groupId}/members/${myId}`);
    if (!result.ok) {
      toast({ message: result.error.message, tone: 'error' });
      return false;
    }
    toast({ message: `You left ${groupName}`, tone: 'success' });
    router.push('/dashboard');
    return true;
  }

  return (
    <ConfirmButton label="Leave group" size="sm" title={`Leave ${groupName}?`} confirmLabel="Leave group" onConfirm={leave}>
      <p>You lose access to the group&apos;s notebooks, except those shared with you directly. To come back you need a new invite link.</p>
    </ConfirmButton>
  );
}
