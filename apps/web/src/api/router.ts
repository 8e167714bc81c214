import { z } from 'zod';
import { sessionAccount } from '../server/auth.ts';
import { serverContext } from '../server/context.ts';
import { ApiError } from '../server/errors.ts';
import { originFromHeaders } from '../server/request.ts';
import { userForToken } from '../server/tokens.ts';
import { defaultMaxBodyBytes, type Caller, type Method, type Route } from './define.ts';
import { routes } from './registry.ts';

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  paramNames: string[];
}

// Literal segments win over parameters: `/notebooks/import` before `/notebooks/{notebookId}`.
const compiled: CompiledRoute[] = routes
  .map((route) => {
    const paramNames: string[] = [];
    const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      paramNames.push(name);
      return '([^/]+)';
    });
    return { route, pattern: new RegExp(`^${source}$`), paramNames };
  })
  .sort((a, b) => a.paramNames.length - b.paramNames.length);

const unsafeMethods = new Set<Method>(['POST', 'PUT', 'PATCH', 'DELETE']);

export function errorResponse(error: ApiError): Response {
  return Response.json(
    {
      error: {
        code: error.code,
        message: error.message,
        ...(error.field ? { field: error.field } : {}),
        ...(error.details ? { details: error.details } : {}),
      },
    },
    { status: error.status },
  );
}

/** Answers a request to `/api/v1/<path>`. */
export async function dispatch(request: Request, path: string): Promise<Response> {
  try {
    return await handle(request, path);
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    console.error(`[api] ${request.method} /api/v1${path} failed:`, error);
    return errorResponse(new ApiError(500, 'internal', 'Something went wrong on our side; try again.'));
  }
}

async function handle(request: Request, path: string): Promise<Response> {
  const method = request.method as Method;
  const matches = compiled
    .map((c) => ({ c, match: c.pattern.exec(path) }))
    .filter((m): m is { c: CompiledRoute; match: RegExpExecArray } => m.match !== null);
  if (!matches.length) throw new ApiError(404, 'not_found', `No API route ${path}`);
  const found = matches.find((m) => m.c.route.method === method);
  if (!found) {
    const allow = [...new Set(matches.map((m) => m.c.route.method))].join(', ');
    return new Response(null, { status: 405, headers: { allow } });
  }
  const { route, paramNames } = found.c;
  const { db, trustProxy } = serverContext();

  const caller = await identify(request, unsafeMethods.has(method), trustProxy);
  if (route.access !== 'public' && !caller.user) {
    throw new ApiError(401, 'unauthenticated', 'Sign in, or send a personal access token as "Authorization: Bearer <token>".');
  }
  if (route.access === 'session' && caller.via !== 'session') {
    throw new ApiError(403, 'session_required', 'This action needs a signed-in browser session, not an access token.');
  }

  const rawParams = Object.fromEntries(paramNames.map((name, i) => [name, decodeURIComponent(found.match[i + 1]!)]));
  // A malformed id names nothing that exists: answer as for an unknown id.
  const params = route.params ? route.params.safeParse(rawParams) : { success: true as const, data: undefined };
  if (!params.success) throw new ApiError(404, 'not_found', 'Not found');
  const url = new URL(request.url);
  const query = route.query ? await parse(route.query, Object.fromEntries(url.searchParams), 'query') : undefined;
  const body = route.body ? await readBody(request, route) : undefined;

  const reply = await route.handler({
    ...caller,
    db,
    params: params.data,
    query,
    body,
    request,
    origin: requestOrigin(request, trustProxy),
  } as Parameters<Route['handler']>[0]);
  const status = reply.status ?? 200;
  return reply.body === undefined ? new Response(null, { status, headers: reply.headers }) : Response.json(reply.body, { status, headers: reply.headers });
}

async function identify(request: Request, unsafe: boolean, trustProxy: boolean): Promise<Caller<'public'>> {
  const authorization = request.headers.get('authorization');
  if (authorization) {
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!bearer) throw new ApiError(401, 'unauthenticated', 'The Authorization header must read "Bearer <token>".');
    const user = await userForToken(serverContext().db, bearer[1]!);
    if (!user) throw new ApiError(401, 'unauthenticated', 'This access token is unknown, expired or revoked.');
    return { user, via: 'token' };
  }
  const user = await sessionAccount();
  if (!user) return { user: null, via: null };
  // Cookies travel with cross-site requests; a state change must come from our own pages.
  if (unsafe && !isSameOrigin(request, trustProxy)) {
    throw new ApiError(403, 'cross_site', 'Cross-site request refused: send it from Cohort itself, or use an access token.');
  }
  return { user, via: 'session' };
}

function isSameOrigin(request: Request, trustProxy: boolean): boolean {
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin') return false;
  const origin = request.headers.get('origin');
  return origin !== null && origin === requestOrigin(request, trustProxy);
}

function requestOrigin(request: Request, trustProxy: boolean): string {
  return originFromHeaders(request.headers, trustProxy, new URL(request.url).protocol);
}

/** The JSON body, or the form for a route that takes one and got multipart/form-data, checked by its schema. */
async function readBody(request: Request, route: Route): Promise<unknown> {
  const bytes = await readCapped(request, route.maxBodyBytes ?? defaultMaxBodyBytes);
  const contentType = request.headers.get('content-type') ?? '';
  if (route.form && /^multipart\/form-data\b/i.test(contentType)) {
    const form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData().catch(() => {
      throw new ApiError(400, 'invalid_form', 'The request body is not a well-formed multipart/form-data form.');
    });
    return parse(route.form, Object.fromEntries(form), 'body');
  }
  const text = new TextDecoder().decode(bytes);
  let json: unknown = {};
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
    }
  }
  return parse(route.body!, json, 'body');
}

/** The request body, refused with 413 as soon as it is known to be over `limit` bytes. */
async function readCapped(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () => {
    const size = limit >= 1024 * 1024 ? `${limit / (1024 * 1024)} MiB` : `${limit} bytes`;
    return new ApiError(413, 'too_large', `Too large: this route accepts request bodies of up to ${size}.`);
  };
  if (Number(request.headers.get('content-length')) > limit) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function parse<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query'): Promise<z.output<S>> {
  const result = await schema.safeParseAsync(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  throw new ApiError(400, 'invalid_request', field ? `${field}: ${issue.message}` : `Invalid ${where}: ${issue.message}`, field || undefined);
}
