'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Field, FormDialog, useToast, type ButtonVariant } from '@/components';
import { callApi, type ApiProblem } from '@/lib/api-client';
import { showProblem, type FieldErrors } from '@/lib/show-problem';
import { useFocusOnOpen } from '@/lib/use-focus-on-open';
import { OwnerSelect } from '../notebooks/owner-select';
import styles from './import-ipynb-button.module.css';

export interface ImportIpynbButtonProps {
  /** Groups the user may create notebooks in (owner or member). */
  groups: Array<{ id: string; name: string }>;
  variant?: ButtonVariant;
}

const fields = ['file', 'title', 'groupId'] as const;

/** "Import .ipynb": uploads a Jupyter notebook as a new notebook, showing the importer's problems by place in the file. */
export function ImportIpynbButton({ groups, variant = 'secondary' }: ImportIpynbButtonProps) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const fileInput = useFocusOnOpen<HTMLInputElement>(open);
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors<(typeof fields)[number]>>({});
  const [problems, setProblems] = useState<NonNullable<ApiProblem['details']>>([]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = new FormData(event.currentTarget);
    const file = input.get('file');
    if (!(file instanceof File) || !file.name) {
      setErrors({ file: 'Choose a .ipynb file' });
      return;
    }
    const form = new FormData();
    form.append('file', file);
    for (const name of ['title', 'groupId'] as const) {
      const value = String(input.get(name) ?? '').trim();
      if (value) form.append(name, value);
    }
    setPending(true);
    const created = await callApi<{ id: string }>('POST', '/notebooks/import', form);
    if (!created.ok) {
      setPending(false);
      const details = created.error.details ?? [];
      setProblems(details);
      if (details.length) {
        setErrors({ file: 'Cohort cannot import this file; the problems are listed below, by where they are in it.' });
      } else showProblem(created.error, fields, setErrors, toast);
      return;
    }
    router.push(`/notebooks/${created.data.id}`);
  }

  function close() {
    setOpen(false);
    setErrors({});
    setProblems([]);
  }

  return (
    <FormDialog
      trigger={{ label: 'Import .ipynb', variant }}
      open={open}
      onOpen={() => setOpen(true)}
      onClose={close}
      title="Import a Jupyter notebook"
      formId="import-ipynb"
      submitLabel="Import"
      pending={pending}
      onSubmit={submit}
    >
      <Field
        label=".ipynb file"
        name="file"
        type="file"
        accept=".ipynb,application/x-ipynb+json,application/json"
        ref={fileInput}
        required
        hint="nbformat 4, up to 20 MiB. Cells, ids, outputs and attachments come along."
        error={errors.file}
        onChange={() => {
          setErrors({});
          setProblems([]);
        }}
      />
      {problems.length > 0 && (
        <div className={styles.problems} role="alert" aria-label="Problems in the file">
          <ul>
            {problems.map((problem) => (
              <li key={`${problem.path} ${problem.message}`}>
                <code>{problem.path || '/'}</code> {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Field label="Title" name="title" placeholder="The file name" hint="Optional." error={errors.title} />
      <OwnerSelect groups={groups} error={errors.groupId} />
    </FormDialog>
  );
}
