import { describe, expect, it } from 'vitest';
import { readEnv } from './env.ts';

describe('readEnv', () => {
  it('defaults to port 3000, PGlite in ./.cohort and no OAuth providers', () => {
    const env = readEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.AUTH_GITHUB_ID).toBeUndefined();
    expect(env.dataDir).toMatch(/\.cohort$/);
  });

  it('names the variable and the value at fault', () => {
    expect(() => readEnv({ PORT: 'abc' })).toThrow('expected PORT to be a port number (0 to 65535), got "abc"');
    expect(() => readEnv({ PORT: '70000' })).toThrow(/expected PORT to be a port number/);
    expect(() => readEnv({ TRUST_PROXY: 'yes' })).toThrow('expected TRUST_PROXY to be 1, true, 0 or false, got "yes"');
  });

  it('never echoes secrets or connection URLs in its messages', () => {
    const attempt = () => readEnv({ AUTH_SECRET: 'short-secret', DATABASE_URL: 'mysql://user:hunter2@db/x' });
    expect(attempt).toThrow(/expected AUTH_SECRET to be at least 32 characters/);
    expect(attempt).toThrow(/expected DATABASE_URL to be a postgres:\/\/ connection URL/);
    expect(attempt).not.toThrow(/hunter2|short-secret/);
  });

  it('takes the public origin as scheme, host and port only', () => {
    expect(readEnv({ COHORT_PUBLIC_ORIGIN: 'https://cohort.example' }).COHORT_PUBLIC_ORIGIN).toBe('https://cohort.example');
    expect(() => readEnv({ COHORT_PUBLIC_ORIGIN: 'https://cohort.example/' })).toThrow(
      'expected COHORT_PUBLIC_ORIGIN to be an origin: scheme, host and optional port, e.g. https://cohort.example, got "https://cohort.example/"',
    );
  });

  it('wants an OAuth client id and secret together', () => {
    expect(() => readEnv({ AUTH_GITHUB_ID: 'abc' })).toThrow('expected AUTH_GITHUB_SECRET to be set as well, since AUTH_GITHUB_ID is');
    expect(readEnv({ AUTH_GOOGLE_ID: 'id', AUTH_GOOGLE_SECRET: 'secret' }).AUTH_GOOGLE_ID).toBe('id');
  });

  it('takes the automatic version interval in minutes, fractions too, from just above zero to a day', () => {
    expect(readEnv({}).COHORT_AUTO_VERSION_MINUTES).toBe(10);
    expect(readEnv({ COHORT_AUTO_VERSION_MINUTES: '0.5' }).COHORT_AUTO_VERSION_MINUTES).toBe(0.5);
    for (const bad of ['0', '-1', 'ten', '1441']) {
      expect(() => readEnv({ COHORT_AUTO_VERSION_MINUTES: bad })).toThrow(
        `expected COHORT_AUTO_VERSION_MINUTES to be a positive number of minutes, e.g. 10 or 0.5, got "${bad}"`,
      );
    }
  });

  it('treats empty variables as unset', () => {
    const env = readEnv({ PORT: '', DATABASE_URL: '' });
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('embeds a kernel worker unless COHORT_LOCAL_WORKER is off, with the worker\'s own settings, and gives its kernels PATH and GPU variables only', () => {
    const env = readEnv({ PATH: '/usr/bin', VK_ICD_FILENAMES: '/icd.json', AUTH_SECRET: 'x'.repeat(32) });
    expect(env).toMatchObject({ COHORT_LOCAL_WORKER: true, COHORT_WORKER_CAPACITY: 4, COHORT_KERNEL_MEMORY_MB: 4096, COHORT_KERNEL_IDLE_MINUTES: 30, COHORT_WORKER_LIVENESS_SECONDS: 15 });
    expect(env.kernelEnv).toEqual({ PATH: '/usr/bin', VK_ICD_FILENAMES: '/icd.json' });
    expect(readEnv({ COHORT_LOCAL_WORKER: '0', COHORT_WORKER_CAPACITY: '2' })).toMatchObject({ COHORT_LOCAL_WORKER: false, COHORT_WORKER_CAPACITY: 2 });
    expect(() => readEnv({ COHORT_WORKER_CAPACITY: 'many' })).toThrow('expected COHORT_WORKER_CAPACITY to be a positive number of kernels, e.g. 4, got "many"');
    expect(() => readEnv({ COHORT_WORKER_LIVENESS_SECONDS: '0' })).toThrow('expected COHORT_WORKER_LIVENESS_SECONDS to be a number of seconds, e.g. 15, got "0"');
  });
});
