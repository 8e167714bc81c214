'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button, useToast } from '@/components';
import { callApi } from '@/lib/api-client';

export function JoinGroupButton({ token }: { token: string }) {
  const router = useRouter();
  const toast = useToast();
  const [pending, setPending] = useState(false);

  async function join() {
    setPending(true);
    const result = await callApi<{ group: { id: string; name: string } }>('POST', `/invites/${encodeURIComponent(token)}/accept`);
    if (!result.ok) {
      setPending(false);
      toast({ message: result.error.message, tone: 'error' });
      router.refresh();
      return;
    }
    toast({ message: `Welcome to ${result.data.group.name}`, tone: 'success' });
    router.push(`/groups/${result.data.group.id}`);
  }

  return (
    <Button variant="primary" loading={pending} onClick={() => void join()}>
      Join group
    </Button>
  );
}
