/** What to tell a person for the error codes Auth.js hands back (as `code`, or as `error` on a redirect). */
export function signInMessage(error: string | undefined, code: string | undefined): string | undefined {
  if (!error && !code) return undefined;
  if (code === 'rate_limited') return 'Too many failed attempts. Wait 15 minutes and try again.';
  if (code === 'invalid' || error === 'CredentialsSignin') return 'Wrong e-mail or password.';
  if (error === 'OAuthAccountNotLinked') {
    return 'An account with this e-mail already exists. Sign in with your e-mail and password.';
  }
  if (error === 'AccessDenied') return 'Sign-in was cancelled or refused.';
  return 'Sign-in failed. Try again.';
}
