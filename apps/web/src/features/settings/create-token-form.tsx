'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button, Field, Select, useToast } from '@/components';
import { CopyButton } from '@/features/shell/copy-button';
import { callApi } from '@/lib/api-client';
import { showProblem, type FieldErrors } from '@/lib/show-problem';
import styles from './tokens.module.css';

const lifetimes = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never' },
] as const;

const fields = ['name', 'expiresInDays'] as const;

export function CreateTokenForm() {
  const router = useRouter();
  const toast = useToast();
  const [errors, setErrors] = useState<FieldErrors<(typeof fields)[number]>>({});
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const lifetime = String(data.get('expiresInDays'));
    setPending(true);
    const result = await callApi<{ name: string; token: string }>('POST', '/tokens', {
      name: String(data.get('name') ?? ''),
      expiresInDays: lifetime === 'never' ? null : Number(lifetime),
    });
    setPending(false);
    if (!result.ok) {
      showProblem(result.error, fields, setErrors, toast);
      return;
    }
    setErrors({});
    setCreated({ name: result.data.name, token: result.data.token });
    form.reset();
    router.refresh();
  }

  return (
    <>
      <form onSubmit={submit} className={styles.form} noValidate>
        <div className={styles.name}>
          <Field label="Token name" name="name" placeholder="e.g. Laptop CLI" required error={errors.name} />
        </div>
        <div className={styles.expiry}>
          <Select label="Expires after" name="expiresInDays" defaultValue="90" error={errors.expiresInDays}>
            {lifetimes.map((lifetime) => (
              <option key={lifetime.value} value={lifetime.value}>
                {lifetime.label}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" loading={pending} className={styles.create}>
          Create token
        </Button>
      </form>
      {created && (
        <div className={styles.secret} role="status">
          <p className={styles.warning}>
            Copy the token “{created.name}” now. It is shown only this once; Cohort keeps just a fingerprint of it.
          </p>
          <div className={styles.secretRow}>
            <div className={styles.secretField}>
              <Field label="New token" name="new-token" value={created.token} readOnly className={styles.mono} onFocus={(event) => event.currentTarget.select()} />
            </div>
            <CopyButton text={created.token} copied="Token copied" />
          </div>
        </div>
      )}
    </>
  );
}
