import { LinkButton } from '@/features/shell/link-button';
import { JoinGroupButton } from '@/features/invites/join-group-button';
import { RelativeTime } from '@/features/shell/relative-time';
import { serverContext } from '@/server/context';
import { ApiError } from '@/server/errors';
import { getGroup, previewInvite } from '@/server/groups';
import { currentUser } from '@/server/page-session';
import styles from './invite.module.css';

export const metadata = { title: 'Invitation' };

async function preview(token: string) {
  try {
    return { ok: true as const, invite: await previewInvite(serverContext().db, token) };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 410)) return { ok: false as const, message: error.message };
    throw error;
  }
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [result, user] = await Promise.all([preview(token), currentUser()]);

  if (!result.ok) {
    return (
      <section className={styles.card} aria-labelledby="invite-title">
        <h1 id="invite-title" className={styles.title}>
          This invite link can’t be used
        </h1>
        <p className={styles.text}>{result.message}.</p>
        <LinkButton href={user ? '/dashboard' : '/'}>{user ? 'Go to the dashboard' : 'Go to Cohort'}</LinkButton>
      </section>
    );
  }

  const { group, role, expiresAt } = result.invite;
  const here = `/invite/${token}`;
  const alreadyMember = user ? await getGroup(serverContext().db, user.id, group.id).catch(() => null) : null;
  return (
    <section className={styles.card} aria-labelledby="invite-title">
      <p className={styles.eyebrow}>You’re invited</p>
      <h1 id="invite-title" className={styles.title}>
        Join {group.name} as {role}
      </h1>
      <p className={styles.text}>
        {group.memberCount} {group.memberCount === 1 ? 'member' : 'members'} · this link expires <RelativeTime iso={expiresAt} />
        {role === 'mentor' ? '. Mentors read and comment on the group’s notebooks.' : '. Members create and edit the group’s notebooks.'}
      </p>
      <div className={styles.actions}>
        {alreadyMember ? (
          <>
            <p className={styles.text}>You’re already in this group, as {alreadyMember.role}.</p>
            <LinkButton href={`/groups/${group.id}`} variant="primary">
              Open the group
            </LinkButton>
          </>
        ) : user ? (
          <JoinGroupButton token={token} />
        ) : (
          <>
            <LinkButton href={`/signup?callbackUrl=${encodeURIComponent(here)}`} variant="primary">
              Sign up to join
            </LinkButton>
            <LinkButton href={`/signin?callbackUrl=${encodeURIComponent(here)}`}>Sign in to join</LinkButton>
          </>
        )}
      </div>
    </section>
  );
}
