import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { within } from '@cohort/sync/testing';
import type { BenchDatabase } from './database.ts';
import type { ServerStats, StatsReply, StatsRequest } from './probe.ts';

export const benchSecret = 'the sync benchmark signs its tokens with this secret';
export const benchOrigin = 'http://bench.cohort.test';

/** Cohort's sync server (persistence on), or the stock @y/websocket-server as shipped. */
export type ServerKind = 'cohort' | 'stock';
export const serverKinds: readonly ServerKind[] = ['cohort', 'stock'];

export type { ServerStats };

export interface RunningServer {
  kind: ServerKind;
  /** `ws://127.0.0.1:<port>/sync`; a notebook's socket is `${url}/${notebookId}`. */
  url: string;
  stats(options?: { gc?: boolean }): Promise<ServerStats>;
  /** SIGTERM (ours stores, compacts and closes its database), then waits for the exit. */
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

function stockServerEntry(): string {
  const manifest = createRequire(import.meta.url).resolve('@y/websocket-server/package.json');
  return join(dirname(manifest), 'src/server.js');
}

/** Versions of the stock server and of the `ws` it resolves (its own, not ours). */
export function stockServerVersions(): { server: string; ws: string } {
  const fromStock = createRequire(stockServerEntry());
  const version = (manifest: string) => (fromStock(manifest) as { version: string }).version;
  return { server: version('../package.json'), ws: version('ws/package.json') };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Starts a server under test in a process of its own, so that its CPU time and memory are its
 * own and the clients do not share its event loop. Both run with the same Node flags: tsx, the
 * stats probe and --expose-gc.
 */
export async function startServer(kind: ServerKind, database: BenchDatabase, cpuProfileDir?: string): Promise<RunningServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    // The stock server cannot report a port it picked itself.
    PORT: String(kind === 'stock' ? await freePort() : 0),
    BENCH_DB_DRIVER: database.driver,
    BENCH_DB_LOCATION: database.location,
    BENCH_AUTH_SECRET: benchSecret,
    BENCH_ORIGIN: benchOrigin,
  };
  // The stock server as shipped: no LevelDB persistence, no HTTP callback.
  delete env.YPERSISTENCE;
  delete env.CALLBACK_URL;
  const child = fork(kind === 'stock' ? stockServerEntry() : join(import.meta.dirname, 'our-server.ts'), [], {
    execArgv: [
      '--import',
      'tsx',
      '--expose-gc',
      '--import',
      pathToFileURL(join(import.meta.dirname, 'probe.ts')).href,
      // Written when the process exits; the stock server dies of SIGTERM, so only ours writes one.
      ...(cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfileDir] : []),
    ],
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => children.delete(child));

  const lastErrors: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    if (lastErrors.push(line) > 20) lastErrors.shift();
    process.stderr.write(`[${kind} server] ${line}\n`);
  });
  const port = new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /on port (\d+)/.exec(line);
      if (match) resolve(Number(match[1]));
    });
    void exited.then(() => reject(new Error(`the ${kind} server exited during start-up:\n${lastErrors.join('\n')}`)));
  });
  const url = `ws://127.0.0.1:${await within(60_000, `${kind} server start`, port)}/sync`;

  let nextId = 0;
  const pending = new Map<number, (stats: ServerStats) => void>();
  child.on('message', (message: StatsReply) => pending.get(message.id)?.(message.stats));

  return {
    kind,
    url,
    stats({ gc = false } = {}) {
      const id = nextId++;
      const reply = new Promise<ServerStats>((resolve) => {
        pending.set(id, (stats) => {
          pending.delete(id);
          resolve(stats);
        });
      });
      child.send({ type: 'bench-stats', id, gc } satisfies StatsRequest);
      return within(30_000, `${kind} server stats`, reply);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      try {
        await within(30_000, `${kind} server stop`, exited);
      } catch (error) {
        child.kill('SIGKILL');
        throw error;
      }
    },
  };
}
