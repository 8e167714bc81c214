import { EmptyState, PageHeader } from '@/components';
import { GroupList } from '@/features/groups/group-list';
import { ImportIpynbButton } from '@/features/ipynb/import-ipynb-button';
import { NewGroupButton } from '@/features/groups/new-group-button';
import { NewNotebookButton } from '@/features/notebooks/new-notebook-button';
import { NotebookTable } from '@/features/notebooks/notebook-table';
import { LinkButton } from '@/features/shell/link-button';
import { Section } from '@/features/shell/section';
import { serverContext } from '@/server/context';
import { listGroups } from '@/server/groups';
import { listNotebooks, trashDays } from '@/server/notebooks';
import { requireUser } from '@/server/page-session';
import styles from './dashboard.module.css';

export const metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const user = await requireUser('/dashboard');
  const { db } = serverContext();
  const [notebooks, groups] = await Promise.all([listNotebooks(db, user.id), listGroups(db, user.id)]);
  const creatable = groups.filter((group) => group.role !== 'mentor').map(({ id, name }) => ({ id, name }));

  return (
    <>
      <PageHeader
        title="Dashboard"
        actions={
          <>
            <ImportIpynbButton groups={creatable} />
            <NewNotebookButton groups={creatable} />
          </>
        }
      />
      <div className={styles.grid}>
        <Section title="My notebooks">
          {notebooks.length ? (
            <NotebookTable notebooks={notebooks} myId={user.id} label="My notebooks" />
          ) : (
            <EmptyState
              title="No notebooks yet"
              description="Create one for yourself or for a group. Notebooks shared with you show up here too."
              action={<NewNotebookButton groups={creatable} variant="secondary" />}
            />
          )}
        </Section>
        <div>
          <Section title="My groups" actions={<NewGroupButton />}>
            {groups.length ? (
              <GroupList groups={groups} />
            ) : (
              <p className={styles.box}>Start a study group, then invite people with a link.</p>
            )}
          </Section>
          <Section title="Trash">
            <div className={styles.box}>
              <p>Deleted notebooks wait here for {trashDays} days.</p>
              <LinkButton href="/dashboard/trash" size="sm">
                Open the trash
              </LinkButton>
            </div>
          </Section>
        </div>
      </div>
    </>
  );
}
