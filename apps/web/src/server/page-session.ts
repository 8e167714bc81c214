import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { PublicUser } from './accounts.ts';
import { sessionAccount } from './auth.ts';

/** The signed-in user, looked up once per request however many components ask. */
export const currentUser = cache(sessionAccount);

/** The signed-in user, or a redirect to sign-in that comes back to `path` afterwards. */
export async function requireUser(path: string): Promise<PublicUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  return user;
}
