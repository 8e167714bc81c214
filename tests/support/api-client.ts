import { randomBytes } from 'node:crypto';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A client of a running Cohort over real HTTP, with its own cookie jar: it signs in through
 * Auth.js exactly as a browser form does, or uses a personal access token.
 */
export class ApiClient {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly options: { token?: string; origin?: string | null } = {},
  ) {}

  withToken(token: string): ApiClient {
    return new ApiClient(this.baseUrl, { token });
  }

  /** The same session against another address: a restarted server listens on a new port. */
  at(baseUrl: string): ApiClient {
    const moved = new ApiClient(baseUrl, this.options);
    for (const [name, value] of this.cookies) moved.cookies.set(name, value);
    return moved;
  }

  /** A request to `/api/v1<path>` (or to `path` itself when it starts with /api/). Unsafe methods carry our Origin unless told otherwise. */
  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const url = path.startsWith('/api/') ? path : `/api/v1${path}`;
    const origin = this.options.origin === undefined ? this.baseUrl : this.options.origin;
    const response = await this.raw(url, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method !== 'GET' && origin ? { origin } : {}),
        ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {});
  patch = <T = any>(path: string, body: unknown) => this.request<T>('PATCH', path, body);
  put = <T = any>(path: string, body: unknown) => this.request<T>('PUT', path, body);
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);

  /** A fetch that sends and stores this client's cookies and never follows redirects. */
  async raw(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(new URL(path, this.baseUrl), { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  hasSessionCookie(): boolean {
    return [...this.cookies.keys()].some((name) => name.endsWith('authjs.session-token'));
  }

  /** Signs in with the credentials form of Auth.js; returns the error code Auth.js redirected with, if any. */
  async signIn(email: string, password: string): Promise<{ ok: boolean; code?: string }> {
    const csrf = await this.raw('/api/auth/csrf');
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await this.raw('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password, csrfToken, callbackUrl: '/dashboard' }),
    });
    const location = new URL(response.headers.get('location') ?? '/', this.baseUrl);
    const error = location.searchParams.get('error');
    if (!error) return { ok: this.hasSessionCookie() };
    return { ok: false, code: location.searchParams.get('code') ?? error };
  }

  async signOut(): Promise<void> {
    const csrf = await this.raw('/api/auth/csrf');
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    await this.raw('/api/auth/signout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, callbackUrl: '/' }),
    });
  }
}

export interface TestUser {
  id: string;
  email: string;
  handle: string;
  name: string;
  password: string;
}

let counter = 0;
/** Sign-up details unique within this process and across test files. */
export function newUserDetails(name = 'Ana'): Omit<TestUser, 'id'> {
  const suffix = `${randomBytes(3).toString('hex')}${counter++}`;
  const handle = `${name.toLowerCase()}-${suffix}`;
  return { email: `${handle}@example.com`, handle, name, password: `correct horse ${suffix} battery` };
}

/** Signs up a new user through the API and signs them in; returns their client and details. */
export async function signedInUser(baseUrl: string, name = 'Ana'): Promise<{ client: ApiClient; user: TestUser }> {
  const client = new ApiClient(baseUrl);
  const details = newUserDetails(name);
  const created = await client.post('/users', details);
  if (created.status !== 201) throw new Error(`sign-up failed: ${created.status} ${JSON.stringify(created.body)}`);
  const signedIn = await client.signIn(details.email, details.password);
  if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.code}`);
  return { client, user: { ...details, id: created.body.id } };
}
