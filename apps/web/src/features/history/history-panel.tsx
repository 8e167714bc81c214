'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { Button, Field, useToast } from '@/components';
import { RelativeTime } from '@/features/shell/relative-time';
import { callApi } from '@/lib/api-client';
import { useHistory } from './history-state.tsx';
import { versionTitle, type Version } from './version.ts';
import styles from './history.module.css';

/** The side panel: versions newest first, naming the current state (editors), opening one. */
export function HistoryPanel() {
  const { canEdit, versions, loadError, reload, shown, show, close } = useHistory();

  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <aside id="history-panel" className={styles.panel} aria-label="Version history">
      <header className={styles.panelHeader}>
        <h2 className={styles.panelTitle}>History</h2>
        <Button variant="ghost" size="sm" aria-label="Close history" onClick={close}>
          ×
        </Button>
      </header>
      {canEdit && <NameVersionForm />}
      {loadError && (
        <p className={styles.error} role="alert">
          {loadError}
        </p>
      )}
      {versions && versions.length === 0 && (
        <p className={styles.note}>No versions yet. Cohort keeps versions automatically while people edit; name one to find it again.</p>
      )}
      {versions && versions.length > 0 && (
        <ul className={styles.list}>
          {versions.map((version) => (
            <li key={version.id}>
              <button
                type="button"
                className={styles.item}
                aria-current={shown?.version.id === version.id ? 'true' : undefined}
                onClick={() => show({ version, mode: shown?.mode ?? 'view' })}
              >
                <span className={version.automatic ? styles.automatic : styles.named}>{versionTitle(version)}</span>
                <span className={styles.itemMeta}>
                  <RelativeTime iso={version.createdAt} />
                  {version.createdBy && <> · {version.createdBy.name}</>}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

function NameVersionForm() {
  const { notebookId, reload } = useHistory();
  const toast = useToast();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get('name') ?? '');
    setPending(true);
    const created = await callApi<Version>('POST', `/notebooks/${notebookId}/versions`, { name });
    setPending(false);
    if (!created.ok) {
      setError(created.error.message.replace(/^name: /, ''));
      return;
    }
    setError(undefined);
    form.reset();
    toast({ message: `Saved as “${created.data.name}”`, tone: 'success' });
    await reload();
  }

  return (
    <form className={styles.nameForm} onSubmit={submit} noValidate>
      <Field label="Name this version" name="name" placeholder="e.g. Before tuning the learning rate" maxLength={120} error={error} />
      <Button type="submit" size="sm" loading={pending}>
        Save
      </Button>
    </form>
  );
}
