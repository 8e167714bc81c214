'use client';

import { signOut } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { Avatar, Menu } from '@/components';

export function AccountMenu({ name, handle }: { name: string; handle: string }) {
  const router = useRouter();
  return (
    <Menu
      label={<Avatar name={name} handle={handle} size={24} />}
      ariaLabel={`Account: ${name} (@${handle})`}
      align="end"
      items={[
        { label: 'Settings', onSelect: () => router.push('/settings') },
        // A full page load afterwards, so no signed-in page stays in the client's router cache.
        { label: 'Sign out', onSelect: () => void signOut({ redirectTo: '/' }) },
      ]}
    />
  );
}
