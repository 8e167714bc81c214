'use client';

import { useRouter } from 'next/navigation';
import { useState, type FocusEvent, type FormEvent, type KeyboardEvent } from 'react';
import { useToast } from '@/components';
import { callApi } from '@/lib/api-client';
import styles from './notebook-title-editor.module.css';

export interface NotebookTitleEditorProps {
  notebookId: string;
  title: string;
  onDone: (title: string) => void;
}

/** The title as an input: Enter or leaving the field saves, Escape cancels. */
export function NotebookTitleEditor({ notebookId, title, onDone }: NotebookTitleEditorProps) {
  const router = useRouter();
  const toast = useToast();
  const [value, setValue] = useState(title);
  const [saving, setSaving] = useState(false);

  async function save() {
    const next = value.trim();
    if (saving) return;
    if (!next || next === title) {
      onDone(title);
      return;
    }
    setSaving(true);
    const result = await callApi<{ title: string }>('PATCH', `/notebooks/${notebookId}`, { title: next });
    setSaving(false);
    if (!result.ok) {
      toast({ message: result.error.message.replace(/^title: /, ''), tone: 'error' });
      return;
    }
    onDone(result.data.title);
    router.refresh();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save();
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onDone(title);
    }
  }

  function handleBlur(event: FocusEvent<HTMLInputElement>) {
    if (!event.currentTarget.form?.contains(event.relatedTarget)) void save();
  }

  return (
    <form onSubmit={submit} className={styles.titleForm}>
      <input
        aria-label="Notebook title"
        className={styles.titleInput}
        value={value}
        maxLength={120}
        disabled={saving}
        autoFocus
        onFocus={(event) => event.currentTarget.select()}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={handleKeyDown}
        onBlur={handleBlur}
      />
    </form>
  );
}
