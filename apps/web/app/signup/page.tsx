import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/features/auth/auth-card';
import { SignUpForm } from '@/features/auth/sign-up-form';
import { safeCallbackUrl, withCallback } from '@/lib/callback-url';
import { currentUser } from '@/server/page-session';

export const metadata = { title: 'Sign up' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  return (
    <AuthCard
      title="Create your Cohort account"
      subtitle="Notebooks for you and the people you learn with."
      footer={
        <>
          Already have an account? <Link href={withCallback('/signin', callbackUrl)}>Sign in</Link>
        </>
      }
    >
      <SignUpForm callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
