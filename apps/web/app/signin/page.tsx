import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/features/auth/auth-card';
import { SignInForm } from '@/features/auth/sign-in-form';
import { signInMessage } from '@/features/auth/sign-in-messages';
import { safeCallbackUrl, withCallback } from '@/lib/callback-url';
import { enabledOAuthProviders } from '@/server/auth';
import { currentUser } from '@/server/page-session';

export const metadata = { title: 'Sign in' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return (
    <AuthCard
      title="Sign in to Cohort"
      subtitle="Welcome back to your notebooks."
      footer={
        <>
          New to Cohort? <Link href={withCallback('/signup', callbackUrl)}>Create an account</Link>
        </>
      }
    >
      <SignInForm
        callbackUrl={callbackUrl}
        providers={enabledOAuthProviders()}
        initialError={signInMessage(first(params.error), first(params.code))}
      />
    </AuthCard>
  );
}
