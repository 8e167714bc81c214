import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import next from 'next';
import { createDatabase, migrate, readMigrations, type Database } from '@cohort/db';
import { createSyncServer, notebookSeed } from '@cohort/sync';
import { createWorker, workerLimits, type KernelWorker } from '@cohort/worker';
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

/** The origins the app is served from, whose pages may open sync sockets. */
function appOrigins(env: Env, port: number): string[] {
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`, ...(env.COHORT_PUBLIC_ORIGIN ? [env.COHORT_PUBLIC_ORIGIN] : [])];
}

export async function createServer(env: Env): Promise<RunningServer> {
  const database = await openDatabase(env);
  const secret = authSecret(env);
  if (!env.COHORT_DEV) await ensureWebBuild();
  await purgeTrash(database);
  const purgeTimer = setInterval(() => void purgeTrash(database), purgeIntervalMs).unref();

  // Requests that arrive while Next.js prepares wait for it instead of hanging unanswered.
  let handle: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | undefined;
  let webReady!: () => void;
  const ready = new Promise<void>((resolve) => (webReady = resolve));
  const server = http.createServer(async (req, res) => {
    // The web app rate-limits sign-ins per client; only this process knows the socket's address.
    req.headers[clientAddressHeader] = req.socket.remoteAddress ?? 'unknown';
    await ready;
    void handle!(req, res);
  });
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  const port = (server.address() as AddressInfo).port;
  const sync = createSyncServer({
    db: database.db,
    authSecret: secret,
    allowedOrigins: appOrigins(env, port),
    seed: notebookSeed,
    autoVersionIntervalMs: env.COHORT_AUTO_VERSION_MINUTES * 60_000,
    sessions: { livenessMs: env.COHORT_WORKER_LIVENESS_SECONDS * 1000 },
  });
  // Starts while Next.js prepares (it runs a probe kernel); the app works without it, minus remote runs.
  const localWorker = env.COHORT_LOCAL_WORKER ? startLocalWorker(env, database, secret, port) : Promise.resolve(null);
  setServerContext({
    db: database.db,
    dbDriver: database.driver,
    version,
    authSecret: secret,
    trustProxy: env.TRUST_PROXY,
    userContentOrigin: env.COHORT_USER_CONTENT_ORIGIN ?? null,
    oauth: {
      github: env.AUTH_GITHUB_ID ? { clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET! } : undefined,
      google: env.AUTH_GOOGLE_ID ? { clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET! } : undefined,
    },
    documents: sync.notebookDocuments,
    kernels: sync.kernels,
  });
  // Next.js adds its own 'upgrade' listener (development reloading) to the server named here, on
  // its first request; a server of its own keeps it from seeing, and ending, /sync/ upgrades.
  const nextUpgrades = http.createServer();
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith('/sync/')) sync.handleUpgrade(req, socket, head);
    else if (req.url?.startsWith('/kernels/')) {
      void localWorker.then((worker) => {
        if (!worker?.handleUpgrade(req, socket, head)) socket.destroy();
      });
    } else if (nextUpgrades.listenerCount('upgrade')) nextUpgrades.emit('upgrade', req, socket, head);
    else socket.destroy();
  });
  const web = next({ dev: env.COHORT_DEV, dir: webDir, port, hostname: 'localhost', httpServer: nextUpgrades });
  await web.prepare();
  handle = web.getRequestHandler();
  webReady();
  await localWorker;

  return {
    url: `http://localhost:${port}`,
    port,
    dbDriver: database.driver,
    async close() {
      clearInterval(purgeTimer);
      // Sockets first: their pending updates are stored and their documents compacted before the database closes.
      await sync.close();
      await (await localWorker)?.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await web.close();
      await database.close();
    },
  };
}

/**
 * The kernel worker of `npm start`: kernel sockets on this server's port under /kernels/, on the
 * same database. Kernel tokens are signed with the app's secret, which only this process holds.
 */
async function startLocalWorker(env: Env, database: Database, authSecret: string, port: number): Promise<KernelWorker | null> {
  try {
    const worker = await createWorker({
      db: database.db,
      authSecret,
      url: `ws://127.0.0.1:${port}`,
      ...workerLimits(env),
      kernelEnv: env.kernelEnv,
    });
    console.log(`Local kernel worker ${worker.id} is running (backends: ${worker.backends.join(', ')}; device: ${worker.device}; capacity ${env.COHORT_WORKER_CAPACITY})`);
    return worker;
  } catch (error) {
    console.error('The local kernel worker could not start; remote runs need a worker (`npm run start:worker`):', error);
    return null;
  }
}
