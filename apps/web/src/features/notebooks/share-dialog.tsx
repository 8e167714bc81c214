'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Avatar, Button, Dialog, Field, Select, useToast } from '@/components';
import { roleLabel } from '@/features/shell/role-badge';
import cells from '@/features/shell/table-cells.module.css';
import { callApi } from '@/lib/api-client';
import { shareRoleOptions } from '@/lib/roles';
import { useFocusOnOpen } from '@/lib/use-focus-on-open';
import type { ShareSummary } from '@/server/notebooks';
import { LinkAccessSwitch } from './link-access-switch.tsx';
import styles from './share-dialog.module.css';

type ShareRole = (typeof shareRoleOptions)[number];

export interface ShareDialogProps {
  notebookId: string;
  linkAccess: boolean;
  /** Groups the owner belongs to; a notebook can be shared with any of them. */
  groups: Array<{ id: string; name: string }>;
  /** Who has access through the owning group, said once at the top. */
  groupAccessNote: string | null;
  open: boolean;
  onClose: () => void;
}

const person = 'person';

export function ShareDialog({ notebookId, linkAccess, groups, groupAccessNote, open, onClose }: ShareDialogProps) {
  const router = useRouter();
  const toast = useToast();
  const [shares, setShares] = useState<ShareSummary[] | null>(null);
  const [target, setTarget] = useState(person);
  const [handleError, setHandleError] = useState<string>();
  const [pending, setPending] = useState(false);
  const handleField = useFocusOnOpen<HTMLInputElement>(open);

  const load = useCallback(async () => {
    const result = await callApi<{ shares: ShareSummary[] }>('GET', `/notebooks/${notebookId}/shares`);
    if (result.ok) setShares(result.data.shares);
    else toast({ message: result.error.message, tone: 'error' });
  }, [notebookId, toast]);

  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  async function put(grant: { handle: string } | { groupId: string }, role: ShareRole): Promise<boolean> {
    const result = await callApi('PUT', `/notebooks/${notebookId}/shares`, { ...grant, role });
    if (!result.ok) {
      if ('handle' in grant && result.error.field === 'handle') {
        setHandleError(result.error.message.replace(/^handle: /, ''));
      } else {
        toast({ message: result.error.message, tone: 'error' });
      }
      return false;
    }
    await load();
    router.refresh();
    return true;
  }

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const role = String(data.get('role')) as ShareRole;
    setHandleError(undefined);
    setPending(true);
    const added = await put(target === person ? { handle: String(data.get('handle') ?? '') } : { groupId: target }, role);
    setPending(false);
    if (added) {
      form.reset();
      setTarget(person);
      toast({ message: 'Shared', tone: 'success' });
    }
  }

  async function remove(share: ShareSummary) {
    const result = await callApi('DELETE', `/notebooks/${notebookId}/shares/${share.id}`);
    if (!result.ok) {
      toast({ message: result.error.message, tone: 'error' });
      return;
    }
    await load();
    router.refresh();
  }

  return (
    <Dialog open={open} onClose={onClose} title="Share notebook" footer={<Button onClick={onClose}>Done</Button>}>
      <form onSubmit={add} className={styles.add} noValidate>
        <div className={styles.addRow}>
          <div className={styles.target}>
            <Select label="Share with" name="target" value={target} onChange={(event) => setTarget(event.target.value)}>
              <option value={person}>A person, by @handle</option>
              {groups.map((group) => (
                <option key={group.id} value={group.id}>
                  Group: {group.name}
                </option>
              ))}
            </Select>
          </div>
          <div className={styles.role}>
            <Select label="Role" name="role" defaultValue="viewer">
              {shareRoleOptions.map((role) => (
                <option key={role} value={role}>
                  {roleLabel(role)}
                </option>
              ))}
            </Select>
          </div>
        </div>
        <div className={styles.addRow}>
          {target === person ? (
            <div className={styles.target}>
              <Field
                ref={handleField}
                label="Handle"
                name="handle"
                placeholder="@ben"
                autoCapitalize="none"
                spellCheck={false}
                error={handleError}
              />
            </div>
          ) : (
            <p className={styles.groupNote}>Everyone in the group gets this role, unless shared with them personally.</p>
          )}
          <Button type="submit" variant="primary" loading={pending} className={styles.submit}>
            Share
          </Button>
        </div>
      </form>

      <h3 className={styles.heading}>Who has access</h3>
      {groupAccessNote && <p className={styles.note}>{groupAccessNote}</p>}
      {shares === null ? (
        <p className={styles.note}>Loading…</p>
      ) : shares.length === 0 ? (
        <p className={styles.note}>Not shared with anyone else yet.</p>
      ) : (
        <ul className={styles.shares} aria-label="Shares">
          {shares.map((share) => (
            <ShareRow key={`${share.id}-${share.role}`} share={share} onRole={(role) => put(grantOf(share), role)} onRemove={() => remove(share)} />
          ))}
        </ul>
      )}

      <h3 className={styles.heading}>Link</h3>
      <LinkAccessSwitch notebookId={notebookId} linkAccess={linkAccess} />
    </Dialog>
  );
}

function grantOf(share: ShareSummary): { handle: string } | { groupId: string } {
  return share.grantee.type === 'user' ? { handle: share.grantee.handle } : { groupId: share.grantee.id };
}

interface ShareRowProps {
  share: ShareSummary;
  onRole: (role: ShareRole) => Promise<boolean>;
  onRemove: () => Promise<void>;
}

function ShareRow({ share, onRole, onRemove }: ShareRowProps) {
  const [role, setRole] = useState<ShareRole>(share.role);
  const [busy, setBusy] = useState(false);
  const { grantee } = share;
  const name = grantee.name;

  async function change(next: ShareRole) {
    setRole(next);
    setBusy(true);
    if (!(await onRole(next))) setRole(share.role);
    setBusy(false);
  }

  return (
    <li className={styles.share}>
      {grantee.type === 'user' ? (
        <Avatar name={grantee.name} handle={grantee.handle} size={28} />
      ) : (
        <span className={styles.groupIcon} aria-hidden="true">
          {grantee.name.charAt(0).toUpperCase()}
        </span>
      )}
      <span className={styles.grantee}>
        <span className={styles.granteeName}>{name}</span>
        <span className={styles.granteeDetail}>{grantee.type === 'user' ? `@${grantee.handle}` : 'Group'}</span>
      </span>
      <div className={cells.inlineControl}>
        <Select label={`Role of ${name}`} name="share-role" value={role} disabled={busy} onChange={(event) => void change(event.target.value as ShareRole)}>
          {shareRoleOptions.map((option) => (
            <option key={option} value={option}>
              {roleLabel(option)}
            </option>
          ))}
        </Select>
      </div>
      <Button variant="ghost" size="sm" aria-label={`Remove ${name}`} disabled={busy} onClick={() => void onRemove()}>
        Remove
      </Button>
    </li>
  );
}
