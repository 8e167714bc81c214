import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import next from 'next';
import { createDatabase, migrate, readMigrations, type Database } from '@cohort/db';
import { purgeDeletedNotebooks, trashDays } from '@cohort/web/notebooks';
import { clientAddressHeader } from '@cohort/web/request';
import { setServerContext } from '@cohort/web/server-context';
import type { Env } from './env.ts';
import { migrationsDir, repoRoot, webDir } from './paths.ts';
import { ensureWebBuild } from './web-build.ts';

export interface RunningServer {
  url: string;
  port: number;
  dbDriver: Database['driver'];
  close(): Promise<void>;
}

const purgeIntervalMs = 6 * 60 * 60 * 1000;

const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

export async function openDatabase(env: Env): Promise<Database> {
  const database = env.DATABASE_URL
    ? await createDatabase({ driver: 'postgres', url: env.DATABASE_URL })
    : await createDatabase({ driver: 'pglite', dataDir: join(env.dataDir, 'pgdata') });
  const applied = await migrate(database, readMigrations(migrationsDir));
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  return database;
}

/** Deletes for good the notebooks whose time in the trash is up; a failure waits for the next round. */
async function purgeTrash(database: Database): Promise<void> {
  try {
    const purged = await purgeDeletedNotebooks(database.db);
    if (purged) console.log(`Purged ${purged} notebook(s) deleted more than ${trashDays} days ago`);
  } catch (error) {
    console.error('Purging deleted notebooks failed:', error);
  }
}

/** AUTH_SECRET, or one generated once and kept in the data folder so sessions survive restarts. */
function authSecret(env: Env): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const file = join(env.dataDir, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(env.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(33).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return readFileSync(file, 'utf8').trim();
}

export async function createServer(env: Env): Promise<RunningServer> {
  const database = await openDatabase(env);
  setServerContext({
    db: database.db,
    dbDriver: database.driver,
    version,
    authSecret: authSecret(env),
    trustProxy: env.TRUST_PROXY,
    oauth: {
      github: env.AUTH_GITHUB_ID ? { clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET! } : undefined,
      google: env.AUTH_GOOGLE_ID ? { clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET! } : undefined,
    },
  });
  if (!env.COHORT_DEV) await ensureWebBuild();
  await purgeTrash(database);
  const purgeTimer = setInterval(() => void purgeTrash(database), purgeIntervalMs).unref();

  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  const port = (server.address() as AddressInfo).port;
  const web = next({ dev: env.COHORT_DEV, dir: webDir, port, hostname: 'localhost' });
  await web.prepare();
  const handle = web.getRequestHandler();
  server.on('request', (req, res) => {
    // The web app rate-limits sign-ins per client; only this process knows the socket's address.
    req.headers[clientAddressHeader] = req.socket.remoteAddress ?? 'unknown';
    void handle(req, res);
  });

  return {
    url: `http://localhost:${port}`,
    port,
    dbDriver: database.driver,
    async close() {
      clearInterval(purgeTimer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await web.close();
      await database.close();
    },
  };
}
