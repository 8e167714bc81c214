import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { startCohort, type CohortProcess } from '../support/cohort.ts';

const repoRoot = resolve(import.meta.dirname, '../..');

let cohort: CohortProcess;
beforeAll(async () => {
  cohort = await startCohort();
});
afterAll(async () => {
  await cohort?.dispose();
});

describe('npm start', () => {
  it('answers /api/health with the database driver and version', async () => {
    const health = await new ApiClient(cohort.url).get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({
      ok: true,
      db: process.env.DATABASE_URL ? 'postgres' : 'pglite',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  it('applies migrations on the first start and never again', async () => {
    expect(cohort.output()).toMatch(/Applied migrations: 0001_foundation\.sql/);
    cohort = await cohort.restart();
    expect(cohort.output()).not.toMatch(/Applied migrations/);
    expect((await new ApiClient(cohort.url).get('/api/health')).body.ok).toBe(true);
  });

  it('serves the OpenAPI 3.1 document of /api/v1', async () => {
    const doc = await new ApiClient(cohort.url).get('/api/v1/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(doc.body.paths['/users'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['email', 'password', 'handle', 'name']),
    );
  });
});

describe('OAuth providers', () => {
  it('offers GitHub and Google sign-in only when their client id and secret are set', async () => {
    const plain = await new ApiClient(cohort.url).get('/api/auth/providers');
    expect(Object.keys(plain.body)).toEqual(['credentials']);

    const withGitHub = await startCohort({
      env: {
        AUTH_GITHUB_ID: 'gh-client-id',
        AUTH_GITHUB_SECRET: 'gh-client-secret',
        AUTH_GOOGLE_ID: 'google-client-id',
        AUTH_GOOGLE_SECRET: 'google-client-secret',
      },
    });
    try {
      const client = new ApiClient(withGitHub.url);
      expect(Object.keys((await client.get('/api/auth/providers')).body).sort()).toEqual(['credentials', 'github', 'google']);
      // Starting the OAuth flow sends the browser to GitHub with our client id (nothing leaves this machine).
      const { csrfToken } = await (await client.raw('/api/auth/csrf')).json();
      const start = await client.raw('/api/auth/signin/github', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrfToken, callbackUrl: '/dashboard' }),
      });
      const location = new URL(start.headers.get('location')!);
      expect(location.origin + location.pathname).toBe('https://github.com/login/oauth/authorize');
      expect(location.searchParams.get('client_id')).toBe('gh-client-id');
      expect(location.searchParams.get('redirect_uri')).toBe(`${withGitHub.url}/api/auth/callback/github`);
    } finally {
      await withGitHub.dispose();
    }
  });
});

describe('start-up configuration', () => {
  it('stops with a message naming the variable when a value is bad', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, PORT: 'abc', DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('expected PORT to be a port number (0 to 65535), got "abc"');
  });
});
