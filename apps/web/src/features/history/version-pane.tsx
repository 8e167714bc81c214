'use client';

import { useEffect, useState, type ReactNode } from 'react';
import type { NotebookDiff } from '@cohort/notebook';
import { Button, Tabs, useToast } from '@/components';
import { ConfirmButton } from '@/features/shell/confirm-button';
import { callApi } from '@/lib/api-client';
import { dateTime } from '@/lib/format';
import { useHistory, type VersionMode } from './history-state.tsx';
import { versionTitle, type Version, type VersionWithContent } from './version.ts';
import { VersionCells } from './version-cells.tsx';
import { VersionDiff } from './version-diff.tsx';
import styles from './history.module.css';

type Loaded<T> = { data: T } | { error: string } | null;

/** Loads `path` from the API each time it changes; null while loading. */
function useApiData<T>(path: string): Loaded<T> {
  const [loaded, setLoaded] = useState<{ path: string; result: Loaded<T> }>({ path, result: null });
  useEffect(() => {
    let current = true;
    void callApi<T>('GET', path).then((result) => {
      if (current) setLoaded({ path, result: result.ok ? { data: result.data } : { error: result.error.message } });
    });
    return () => {
      current = false;
    };
  }, [path]);
  return loaded.path === path ? loaded.result : null;
}

function Status<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  if (!loaded) return <p className={styles.note}>Loading…</p>;
  if ('error' in loaded) {
    return (
      <p className={styles.error} role="alert">
        {loaded.error}
      </p>
    );
  }
  return <>{children(loaded.data)}</>;
}

function VersionContentTab({ path }: { path: string }) {
  const loaded = useApiData<VersionWithContent>(path);
  return <Status loaded={loaded}>{(version) => <VersionCells content={version.content} />}</Status>;
}

function CompareTab({ path, version }: { path: string; version: Version }) {
  const loaded = useApiData<NotebookDiff>(`${path}/diff`);
  return <Status loaded={loaded}>{(diff) => <VersionDiff diff={diff} versionLabel={versionTitle(version)} />}</Status>;
}

/** A version in the cells' place: read-only, or compared with the notebook now; editors restore it from here. */
export function VersionPane({ version, mode }: { version: Version; mode: VersionMode }) {
  const { notebookId, canEdit, show, reload } = useHistory();
  const toast = useToast();
  const path = `/notebooks/${notebookId}/versions/${version.id}`;

  async function restore(): Promise<boolean> {
    const result = await callApi<{ before: Version }>('POST', `${path}/restore`);
    if (!result.ok) {
      toast({ message: result.error.message, tone: 'error' });
      return false;
    }
    toast({ message: `Restored “${versionTitle(version)}”. The notebook as it was is kept as “${versionTitle(result.data.before)}”.`, tone: 'success' });
    show(null);
    await reload();
    return true;
  }

  return (
    <section className={styles.pane} aria-label={`Version: ${versionTitle(version)}`}>
      <div className={styles.banner}>
        <div>
          <strong>{versionTitle(version)}</strong>
          <span className={styles.bannerMeta}>
            {dateTime(version.createdAt)}
            {version.createdBy && ` · by ${version.createdBy.name}`} · read-only
          </span>
        </div>
        <div className={styles.bannerActions}>
          {canEdit && (
            <ConfirmButton
              label="Restore"
              size="sm"
              title="Restore this version?"
              confirmLabel="Restore"
              onConfirm={restore}
            >
              <p>
                The notebook goes back to “{versionTitle(version)}” of {dateTime(version.createdAt)}, for everyone who has it open.
                Its current state is kept first as a version, so you can come back to it.
              </p>
            </ConfirmButton>
          )}
          <Button size="sm" variant="ghost" onClick={() => show(null)}>
            Back to the notebook
          </Button>
        </div>
      </div>
      <Tabs
        label="Version"
        value={mode}
        onChange={(mode) => show({ version, mode: mode as VersionMode })}
        tabs={[
          { id: 'view', label: 'Version', content: <VersionContentTab path={path} /> },
          { id: 'compare', label: 'Compare with now', content: <CompareTab path={path} version={version} /> },
        ]}
      />
    </section>
  );
}
