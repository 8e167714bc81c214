import { describe, expect, it } from 'vitest';
import { readSyncEnv } from './env.ts';

const valid = {
  DATABASE_URL: 'postgres://cohort@db/cohort',
  AUTH_SECRET: 'x'.repeat(32),
  ALLOWED_ORIGINS: 'https://cohort.example, http://localhost:3000',
};

describe('readSyncEnv', () => {
  it('reads the database, the secret and the allowed origins, and defaults to port 3001', () => {
    expect(readSyncEnv(valid)).toEqual({
      ...valid,
      PORT: 3001,
      HOST: '0.0.0.0',
      ALLOWED_ORIGINS: ['https://cohort.example', 'http://localhost:3000'],
      COHORT_AUTO_VERSION_MINUTES: 10,
      COHORT_WORKER_LIVENESS_SECONDS: 15,
    });
  });

  it('wants a Postgres URL, since a separate process cannot share the embedded PGlite', () => {
    expect(() => readSyncEnv({ ...valid, DATABASE_URL: undefined })).toThrow('expected DATABASE_URL to be set to a postgres:// connection URL');
  });

  it('names the variable and the value at fault, never echoing secrets or connection URLs', () => {
    expect(() => readSyncEnv({ ...valid, PORT: 'abc' })).toThrow('expected PORT to be a port number (0 to 65535), got "abc"');
    expect(() => readSyncEnv({ ...valid, ALLOWED_ORIGINS: 'cohort.example' })).toThrow(/expected ALLOWED_ORIGINS to be a comma-separated list of origins.*got "cohort.example"/);
    expect(() => readSyncEnv({ ...valid, ALLOWED_ORIGINS: 'https://cohort.example/app' })).toThrow(/ALLOWED_ORIGINS/);
    const attempt = () => readSyncEnv({ ...valid, AUTH_SECRET: 'short-secret', DATABASE_URL: 'mysql://user:hunter2@db/x' });
    expect(attempt).toThrow(/expected AUTH_SECRET to be at least 32 characters/);
    expect(attempt).not.toThrow(/hunter2|short-secret/);
  });
});
