import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { startCohort, type CohortProcess } from '../support/cohort.ts';

const repoRoot = resolve(import.meta.dirname, '../..');

describe('npm start', () => {
  let cohort: CohortProcess;
  beforeAll(async () => {
    cohort = await startCohort();
  });
  afterAll(async () => {
    await cohort?.dispose();
  });

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
