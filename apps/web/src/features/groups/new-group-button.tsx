'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Field, FormDialog, useToast, type ButtonSize, type ButtonVariant } from '@/components';
import { callApi } from '@/lib/api-client';
import { showProblem, type FieldErrors } from '@/lib/show-problem';
import { useFocusOnOpen } from '@/lib/use-focus-on-open';

const fields = ['name', 'description'] as const;

export function NewGroupButton({ variant = 'secondary', size = 'sm' }: { variant?: ButtonVariant; size?: ButtonSize }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const firstField = useFocusOnOpen<HTMLInputElement>(open);
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors<(typeof fields)[number]>>({});

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const created = await callApi<{ id: string }>('POST', '/groups', {
      name: String(form.get('name') ?? ''),
      description: String(form.get('description') ?? ''),
    });
    if (!created.ok) {
      setPending(false);
      showProblem(created.error, fields, setErrors, toast);
      return;
    }
    router.push(`/groups/${created.data.id}`);
  }

  function close() {
    setOpen(false);
    setErrors({});
  }

  return (
    <FormDialog
      trigger={{ label: 'New group', variant, size }}
      open={open}
      onOpen={() => setOpen(true)}
      onClose={close}
      title="New study group"
      formId="new-group"
      submitLabel="Create group"
      pending={pending}
      onSubmit={submit}
    >
      <Field label="Name" name="name" ref={firstField} required placeholder="e.g. DL Study Group" error={errors.name} />
      <Field
        label="Description"
        name="description"
        placeholder="What the group studies, when it meets"
        hint="Optional. Members see it on the group page."
        error={errors.description}
      />
    </FormDialog>
  );
}
