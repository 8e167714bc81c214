'use client';

import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { Button, Field, useToast } from '@/components';
import { callApi } from '@/lib/api-client';
import { showProblem, type FieldErrors } from '@/lib/show-problem';
import styles from './auth-card.module.css';

const fields = ['name', 'handle', 'email', 'password'] as const;
type SignUpField = (typeof fields)[number];

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const toast = useToast();
  const [errors, setErrors] = useState<FieldErrors<SignUpField>>({});
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const details = Object.fromEntries(fields.map((name) => [name, String(form.get(name) ?? '')])) as Record<SignUpField, string>;
    setPending(true);
    const created = await callApi('POST', '/users', details);
    if (!created.ok) {
      showProblem(created.error, fields, setErrors, toast);
      setPending(false);
      return;
    }
    const signedIn = await signIn('credentials', { email: details.email, password: details.password, redirect: false });
    // The account exists either way; if signing in fails now, the sign-in page can take over.
    window.location.assign(signedIn.error ? `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}` : callbackUrl);
  }

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <Field label="Name" name="name" autoComplete="name" required autoFocus error={errors.name} />
      <Field
        label="Handle"
        name="handle"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        placeholder="@ana"
        hint="Others find and mention you as @handle: 2–30 letters, digits, “-” or “_”."
        error={errors.handle}
      />
      <Field label="E-mail" name="email" type="email" autoComplete="email" required error={errors.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters. A few unrelated words work well."
        error={errors.password}
      />
      <Button type="submit" variant="primary" className={styles.submit} loading={pending}>
        Create account
      </Button>
    </form>
  );
}
