'use client';

import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { Button, Field } from '@/components';
import styles from './auth-card.module.css';
import { signInMessage } from './sign-in-messages.ts';

export interface SignInFormProps {
  callbackUrl: string;
  providers: Array<{ id: string; name: string }>;
  /** From an Auth.js redirect back to this page (e.g. a failed OAuth sign-in). */
  initialError: string | undefined;
}

export function SignInForm({ callbackUrl, providers, initialError }: SignInFormProps) {
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    });
    if (result.error) {
      setError(signInMessage(result.error, result.code));
      setPending(false);
      return;
    }
    // A full load, so the top bar and every server component see the new session.
    window.location.assign(callbackUrl);
  }

  return (
    <>
      <form className={styles.form} onSubmit={submit} aria-describedby={error ? 'sign-in-error' : undefined}>
        <Field label="E-mail" name="email" type="email" autoComplete="email" required autoFocus />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        {error && (
          <p id="sign-in-error" className={styles.formError} role="alert">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" className={styles.submit} loading={pending}>
          Sign in
        </Button>
      </form>
      {providers.length > 0 && (
        <>
          <div className={styles.divider} aria-hidden="true">
            or
          </div>
          <div className={styles.providers}>
            {providers.map((provider) => (
              <Button key={provider.id} onClick={() => void signIn(provider.id, { redirectTo: callbackUrl })}>
                Continue with {provider.name}
              </Button>
            ))}
          </div>
        </>
      )}
    </>
  );
}
