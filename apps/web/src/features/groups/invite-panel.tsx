import { Card, Field } from '@/components';
import { CopyButton } from '@/features/shell/copy-button';
import { RelativeTime } from '@/features/shell/relative-time';
import { roleLabel } from '@/features/shell/role-badge';
import type { Invite } from '@/server/groups';
import { CreateInviteForm } from './create-invite-form.tsx';
import styles from './invite-panel.module.css';
import { RevokeInviteButton } from './revoke-invite-button.tsx';

function uses(invite: Invite): string {
  const count = `${invite.uses} ${invite.uses === 1 ? 'use' : 'uses'}`;
  return invite.maxUses === null ? count : `${count} of ${invite.maxUses}`;
}

/** For group owners: create invite links, copy and revoke the live ones. */
export function InvitePanel({ groupId, invites }: { groupId: string; invites: Invite[] }) {
  return (
    <Card title="Invite people">
      <CreateInviteForm groupId={groupId} />
      {invites.length > 0 && (
        <ul className={styles.list} aria-label="Live invite links">
          {invites.map((invite) => (
            <li key={invite.id} className={styles.invite}>
              <Field label={`Invite link for a ${invite.role}`} name="invite-url" value={invite.url} readOnly className={styles.url} />
              <p className={styles.meta}>
                {roleLabel(invite.role)} · expires <RelativeTime iso={invite.expiresAt} /> · {uses(invite)}
              </p>
              <div className={styles.actions}>
                <CopyButton text={invite.url} label="Copy link" copied="Link copied" size="sm" />
                <RevokeInviteButton groupId={groupId} inviteId={invite.id} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
