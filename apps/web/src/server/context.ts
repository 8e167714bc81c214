import type { Db, DbDriver } from '@cohort/db';
import type { NotebookSeed } from '@cohort/notebook';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

/**
 * Notebook documents, owned by the sync server (apps/sync `NotebookDocuments`). Only bytes and
 * plain data cross, never Y.Doc objects: this bundle has its own copy of Yjs.
 */
export interface NotebookDocuments {
  /** The current state (a Yjs update): the live document when loaded, else as stored. Null: no such notebook. */
  read(notebookId: string): Promise<Uint8Array | null>;
  /**
   * A server change, written ahead and broadcast like a collaborator's: `compute` gets the
   * document's state when the change's turn comes and returns the update to make (null: none).
   * False: no such notebook.
   */
  change(notebookId: string, compute: (state: Uint8Array) => Promise<Uint8Array | null>): Promise<boolean>;
  /** Seeds a notebook created in `tx` with `content`, before anyone can open it. */
  create(tx: Db, notebookId: string, content: NotebookSeed): Promise<void>;
}

/** The TensorFlow.js backends a remote (Node) kernel can be restarted on. */
export const remoteBackends = ['webgpu', 'wasm', 'cpu', 'tensorflow'] as const;
export type RemoteBackend = (typeof remoteBackends)[number];

/**
 * Notebooks' remote kernel sessions, hosted by the sync server of this process (apps/sync
 * `RemoteKernels`). False: the notebook has no remote session here.
 */
export interface RemoteKernels {
  /** Sends the notebook's kernel an interrupt_request. */
  interrupt(notebookId: string): Promise<boolean>;
  /** Restarts the kernel (queued remote runs aborted, state cleared), on `backend` if given. */
  restart(notebookId: string, backend?: RemoteBackend): Promise<boolean>;
}

/**
 * What the hosting process (apps/server) hands the web app: the open database and the
 * validated configuration. Next.js bundles the app's server code separately from the host,
 * so the hand-over goes through a process-wide slot rather than a module import.
 */
export interface ServerContext {
  db: Db;
  dbDriver: DbDriver;
  version: string;
  authSecret: string;
  /** Set behind a reverse proxy that writes X-Forwarded-For; otherwise the socket address counts. */
  trustProxy: boolean;
  oauth: { github?: OAuthClient; google?: OAuthClient };
  /** Where cell code runs (the kernel iframe) when configured; else derived from the app's host. */
  userContentOrigin: string | null;
  documents: NotebookDocuments;
  kernels: RemoteKernels;
}

const slot = Symbol.for('cohort.server-context');
type WithSlot = typeof globalThis & { [slot]?: ServerContext };

export function setServerContext(context: ServerContext): void {
  (globalThis as WithSlot)[slot] = context;
}

export function serverContext(): ServerContext {
  const context = (globalThis as WithSlot)[slot];
  if (!context) {
    throw new Error('Cohort server context is not set: run the web app through apps/server (`npm start`), not `next start`');
  }
  return context;
}
