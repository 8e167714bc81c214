/**
 * The session host (SYNC-RUN-*): remote runs from notebook documents to kernel workers and back.
 * A sync extension that watches the run queue of every document in memory; a notebook with
 * requests whose runtime is 'remote' gets a session (remote-session.ts) that runs them on a
 * kernel and writes the outputs into the document, with or without anyone connected. One place
 * per sync process asks the database for kernels whose worker stopped responding.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { inArray, markDeadWorkers, users, type Db } from '@cohort/db';
import type { BackendName } from '@cohort/kernel/protocol';
import { openNotebook, type Notebook, type Runtime } from '@cohort/notebook';
import type { DocumentHandle, SyncExtension } from './extension.ts';
import { createKernelWriter } from './kernel-writes.ts';
import { createRemoteSession, type RemoteSession } from './remote-session.ts';

/** What the web app may ask of a notebook's remote session (its kernel API routes). */
export interface RemoteKernels {
  /** Sends the kernel an interrupt_request. False: the notebook has no remote session in this process. */
  interrupt(notebookId: string): Promise<boolean>;
  /** Restarts the kernel (queued runs aborted, state cleared), on `backend` if given. False: no remote session here. */
  restart(notebookId: string, backend?: BackendName): Promise<boolean>;
}

export interface SessionHost extends RemoteKernels {
  extension: SyncExtension;
  /** Stops the sessions (kernels live on on their workers) after writing what they hold. */
  close(): Promise<void>;
}

export interface SessionHostOptions {
  db: Db;
  /** The app's auth secret: kernel tokens are signed with a key derived from it. */
  authSecret: string;
  /** The server's write-ahead change (SYNC-DOC-1); the host exists before the core does. */
  change(notebookId: string, compute: (state: Uint8Array) => Promise<Uint8Array | null>): Promise<boolean>;
  /** Worker liveness window (WORKER-SCHED-1); default 15 s. */
  livenessMs?: number;
  /** How often kernels of dead workers are looked for; default 5 s. */
  deadWorkerCheckMs?: number;
  /** How long kernel actions are gathered into one change; default 5 ms. */
  writeDelayMs?: number;
  /** Wait before reconnecting a dropped kernel socket; default 1 s. */
  reconnectMs?: number;
  log(message: string, error?: unknown): void;
}

export const sessionHostDefaults = { livenessMs: 15_000, deadWorkerCheckMs: 5_000, writeDelayMs: 5, reconnectMs: 1_000 } as const;

interface WatchedDocument {
  document: DocumentHandle;
  notebook: Notebook;
  runtime: Runtime;
  session: RemoteSession | null;
  unsubscribe(): void;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createSessionHost(options: SessionHostOptions): SessionHost {
  const { db, log } = options;
  const setting = <K extends keyof typeof sessionHostDefaults>(key: K): number => options[key] ?? sessionHostDefaults[key];
  const claimant = `remote-${randomUUID()}`;
  // Yjs client ids are unsigned 32-bit integers.
  const clientId = randomInt(1, 2 ** 32 - 1);
  const watched = new Map<string, WatchedDocument>();
  let closing = false;

  /** Names for run records; ids come from the document, so anything but a uuid is left out. */
  async function userNames(userIds: string[]): Promise<Map<string, string>> {
    const ids = userIds.filter((id) => uuid.test(id));
    if (!ids.length) return new Map();
    const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  function startSession(entry: WatchedDocument): RemoteSession {
    const notebookId = entry.document.notebookId;
    const session = createRemoteSession({
      document: entry.document,
      notebook: entry.notebook,
      db,
      authSecret: options.authSecret,
      claimant,
      createWriter: (onGone) =>
        createKernelWriter({ notebookId, change: options.change, claimant, clientId, userNames, delayMs: setting('writeDelayMs'), onGone, log }),
      livenessMs: setting('livenessMs'),
      reconnectMs: setting('reconnectMs'),
      onGone: () => {
        if (entry.session !== session) return;
        entry.session = null;
        void session.dispose({ clearState: false });
      },
      log,
    });
    entry.session = session;
    return session;
  }

  function onQueue(entry: WatchedDocument): void {
    if (!entry.session) {
      const remote = entry.notebook.runRequests().some((request) => request.runtime === 'remote' && (request.state === 'queued' || request.state === 'running'));
      if (!remote) return;
      startSession(entry);
    }
    entry.session!.queueChanged();
  }

  function onRuntime(entry: WatchedDocument): void {
    const runtime = entry.notebook.runtime;
    if (runtime === entry.runtime) return;
    entry.runtime = runtime;
    if (runtime === 'remote') return (entry.session ?? startSession(entry)).attachExisting();
    // Back to the browser: the kernel state goes once the remote runs are over (the kernel itself
    // lives on until its worker culls it as idle).
    if (entry.session && !entry.session.hasWork()) {
      void entry.session.dispose({ clearState: true });
      entry.session = null;
    }
  }

  function watch(document: DocumentHandle): void {
    let notebook: Notebook;
    try {
      notebook = openNotebook(document.doc);
    } catch (error) {
      return log(`notebook ${document.notebookId} cannot be read; its remote runs are not taken`, error);
    }
    const entry: WatchedDocument = { document, notebook, runtime: notebook.runtime, session: null, unsubscribe: () => {} };
    entry.unsubscribe = notebook.onChange((change) => {
      if (change.runQueue) onQueue(entry);
      if (change.meta) onRuntime(entry);
    });
    watched.set(document.notebookId, entry);
    if (notebook.runtime === 'remote') startSession(entry).attachExisting();
    onQueue(entry);
  }

  let checking: Promise<void> = Promise.resolve();
  const deadWorkerTimer = setInterval(() => {
    checking = checking.then(async () => {
      try {
        for (const dead of await markDeadWorkers(db, { livenessMs: setting('livenessMs') })) {
          watched.get(dead.notebookId)?.session?.kernelEnded(dead.kernelId, dead.reason);
        }
      } catch (error) {
        log('looking for kernels of dead workers failed', error);
      }
    });
  }, setting('deadWorkerCheckMs')).unref();

  const sessionOf = (notebookId: string) => (closing ? null : (watched.get(notebookId)?.session ?? null));

  return {
    extension: {
      afterLoadDocument: watch,
      holdsDocument: (notebookId) => watched.get(notebookId)?.session?.hasWork() ?? false,
      afterUnloadDocument({ notebookId }) {
        const entry = watched.get(notebookId);
        if (!entry) return;
        watched.delete(notebookId);
        entry.unsubscribe();
        void entry.session?.dispose({ clearState: false });
      },
    },
    async interrupt(notebookId) {
      const session = sessionOf(notebookId);
      session?.interrupt();
      return session !== null;
    },
    async restart(notebookId, backend) {
      const session = sessionOf(notebookId);
      session?.restart(backend);
      return session !== null;
    },
    async close() {
      closing = true;
      clearInterval(deadWorkerTimer);
      await checking;
      const entries = [...watched.values()];
      watched.clear();
      for (const entry of entries) entry.unsubscribe();
      await Promise.all(entries.map((entry) => entry.session?.dispose({ clearState: false })));
    },
  };
}
