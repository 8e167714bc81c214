import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, newUserDetails, signedInUser } from '../support/api-client.ts';
import { startCohort, type CohortProcess } from '../support/cohort.ts';

let cohort: CohortProcess;
beforeAll(async () => {
  cohort = await startCohort();
});
afterAll(async () => {
  await cohort?.dispose();
});

describe('sign-up', () => {
  it('creates an account that can sign in, and /me names it', async () => {
    const { client, user } = await signedInUser(cohort.url);
    const me = await client.get('/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: user.id, handle: user.handle, name: user.name, email: user.email });
  });

  it('refuses a duplicate e-mail and a duplicate handle, naming the field', async () => {
    const anonymous = new ApiClient(cohort.url);
    const first = newUserDetails('Ana');
    expect((await anonymous.post('/users', first)).status).toBe(201);

    const sameEmail = await anonymous.post('/users', { ...newUserDetails('Ana'), email: first.email.toUpperCase() });
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.body.error).toMatchObject({ field: 'email', message: expect.stringMatching(/already exists/) });

    const sameHandle = await anonymous.post('/users', { ...newUserDetails('Ana'), handle: `@${first.handle}` });
    expect(sameHandle.status).toBe(409);
    expect(sameHandle.body.error).toMatchObject({ field: 'handle', message: expect.stringMatching(/taken/) });
  });

  it.each([
    ['short', /at least 10 characters/],
    ['password123', /too common/],
    ['aaaaaaaaaaaaaa', /variety/],
  ])('refuses the weak password %j with a reason', async (password, reason) => {
    const response = await new ApiClient(cohort.url).post('/users', { ...newUserDetails(), password });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('password');
    expect(response.body.error.message).toMatch(reason);
  });

  it('refuses a bad e-mail and a bad handle with 400 naming the field', async () => {
    const client = new ApiClient(cohort.url);
    const badEmail = await client.post('/users', { ...newUserDetails(), email: 'not-an-email' });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.error.field).toBe('email');
    const badHandle = await client.post('/users', { ...newUserDetails(), handle: 'has spaces' });
    expect(badHandle.body.error.field).toBe('handle');
    const reserved = await client.post('/users', { ...newUserDetails(), handle: 'settings' });
    expect(reserved.status).toBe(409);
    expect(reserved.body.error.field).toBe('handle');
  });
});

describe('sign-in and sessions', () => {
  it('refuses a wrong password with the "invalid" code and no session', async () => {
    const { user } = await signedInUser(cohort.url);
    const other = new ApiClient(cohort.url);
    expect(await other.signIn(user.email, 'wrong password entirely')).toEqual({ ok: false, code: 'invalid' });
    expect((await other.get('/me')).status).toBe(401);
  });

  it('rate-limits repeated failures for one e-mail, even against the right password', async () => {
    const { user } = await signedInUser(cohort.url);
    const attacker = new ApiClient(cohort.url);
    for (let i = 0; i < 5; i++) expect((await attacker.signIn(user.email, `guess number ${i}`)).code).toBe('invalid');
    expect(await attacker.signIn(user.email, user.password)).toEqual({ ok: false, code: 'rate_limited' });
    // Another account is unaffected.
    const { user: someoneElse } = await signedInUser(cohort.url, 'Ben');
    expect((await new ApiClient(cohort.url).signIn(someoneElse.email, someoneElse.password)).ok).toBe(true);
  });

  it('signing out ends the session on the server, even for a copy of the cookie', async () => {
    const { client } = await signedInUser(cohort.url);
    const cookieCopy = new ApiClient(cohort.url);
    const cookie = (client as unknown as { cookies: Map<string, string> }).cookies;
    for (const [name, value] of cookie) (cookieCopy as unknown as { cookies: Map<string, string> }).cookies.set(name, value);
    expect((await cookieCopy.get('/me')).status).toBe(200);
    await client.signOut();
    expect((await client.get('/me')).status).toBe(401);
    expect((await cookieCopy.get('/me')).status).toBe(401);
  });
});

describe('personal access tokens', () => {
  it('are created with a session, used as Bearer, listed without the secret, and revoked', async () => {
    const { client, user } = await signedInUser(cohort.url);
    const created = await client.post('/tokens', { name: 'laptop script' });
    expect(created.status).toBe(201);
    const { token, id } = created.body;
    expect(token).toMatch(/^coh_/);

    const script = new ApiClient(cohort.url).withToken(token);
    expect((await script.get('/me')).body.id).toBe(user.id);

    const listed = await client.get('/tokens');
    expect(listed.body.tokens).toEqual([expect.objectContaining({ id, name: 'laptop script', prefix: token.slice(0, 10) })]);
    expect(JSON.stringify(listed.body)).not.toContain(token);

    // A token cannot mint more tokens.
    expect((await script.post('/tokens', { name: 'again' })).status).toBe(403);

    expect((await client.delete(`/tokens/${id}`)).status).toBe(204);
    const refused = await script.get('/me');
    expect(refused.status).toBe(401);
    expect((await client.get('/tokens')).body.tokens).toEqual([]);
  });

  it('answers 401 with a clear message for a malformed or unknown token', async () => {
    const unknown = await new ApiClient(cohort.url).withToken('coh_nope').get('/me');
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toMatch(/unknown, expired or revoked/);
    const malformed = await new ApiClient(cohort.url).request('GET', '/me', undefined, { authorization: 'Basic abc' });
    expect(malformed.status).toBe(401);
  });
});

describe('cross-site requests', () => {
  it('refuses a cookie-authenticated state change from another origin or without an Origin', async () => {
    const { client } = await signedInUser(cohort.url);
    const evil = await client.request('POST', '/tokens', { name: 'x' }, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.body.error.code).toBe('cross_site');
    const crossSite = await client.request('POST', '/tokens', { name: 'x' }, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect((await client.get('/tokens')).body.tokens).toEqual([]);
  });
});

describe('restart', () => {
  it('keeps sessions and accounts across a server restart', async () => {
    const { client, user } = await signedInUser(cohort.url);
    cohort = await cohort.restart();
    const sameCookies = Object.assign(new ApiClient(cohort.url), {});
    (sameCookies as unknown as { cookies: Map<string, string> }).cookies = (client as unknown as { cookies: Map<string, string> }).cookies;
    const me = await sameCookies.get('/me');
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(user.id);
  });
});
