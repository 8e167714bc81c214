import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freshPostgresDatabase } from '@cohort/db/testing';

const repoRoot = resolve(import.meta.dirname, '../..');

export interface CohortProcess {
  url: string;
  /** The server Postgres database it runs on; null on PGlite, which lives inside the process. */
  databaseUrl: string | null;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM, then wait for exit; keeps the database and data folder for a restart. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash: no shutdown code runs. Keeps the database and data folder for a restart. */
  kill(): Promise<void>;
  /** Starts the process again on the same database and data folder (a new port). */
  restart(): Promise<CohortProcess>;
  /** Stops the process and removes its database and data folder. */
  dispose(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
}

/**
 * Starts `npm start`'s server (apps/server) as a real process on a random port, with its own
 * data folder, on PGlite, or on a fresh database of the server Postgres when DATABASE_URL is set.
 * The web build must exist (the test suites' global setup builds it).
 */
export async function startCohort(options: StartOptions = {}): Promise<CohortProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cohort-test-'));
  const database = process.env.DATABASE_URL ? await freshPostgresDatabase(process.env.DATABASE_URL) : null;
  const env: Record<string, string> = {
    PORT: '0',
    COHORT_DATA_DIR: dataDir,
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  };
  const cleanup = async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return launch(env, cleanup);
}

async function launch(env: Record<string, string>, cleanup: () => Promise<void>): Promise<CohortProcess> {
  const { DATABASE_URL: _inherited, ...parentEnv } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: { ...parentEnv, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolvePromise, reject) => {
    const onData = () => {
      const match = /Cohort is running at (http:\/\/\S+)/.exec(output);
      if (match) resolvePromise(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`Cohort exited with ${signal ?? code} before it was ready:\n${output}`)));
  });
  const stop = () => stopProcess(child, 'SIGTERM');
  return {
    url,
    databaseUrl: env.DATABASE_URL ?? null,
    output: () => output,
    stop,
    kill: () => stopProcess(child, 'SIGKILL'),
    restart: async () => {
      await stop();
      return launch(env, cleanup);
    },
    dispose: async () => {
      await stop();
      await cleanup();
    },
  };
}

function stopProcess(child: ChildProcess, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    child.once('exit', () => resolvePromise());
    child.kill(signal);
  });
}
