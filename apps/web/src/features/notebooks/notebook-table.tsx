import Link from 'next/link';
import { Table } from '@/components';
import { RelativeTime } from '@/features/shell/relative-time';
import { RoleBadge } from '@/features/shell/role-badge';
import cells from '@/features/shell/table-cells.module.css';
import type { NotebookSummary } from '@/server/notebooks';
import { ownerLabel } from './owner-label.ts';

export interface NotebookTableProps {
  notebooks: NotebookSummary[];
  myId: string;
  label: string;
  /** Off on a group's page, where every notebook has the same owner. */
  showOwner?: boolean;
}

export function NotebookTable({ notebooks, myId, label, showOwner = true }: NotebookTableProps) {
  return (
    <Table aria-label={label} className={cells.middle}>
      <thead>
        <tr>
          <th scope="col">Title</th>
          {showOwner && <th scope="col">Owner</th>}
          <th scope="col" className={cells.fit}>
            My role
          </th>
          <th scope="col" className={cells.fit}>
            Updated
          </th>
        </tr>
      </thead>
      <tbody>
        {notebooks.map((notebook) => (
          <tr key={notebook.id}>
            <td>
              <Link href={`/notebooks/${notebook.id}`} className={cells.main}>
                {notebook.title}
              </Link>
            </td>
            {showOwner && <td className={cells.muted}>{ownerLabel(notebook.owner, myId)}</td>}
            <td className={cells.fit}>
              <RoleBadge role={notebook.myRole} />
            </td>
            <td className={cells.muted}>
              <RelativeTime iso={notebook.updatedAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
