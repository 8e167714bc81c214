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
  /** Sent as JSON (the content type may be a JSON type of its own, set in `headers`). */
  body?: unknown;
  headers?: Record<string, string>;
}

type Schema = z.ZodType;
type Out<S> = S extends Schema ? z.output<S> : undefined;
/** A route that takes a form too gets either body: the schemas shape both alike. */
type BodyOut<B, F> = F extends Schema ? Out<B> | Out<F> : Out<B>;

/** Largest request body a route reads unless it says otherwise. */
export const defaultMaxBodyBytes = 1024 * 1024;

export interface RouteSpec<
  A extends Access,
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
  F extends Schema | undefined,
> {
  method: Method;
  /** OpenAPI-style path under /api/v1, e.g. `/groups/{groupId}`. */
  path: string;
  summary: string;
  tag: string;
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /**
   * Also accept multipart/form-data: its fields (text as strings, files as File) are checked by
   * this schema, which may read files (async transforms).
   */
  form?: F;
  /** Larger bodies are refused with 413; default `defaultMaxBodyBytes`. */
  maxBodyBytes?: number;
  /** Documented success status and body; `contentType` when the body is not plain `application/json`. */
  success: { status: number; schema?: Schema; description: string; contentType?: string };
  handler(input: HandlerInput<A, Out<P>, Out<Q>, BodyOut<B, F>>): Promise<Reply>;
}

export type Route = RouteSpec<Access, Schema | undefined, Schema | undefined, Schema | undefined, Schema | undefined>;

export function defineRoute<
  A extends Access,
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  F extends Schema | undefined = undefined,
>(spec: RouteSpec<A, P, Q, B, F>): Route {
  return spec as unknown as Route;
}
