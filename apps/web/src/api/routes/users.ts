import { z } from 'zod';
import { createUser, toPublicUser } from '../../server/accounts.ts';
import { createToken, listTokens, revokeToken } from '../../server/tokens.ts';
import { defineRoute } from '../define.ts';
import { Handle, Id, PublicUserSchema, Timestamp } from '../schemas.ts';

const SignUpBody = z.object({
  email: z.email('Enter a valid e-mail address').max(254),
  password: z.string().min(1, 'Enter a password'),
  handle: Handle,
  name: z.string().trim().min(1, 'Enter your name').max(80),
});

const TokenSummary = z.object({
  id: Id,
  name: z.string(),
  prefix: z.string(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  expiresAt: Timestamp.nullable(),
});

export const userRoutes = [
  defineRoute({
    method: 'POST',
    path: '/users',
    summary: 'Sign up with e-mail and password',
    tag: 'Accounts',
    access: 'public',
    body: SignUpBody,
    success: { status: 201, schema: PublicUserSchema, description: 'The new account. Sign in to get a session.' },
    handler: async ({ db, body }) => ({ status: 201, body: toPublicUser(await createUser(db, body)) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/me',
    summary: 'The signed-in user',
    tag: 'Accounts',
    access: 'user',
    success: { status: 200, schema: PublicUserSchema, description: 'Who is asking' },
    handler: async ({ user }) => ({ body: user }),
  }),
  defineRoute({
    method: 'GET',
    path: '/tokens',
    summary: 'List my personal access tokens',
    tag: 'Access tokens',
    access: 'user',
    success: { status: 200, schema: z.object({ tokens: z.array(TokenSummary) }), description: 'Live tokens, newest first' },
    handler: async ({ db, user }) => ({ body: { tokens: await listTokens(db, user.id) } }),
  }),
  defineRoute({
    method: 'POST',
    path: '/tokens',
    summary: 'Create a personal access token (needs a browser session)',
    tag: 'Access tokens',
    access: 'session',
    body: z.object({
      name: z.string().trim().min(1, 'Name the token').max(80),
      expiresInDays: z.number().int().min(1).max(365).nullable().default(90),
    }),
    success: {
      status: 201,
      schema: TokenSummary.extend({ token: z.string() }),
      description: 'The token; its secret is shown this once',
    },
    handler: async ({ db, user, body }) => ({
      status: 201,
      body: await createToken(db, user.id, body.name, body.expiresInDays),
    }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/tokens/{tokenId}',
    summary: 'Revoke a personal access token',
    tag: 'Access tokens',
    access: 'user',
    params: z.object({ tokenId: Id }),
    success: { status: 204, description: 'Revoked' },
    handler: async ({ db, user, params }) => {
      await revokeToken(db, user.id, params.tokenId);
      return { status: 204 };
    },
  }),
];
