import { EmptyState, PageHeader, Table } from '@/components';
import { ownerLabel } from '@/features/notebooks/owner-label';
import { RestoreButton } from '@/features/notebooks/restore-button';
import { PageIntro } from '@/features/shell/page-intro';
import { RelativeTime } from '@/features/shell/relative-time';
import cells from '@/features/shell/table-cells.module.css';
import { date } from '@/lib/format';
import { serverContext } from '@/server/context';
import { listTrash, trashDays } from '@/server/notebooks';
import { requireUser } from '@/server/page-session';

export const metadata = { title: 'Trash' };

export default async function TrashPage() {
  const user = await requireUser('/dashboard/trash');
  const notebooks = await listTrash(serverContext().db, user.id);
  return (
    <>
      <PageHeader title="Trash" breadcrumb={[{ label: 'Dashboard', href: '/dashboard' }]} />
      <PageIntro>
        Notebooks you delete stay here for {trashDays} days. Restoring one brings it back as it was, shares included.
      </PageIntro>
      {notebooks.length ? (
        <Table aria-label="Deleted notebooks" className={cells.middle}>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Owner</th>
              <th scope="col" className={cells.fit}>
                Deleted
              </th>
              <th scope="col" className={cells.fit}>
                Gone for good
              </th>
              <th scope="col" className={cells.end}>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {notebooks.map((notebook) => (
              <tr key={notebook.id}>
                <td className={cells.main}>{notebook.title}</td>
                <td className={cells.muted}>{ownerLabel(notebook.owner, user.id)}</td>
                <td className={cells.muted}>
                  <RelativeTime iso={notebook.deletedAt} />
                </td>
                <td className={cells.muted}>{date(notebook.purgeAt)}</td>
                <td className={cells.end}>
                  <RestoreButton notebookId={notebook.id} title={notebook.title} />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <EmptyState title="The trash is empty" description="Deleted notebooks appear here until they are gone for good." />
      )}
    </>
  );
}
