import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import type { Crumb } from '@/components';
import { LiveNotebook } from '@/features/editor/live-notebook';
import { NotebookCells } from '@/features/editor/notebook-cells';
import { PresenceBar } from '@/features/editor/presence-bar';
import { SyncIndicator } from '@/features/editor/sync-indicator';
import { HistoryLayout } from '@/features/history/history-layout';
import { HistoryToggle } from '@/features/history/history-toggle';
import { NotebookFileMenu } from '@/features/ipynb/notebook-file-menu';
import { KernelBar } from '@/features/kernel/kernel-bar';
import { NotebookKernel } from '@/features/kernel/notebook-kernel';
import { NotebookHeader } from '@/features/notebooks/notebook-header';
import { ownerLabel } from '@/features/notebooks/owner-label';
import { RelativeTime } from '@/features/shell/relative-time';
import type { PublicUser } from '@/server/accounts';
import { serverContext } from '@/server/context';
import { ApiError } from '@/server/errors';
import { listGroups, type GroupSummary } from '@/server/groups';
import { getNotebook, type NotebookSummary } from '@/server/notebooks';
import { orNotFound } from '@/server/or-not-found';
import { currentUser } from '@/server/page-session';
import styles from './notebook.module.css';

type Params = Promise<{ notebookId: string }>;

/** Signed-in users by their role; anyone else only when "anyone with the link can view" is on. */
async function load(notebookId: string, user: PublicUser | null): Promise<NotebookSummary | null> {
  const { db } = serverContext();
  if (user) return orNotFound(getNotebook(db, user.id, notebookId));
  return getNotebook(db, null, notebookId).catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  });
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const notebook = await load((await params).notebookId, await currentUser()).catch(() => null);
  return notebook ? { title: notebook.title } : {};
}

function breadcrumbFor(notebook: NotebookSummary, user: PublicUser | null, groups: GroupSummary[]): Crumb[] {
  if (!user) return [];
  const { owner } = notebook;
  if (owner.type === 'group' && groups.some((group) => group.id === owner.id)) {
    return [{ label: owner.name, href: `/groups/${owner.id}` }];
  }
  if (owner.type === 'user' && owner.id === user.id) return [{ label: 'My notebooks', href: '/dashboard' }];
  return [{ label: 'Shared with me', href: '/dashboard' }];
}

export default async function NotebookPage({ params }: { params: Params }) {
  const { notebookId } = await params;
  const user = await currentUser();
  const notebook = await load(notebookId, user);
  if (!notebook) redirect(`/signin?callbackUrl=${encodeURIComponent(`/notebooks/${notebookId}`)}`);
  const groups = user ? await listGroups(serverContext().db, user.id) : [];
  const owningGroup = notebook.owner.type === 'group' ? notebook.owner.name : null;

  return (
    <LiveNotebook notebookId={notebook.id} role={notebook.myRole} userId={user?.id ?? null}>
      <NotebookHeader
        notebook={notebook}
        breadcrumb={breadcrumbFor(notebook, user, groups)}
        shareGroups={groups.map(({ id, name }) => ({ id, name }))}
        groupAccessNote={owningGroup && `Everyone in ${owningGroup} has access: members edit, mentors comment.`}
        live={
          <>
            <PresenceBar />
            <SyncIndicator />
          </>
        }
        tools={
          <>
            {user && <HistoryToggle notebookId={notebook.id} />}
            <NotebookFileMenu notebookId={notebook.id} />
          </>
        }
      />
      <p className={styles.meta}>
        <span>Owned by {ownerLabel(notebook.owner, user?.id ?? null, 'you')}</span>
        <span aria-hidden="true">·</span>
        <span>
          Updated <RelativeTime iso={notebook.updatedAt} />
        </span>
        <span aria-hidden="true">·</span>
        <span>{notebook.linkAccess ? 'Anyone with the link can view' : 'Only people with access'}</span>
      </p>
      <NotebookKernel notebookId={notebook.id} user={user && { id: user.id, name: user.name }} configuredUserContentOrigin={serverContext().userContentOrigin}>
        <KernelBar />
        <HistoryLayout notebookId={notebook.id} canEdit={notebook.myRole === 'owner' || notebook.myRole === 'editor'}>
          <NotebookCells />
        </HistoryLayout>
      </NotebookKernel>
    </LiveNotebook>
  );
}
