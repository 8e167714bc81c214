'use client';

import { createContext, useCallback, useContext, useState } from 'react';
import { callApi } from '@/lib/api-client';
import type { Version } from './version.ts';

export type VersionMode = 'view' | 'compare';

export interface HistoryState {
  notebookId: string;
  /** Editors and owners name and restore versions; everyone who can open the notebook reads them. */
  canEdit: boolean;
  close(): void;
  /** Newest first; null until loaded. */
  versions: Version[] | null;
  /** A message when loading the versions failed. */
  loadError: string | null;
  reload(): Promise<void>;
  /** The version shown in place of the live cells, read-only or compared with now. */
  shown: { version: Version; mode: VersionMode } | null;
  show(shown: { version: Version; mode: VersionMode } | null): void;
}

export const HistoryContext = createContext<HistoryState | null>(null);

/** The versions list, loaded on demand, for the panel and the version pane. */
export function useVersionList(notebookId: string) {
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const result = await callApi<{ versions: Version[] }>('GET', `/notebooks/${notebookId}/versions`);
    if (result.ok) {
      setVersions(result.data.versions);
      setLoadError(null);
    } else setLoadError(result.error.message);
  }, [notebookId]);
  return { versions, loadError, reload };
}

export function useHistory(): HistoryState {
  const history = useContext(HistoryContext);
  if (!history) throw new Error('useHistory: not inside <HistoryLayout>');
  return history;
}
