import type { z } from 'zod';
import type { Db } from '@cohort/db';
import type { PublicUser } from '../server/accounts.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route: `public` anyone (the caller may still be signed in); `user` a signed-in
 * user, by session cookie or personal access token; `session` a session cookie only
 * (e.g. creating an access token must not be possible with another token).
 */
export type Access = 'public' | 'user' | 'session';

export interface Caller<A extends Access> {
  user: A extends 'public' ? PublicUser | null : PublicUser;
  via: 'session' | 'token' | null;
}

export interface HandlerInput<A extends Access, P, Q, B> extends Caller<A> {
  db: Db;
  params: P;
  query: Q;
  body: B;
  request: Request;
  /** The app's own origin as the client sees it, for links such as invite URLs. */
  origin: string;
}

export interface Reply {
  status?: number;
  body?: unknown;
}

type Schema = z.ZodType;
type Out<S> = S extends Schema ? z.output<S> : undefined;

export interface RouteSpec<A extends Access, P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined> {
  method: Method;
  /** OpenAPI-style path under /api/v1, e.g. `/groups/{groupId}`. */
  path: string;
  summary: string;
  tag: string;
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /** Documented success status and body. */
  success: { status: number; schema?: Schema; description: string };
  handler(input: HandlerInput<A, Out<P>, Out<Q>, Out<B>>): Promise<Reply>;
}

export type Route = RouteSpec<Access, Schema | undefined, Schema | undefined, Schema | undefined>;

export function defineRoute<
  A extends Access,
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(spec: RouteSpec<A, P, Q, B>): Route {
  return spec as unknown as Route;
}
