'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button, Dialog, Field, Select, useToast, type ButtonVariant } from '@/components';
import { callApi } from '@/lib/api-client';
import { showProblem, type FieldErrors } from '@/lib/show-problem';
import { useFocusOnOpen } from '@/lib/use-focus-on-open';

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
    <>
      <Button variant={variant} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title="New notebook"
        footer={
          <>
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" form="new-notebook" variant="primary" loading={pending}>
              Create notebook
            </Button>
          </>
        }
      >
        {open && (
          <form id="new-notebook" onSubmit={submit} noValidate>
            <Field label="Title" name="title" ref={firstField} required placeholder="e.g. CNN on MNIST" error={errors.title} />
            <Select
              label="Owner"
              name="groupId"
              defaultValue={groupId ?? ''}
              hint="A group's notebooks are open to its members."
              error={errors.groupId}
            >
              <option value="">Me (personal)</option>
              {groups.map((group) => (
                <option key={group.id} value={group.id}>
                  {group.name}
                </option>
              ))}
            </Select>
          </form>
        )}
      </Dialog>
    </>
  );
}
