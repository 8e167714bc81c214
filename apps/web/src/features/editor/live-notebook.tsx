'use client';

import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { canEdit, type SyncRole } from '@cohort/sync-auth';
import { createLiveSession, type LiveSession } from './live-session.ts';
import { LiveContext, useLiveSnapshot } from './use-live.ts';

export interface LiveNotebookProps {
  notebookId: string;
  /** The viewer's role as the page was rendered. */
  role: SyncRole;
  /** Whose local copy: a browser shared by two accounts keeps one copy per account. */
  userId: string | null;
  children: ReactNode;
}

/** Opens the notebook live for everything inside it: header presence and status, and the cells. */
export function LiveNotebook({ notebookId, role, userId, children }: LiveNotebookProps) {
  const [session, setSession] = useState<LiveSession | null>(null);
  const [following, setFollowing] = useState<number | null>(null);
  const snapshot = useLiveSnapshot(session);

  useEffect(() => {
    const opened = createLiveSession({ notebookId, storageKey: `cohort:${userId ?? 'anonymous'}:notebook:${notebookId}` });
    setSession(opened);
    return () => {
      setSession(null);
      opened.destroy();
    };
  }, [notebookId, userId]);

  const readOnly = !canEdit(snapshot.role ?? role);
  const value = useMemo(() => ({ session, snapshot, readOnly, following, setFollowing }), [session, snapshot, readOnly, following]);
  return <LiveContext value={value}>{children}</LiveContext>;
}
