/**
 * Writes a remote session's actions (claims, outputs, finished runs) into a notebook's document
 * through the server's write-ahead path (`SyncCore.change`, SYNC-DOC-1). A change decodes the whole
 * document, and a training loop prints many times a second, so the actions of one event-loop turn
 * (or of the few milliseconds while the previous change is stored) go into one change (SYNC-RUN-2).
 */
import * as Y from 'yjs';
import { ORIGIN, openNotebook } from '@cohort/notebook';
import { applyToNotebook, type NotebookAction } from '@cohort/session';

export interface KernelWriterOptions {
  notebookId: string;
  change(notebookId: string, compute: (state: Uint8Array) => Promise<Uint8Array | null>): Promise<boolean>;
  /** Recorded as the claimant of the runs this session takes. */
  claimant: string;
  /**
   * The Yjs client id the writes are made with. One per session host: every change is made on a
   * fresh copy of the document, and a new id each time would grow its state vector forever.
   */
  clientId: number;
  /** Names of the users who ran cells, for run records (`byName`). */
  userNames(userIds: string[]): Promise<Map<string, string>>;
  /** How long actions are gathered before a change starts. */
  delayMs: number;
  /** The notebook is gone (deleted): nothing more can be written. */
  onGone(): void;
  log(message: string, error?: unknown): void;
}

export interface KernelWriter {
  write(action: NotebookAction): void;
  /** Actions are waiting or being written. */
  readonly busy: boolean;
  /** Resolves once everything written so far is in the document (or given up). */
  flushed(): Promise<void>;
}

export function createKernelWriter(options: KernelWriterOptions): KernelWriter {
  let pending: NotebookAction[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing = false;
  let waiters: Array<() => void> = [];

  function schedule(): void {
    if (writing || timer || !pending.length) return;
    timer = setTimeout(() => void flush(), options.delayMs);
  }

  async function flush(): Promise<void> {
    timer = undefined;
    writing = true;
    const batch = pending;
    pending = [];
    try {
      const requesters = batch.flatMap((action) => (action.type === 'finish' && action.record ? [action.record.by] : []));
      const names = requesters.length ? await options.userNames([...new Set(requesters)]) : new Map<string, string>();
      const changed = await options.change(options.notebookId, async (state) => applyActions(state, batch, { ...options, names }));
      if (!changed) options.onGone();
    } catch (error) {
      options.log(`writing ${batch.length} kernel action(s) to notebook ${options.notebookId} failed; they are lost`, error);
    } finally {
      writing = false;
      schedule();
      if (!pending.length) for (const resolve of waiters.splice(0)) resolve();
    }
  }

  return {
    write(action) {
      pending.push(action);
      schedule();
    },
    get busy() {
      return writing || pending.length > 0;
    },
    flushed: () => (writing || pending.length ? new Promise((resolve) => waiters.push(resolve)) : Promise.resolve()),
  };
}

/** The update that carries out `actions` on the document `state`, made with origin `kernel`. */
function applyActions(state: Uint8Array, actions: readonly NotebookAction[], options: { claimant: string; clientId: number; names: Map<string, string> }): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  // Only after the state is in: Yjs picks a new id when an update it receives carries its own.
  doc.clientID = options.clientId;
  const before = Y.encodeStateVector(doc);
  const notebook = openNotebook(doc);
  const context = { claimant: options.claimant, nameOf: (userId: string) => options.names.get(userId) };
  doc.transact(() => {
    for (const action of actions) applyToNotebook(notebook, action, context);
  }, ORIGIN.kernel);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}
