import type { Db } from '@cohort/db';
import { createAuth } from './auth.ts';
import { createAutoVersions } from './auto-versions.ts';
import { createAwarenessIdentity } from './awareness.ts';
import { createDocumentStore, type Seed } from './document-store.ts';
import type { SyncExtension } from './extension.ts';
import { createLocalFanOut, type FanOut } from './fan-out.ts';
import { createNotebookDocuments, type NotebookDocuments } from './notebook-documents.ts';
import { createPersistence } from './persistence.ts';
import { createRoles } from './roles.ts';
import { createSessionHost, type RemoteKernels, type SessionHostOptions } from './session-host.ts';
import { createSyncCore, type SyncCore } from './sync-core.ts';

export interface SyncServerOptions {
  db: Db;
  /** The web app's auth secret: sync tokens are signed with a key derived from it. */
  authSecret: string;
  /** Origins whose pages may open sockets (a request without Origin is not a browser's). */
  allowedOrigins: string[];
  seed: Seed;
  /** Shared with other sync servers holding the same documents; in-process by default. */
  fanOut?: FanOut;
  maxFrameBytes?: number;
  preAuthMaxMessages?: number;
  preAuthMaxBytes?: number;
  idleUnloadMs?: number;
  roleCheckIntervalMs?: number;
  compactAfterUpdates?: number;
  pingIntervalMs?: number;
  /** How long after a notebook's latest version, at the earliest, activity stores an automatic one. */
  autoVersionIntervalMs?: number;
  /** Remote kernels' session host (SYNC-RUN-*): timings, mostly for tests. */
  sessions?: Pick<SessionHostOptions, 'livenessMs' | 'deadWorkerCheckMs' | 'writeDelayMs' | 'reconnectMs'>;
  /** More hooks, run after the built-in ones. */
  extensions?: SyncExtension[];
  log?(message: string, error?: unknown): void;
}

export interface SyncServer extends SyncCore {
  /** Reading and changing notebook documents, for the web app's history and import/export. */
  notebookDocuments: NotebookDocuments;
  /** Interrupting and restarting notebooks' remote kernels, for the web app's kernel routes. */
  kernels: RemoteKernels;
}

/** Limits and intervals a sync server uses unless told otherwise (documented in SPEC.md). */
export const syncDefaults = {
  maxFrameBytes: 16 * 1024 * 1024,
  preAuthMaxMessages: 64,
  preAuthMaxBytes: 1024 * 1024,
  idleUnloadMs: 30_000,
  roleCheckIntervalMs: 2_000,
  compactAfterUpdates: 500,
  pingIntervalMs: 30_000,
  autoVersionIntervalMs: 10 * 60_000,
} as const;

/**
 * The sync server: the protocol core with auth, roles, write-ahead persistence, awareness
 * identity, automatic versions and the session host of remote kernels, and the documents and
 * kernels services built on them.
 */
export function createSyncServer(options: SyncServerOptions): SyncServer {
  const setting = <K extends keyof typeof syncDefaults>(key: K): number => options[key] ?? syncDefaults[key];
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[sync] ${message}`, error ?? ''));
  const store = createDocumentStore({ db: options.db, seed: options.seed });
  // The session host writes through the core, which takes the host's hooks: it reaches the core late.
  const sessions = createSessionHost({ db: options.db, authSecret: options.authSecret, change: (notebookId, compute) => core.change(notebookId, compute), log, ...options.sessions });
  const core: SyncCore = createSyncCore({
    extensions: [
      createAuth({ authSecret: options.authSecret, allowedOrigins: options.allowedOrigins }),
      createRoles({ db: options.db, intervalMs: setting('roleCheckIntervalMs'), log }),
      createPersistence({ store, compactAfterUpdates: setting('compactAfterUpdates'), log }),
      createAwarenessIdentity(),
      createAutoVersions({ db: options.db, intervalMs: setting('autoVersionIntervalMs'), log }),
      sessions.extension,
      ...(options.extensions ?? []),
    ],
    fanOut: options.fanOut ?? createLocalFanOut(),
    maxFrameBytes: setting('maxFrameBytes'),
    preAuthMaxMessages: setting('preAuthMaxMessages'),
    preAuthMaxBytes: setting('preAuthMaxBytes'),
    idleUnloadMs: setting('idleUnloadMs'),
    pingIntervalMs: setting('pingIntervalMs'),
    log,
  });
  return {
    ...core,
    notebookDocuments: createNotebookDocuments({ core, store }),
    kernels: { interrupt: sessions.interrupt, restart: sessions.restart },
    async close() {
      // Sessions first: what they hold is written while the documents are still open.
      await sessions.close();
      await core.close();
    },
  };
}
