import Link from 'next/link';
import { RoleBadge } from '@/features/shell/role-badge';
import type { GroupSummary } from '@/server/groups';
import styles from './group-list.module.css';

export function GroupList({ groups }: { groups: GroupSummary[] }) {
  return (
    <ul className={styles.list} aria-label="My groups">
      {groups.map((group) => (
        <li key={group.id} className={styles.item}>
          <span className={styles.text}>
            <Link href={`/groups/${group.id}`} className={styles.name}>
              {group.name}
            </Link>
            <span className={styles.meta}>
              {group.memberCount} {group.memberCount === 1 ? 'member' : 'members'}
            </span>
          </span>
          <RoleBadge role={group.role} />
        </li>
      ))}
    </ul>
  );
}
