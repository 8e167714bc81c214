import { Avatar, Table } from '@/components';
import { RelativeTime } from '@/features/shell/relative-time';
import { RoleBadge } from '@/features/shell/role-badge';
import cells from '@/features/shell/table-cells.module.css';
import type { Member } from '@/server/groups';
import { MemberRoleSelect } from './member-role-select.tsx';
import styles from './member-table.module.css';
import { RemoveMemberButton } from './remove-member-button.tsx';

export interface MemberTableProps {
  group: { id: string; name: string };
  members: Member[];
  myId: string;
  /** Owners change roles and remove members. */
  manage: boolean;
}

export function MemberTable({ group, members, myId, manage }: MemberTableProps) {
  return (
    <Table aria-label="Members" className={cells.middle}>
      <thead>
        <tr>
          <th scope="col">Member</th>
          <th scope="col" className={cells.fit}>
            Role
          </th>
          <th scope="col" className={cells.fit}>
            Joined
          </th>
          {manage && (
            <th scope="col" className={cells.end}>
              <span className="visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {members.map(({ user, role, joinedAt }) => (
          <tr key={user.id}>
            <td>
              <span className={styles.person}>
                <Avatar name={user.name} handle={user.handle} size={28} />
                <span className={styles.names}>
                  <span className={cells.main}>
                    {user.name}
                    {user.id === myId && <span className={styles.you}> (you)</span>}
                  </span>
                  <span className={styles.handle}>@{user.handle}</span>
                </span>
              </span>
            </td>
            <td className={cells.fit}>
              {manage ? <MemberRoleSelect key={role} groupId={group.id} member={user} role={role} /> : <RoleBadge role={role} />}
            </td>
            <td className={cells.muted}>
              <RelativeTime iso={joinedAt} />
            </td>
            {manage && (
              <td className={cells.end}>
                {user.id !== myId && <RemoveMemberButton groupId={group.id} groupName={group.name} member={user} />}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
