import type { Metadata } from 'next';
import { Card, EmptyState, PageHeader } from '@/components';
import { InvitePanel } from '@/features/groups/invite-panel';
import { LeaveGroupButton } from '@/features/groups/leave-group-button';
import { MemberTable } from '@/features/groups/member-table';
import { NewNotebookButton } from '@/features/notebooks/new-notebook-button';
import { NotebookTable } from '@/features/notebooks/notebook-table';
import { PageIntro } from '@/features/shell/page-intro';
import { RoleBadge } from '@/features/shell/role-badge';
import { Section } from '@/features/shell/section';
import { serverContext } from '@/server/context';
import { getGroup, listInvites, listMembers, type GroupSummary } from '@/server/groups';
import { listNotebooks } from '@/server/notebooks';
import { orNotFound } from '@/server/or-not-found';
import { pageOrigin } from '@/server/page-origin';
import { currentUser, requireUser } from '@/server/page-session';
import styles from './group.module.css';

type Params = Promise<{ groupId: string }>;

const roleMeaning: Record<GroupSummary['role'], string> = {
  owner: 'You own this group: you manage its members and invite links, and own its notebooks.',
  member: 'You are a member: you create notebooks in this group and edit its notebooks.',
  mentor: 'You are a mentor: you read and comment on the group’s notebooks.',
};

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const user = await currentUser();
  if (!user) return {};
  const group = await getGroup(serverContext().db, user.id, (await params).groupId).catch(() => null);
  return group ? { title: group.name } : {};
}

export default async function GroupPage({ params }: { params: Params }) {
  const { groupId } = await params;
  const user = await requireUser(`/groups/${groupId}`);
  const { db } = serverContext();
  const group = await orNotFound(getGroup(db, user.id, groupId));
  const isOwner = group.role === 'owner';
  const [members, notebooks, invites] = await Promise.all([
    listMembers(db, user.id, groupId),
    listNotebooks(db, user.id, { groupId }),
    isOwner ? listInvites(db, user.id, groupId, await pageOrigin()) : Promise.resolve([]),
  ]);
  const canCreate = group.role !== 'mentor';
  const newNotebook = canCreate && (
    <NewNotebookButton groups={[{ id: group.id, name: group.name }]} groupId={group.id} label="New notebook in this group" />
  );

  return (
    <>
      <PageHeader title={group.name} breadcrumb={[{ label: 'Dashboard', href: '/dashboard' }]} actions={newNotebook} />
      {group.description && <PageIntro>{group.description}</PageIntro>}
      <div className={styles.grid}>
        <div>
          <Section title="Notebooks">
            {notebooks.length ? (
              <NotebookTable notebooks={notebooks} myId={user.id} label="Group notebooks" showOwner={false} />
            ) : (
              <EmptyState
                title="No notebooks in this group yet"
                description={canCreate ? 'Notebooks you create here are open to every member.' : 'Members and owners create the group’s notebooks.'}
              />
            )}
          </Section>
          <Section title={`Members · ${members.length}`}>
            <MemberTable group={group} members={members} myId={user.id} manage={isOwner} />
          </Section>
        </div>
        <div className={styles.side}>
          {isOwner && <InvitePanel groupId={group.id} invites={invites} />}
          <Card title="Your membership" actions={<RoleBadge role={group.role} />}>
            <p className={styles.note}>{roleMeaning[group.role]}</p>
            <LeaveGroupButton groupId={group.id} groupName={group.name} myId={user.id} />
          </Card>
        </div>
      </div>
    </>
  );
}
