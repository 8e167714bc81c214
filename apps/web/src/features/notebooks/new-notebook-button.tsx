'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Field, FormDialog, useToast, type ButtonVariant } from '@/components';
import { callApi } from '@/lib/api-client';
import { showProblem, type FieldErrors } from '@/lib/show-problem';
import { useFocusOnOpen } from '@/lib/use-focus-on-open';
import { OwnerSelect } from './owner-select';

export interface NewNotebookButtonProps {
  /** Groups the user may create notebooks in (owner or member). */
  groups: Array<{ id: string; name: string }>;
  /** Preselects a group as the owner; without it the notebook is personal. */
  groupId?: string;
  label?: string;
  variant?: ButtonVariant;
}

const fields = ['title', 'groupId'] as const;

export function NewNotebookButton({ groups, groupId, label = 'New notebook', variant = 'primary' }: NewNotebookButtonProps) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const firstField = useFocusOnOpen<HTMLInputElement>(open);
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors<(typeof fields)[number]>>({});

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const owner = String(form.get('groupId') ?? '');
    setPending(true);
    const created = await callApi<{ id: string }>('POST', '/notebooks', {
      title: String(form.get('title') ?? ''),
      ...(owner ? { groupId: owner } : {}),
    });
    if (!created.ok) {
      setPending(false);
      showProblem(created.error, fields, setErrors, toast);
      return;
    }
    router.push(`/notebooks/${created.data.id}`);
  }

  function close() {
    setOpen(false);
    setErrors({});
  }

  return (
    <FormDialog
      trigger={{ label, variant }}
      open={open}
      onOpen={() => setOpen(true)}
      onClose={close}
      title="New notebook"
      formId="new-notebook"
      submitLabel="Create notebook"
      pending={pending}
      onSubmit={submit}
    >
      <Field label="Title" name="title" ref={firstField} required placeholder="e.g. CNN on MNIST" error={errors.title} />
      <OwnerSelect groups={groups} defaultValue={groupId} error={errors.groupId} />
    </FormDialog>
  );
}
