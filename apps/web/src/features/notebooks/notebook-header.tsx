'use client';

import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import type { NotebookRole } from '@cohort/db';
import { Button, PageHeader, useToast, type Crumb } from '@/components';
import { RoleBadge } from '@/features/shell/role-badge';
import { callApi } from '@/lib/api-client';
import { NotebookTitleEditor } from './notebook-title-editor.tsx';
import { ShareDialog } from './share-dialog.tsx';

export interface NotebookHeaderProps {
  notebook: { id: string; title: string; myRole: NotebookRole; linkAccess: boolean };
  breadcrumb: Crumb[];
  /** For the share dialog: the owner's groups, and who has access through the owning group. */
  shareGroups: Array<{ id: string; name: string }>;
  groupAccessNote: string | null;
  /** Live state shown first among the actions: who is here, and whether changes are saved. */
  live?: ReactNode;
  /** Notebook tools after the role (history, file menu). */
  tools?: ReactNode;
}

export function NotebookHeader({ notebook, breadcrumb, shareGroups, groupAccessNote, live, tools }: NotebookHeaderProps) {
  const router = useRouter();
  const toast = useToast();
  const [title, setTitle] = useState(notebook.title);
  const [renaming, setRenaming] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const canRename = notebook.myRole === 'owner' || notebook.myRole === 'editor';
  const isOwner = notebook.myRole === 'owner';

  async function remove() {
    setDeleting(true);
    const result = await callApi('DELETE', `/notebooks/${notebook.id}`);
    if (!result.ok) {
      setDeleting(false);
      toast({ message: result.error.message, tone: 'error' });
      return;
    }
    toast({ message: `“${title}” moved to the trash`, tone: 'success' });
    router.push('/dashboard');
  }

  return (
    <>
      <PageHeader
        breadcrumb={breadcrumb}
        title={
          renaming ? (
            <NotebookTitleEditor
              notebookId={notebook.id}
              title={title}
              onDone={(next) => {
                setTitle(next);
                setRenaming(false);
              }}
            />
          ) : (
            title
          )
        }
        actions={
          <>
            {live}
            <RoleBadge role={notebook.myRole} />
            {tools}
            {canRename && !renaming && (
              <Button variant="ghost" size="sm" onClick={() => setRenaming(true)}>
                Rename
              </Button>
            )}
            {isOwner && (
              <>
                <Button variant="ghost" size="sm" loading={deleting} onClick={() => void remove()}>
                  Delete
                </Button>
                <Button variant="primary" size="sm" onClick={() => setSharing(true)}>
                  Share
                </Button>
              </>
            )}
          </>
        }
      />
      {isOwner && (
        <ShareDialog
          notebookId={notebook.id}
          linkAccess={notebook.linkAccess}
          groups={shareGroups}
          groupAccessNote={groupAccessNote}
          open={sharing}
          onClose={() => setSharing(false)}
        />
      )}
    </>
  );
}
