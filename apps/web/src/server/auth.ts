import NextAuth, { CredentialsSignin, type Account, type NextAuthConfig, type Profile, type User as AuthUser } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import Google from 'next-auth/providers/google';
import { authenticate, createSession, deleteSession, findOrCreateOAuthUser, sessionUser, toPublicUser, type PublicUser } from './accounts.ts';
import { serverContext } from './context.ts';
import { clientAddress } from './request.ts';

class InvalidCredentials extends CredentialsSignin {
  override code = 'invalid';
}
class TooManyAttempts extends CredentialsSignin {
  override code = 'rate_limited';
}

declare module 'next-auth' {
  interface Session {
    sessionId?: string;
    account?: PublicUser;
  }
}

const sessionMaxAge = 30 * 24 * 60 * 60;

function config(): NextAuthConfig {
  const { db, authSecret, oauth, trustProxy } = serverContext();
  return {
    secret: authSecret,
    trustHost: true,
    session: { strategy: 'jwt', maxAge: sessionMaxAge },
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      Credentials({
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials, request) {
          const email = typeof credentials.email === 'string' ? credentials.email : '';
          const password = typeof credentials.password === 'string' ? credentials.password : '';
          const result = await authenticate(db, email, password, clientAddress(request.headers, trustProxy));
          if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name };
          throw result.reason === 'rate_limited' ? new TooManyAttempts() : new InvalidCredentials();
        },
      }),
      ...(oauth.github ? [GitHub(oauth.github)] : []),
      ...(oauth.google ? [Google(oauth.google)] : []),
    ],
    callbacks: {
      async signIn({ account, profile, user }) {
        if (!account || account.type === 'credentials') return true;
        const linked = await oauthUser(account, profile, user);
        return linked ? true : '/signin?error=OAuthAccountNotLinked';
      },
      // The JWT only names a row in `sessions`; the row is what makes the session valid.
      async jwt({ token, user, account, profile }) {
        if (!user) return token;
        const userId = account && account.type !== 'credentials' ? (await oauthUser(account, profile, user))?.id : user.id;
        if (userId) token.sid = await createSession(db, userId);
        return token;
      },
      async session({ session, token }) {
        const user = typeof token.sid === 'string' ? await sessionUser(db, token.sid) : null;
        if (!user) return { expires: session.expires } as typeof session;
        return { ...session, sessionId: token.sid as string, account: toPublicUser(user) };
      },
    },
    events: {
      async signOut(message) {
        const sid = 'token' in message ? message.token?.sid : undefined;
        if (typeof sid === 'string') await deleteSession(db, sid);
      },
    },
  };
}

/** Finds or creates the Cohort user behind an OAuth sign-in (idempotent, so both callbacks may call it). */
function oauthUser(account: Account, profile: Profile | undefined, user: AuthUser) {
  return findOrCreateOAuthUser(serverContext().db, {
    provider: account.provider,
    providerAccountId: account.providerAccountId,
    email: user.email ?? '',
    name: user.name ?? '',
    preferredHandle: typeof profile?.login === 'string' ? profile.login : '',
  });
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());

/** The signed-in user of this request's session cookie, checked against the database. */
export async function sessionAccount(): Promise<PublicUser | null> {
  return (await auth())?.account ?? null;
}

export function enabledOAuthProviders(): Array<{ id: 'github' | 'google'; name: string }> {
  const { oauth } = serverContext();
  return [
    ...(oauth.github ? [{ id: 'github' as const, name: 'GitHub' }] : []),
    ...(oauth.google ? [{ id: 'google' as const, name: 'Google' }] : []),
  ];
}
