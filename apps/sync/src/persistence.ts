import { closeCodes } from '@cohort/sync-auth';
import type { AppendEntry, DocumentStore } from './document-store.ts';
import { SyncRefusal, type SyncExtension } from './extension.ts';

interface PendingAppend extends AppendEntry {
  resolve(stored: boolean): void;
  reject(error: unknown): void;
}

/**
 * Appends asked for in one event-loop turn, by any number of documents, go to the store as one
 * statement when the turn ends (setImmediate): with many notebooks typed into at once, one INSERT
 * per update was most of the server's CPU on embedded PGlite. False: the notebook is gone.
 */
function batchedAppends(store: DocumentStore): (notebookId: string, updates: Uint8Array[]) => Promise<boolean> {
  let pending: PendingAppend[] = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    store.append(batch).then(
      (gone) => {
        for (const entry of batch) entry.resolve(!gone.has(entry.notebookId));
      },
      (error: unknown) => {
        for (const entry of batch) entry.reject(error);
      },
    );
  };
  return (notebookId, updates) =>
    new Promise((resolve, reject) => {
      if (!pending.length) setImmediate(flush);
      pending.push({ notebookId, updates, resolve, reject });
    });
}

/**
 * Write-ahead persistence: an update is appended to the log before the core applies, broadcasts
 * or acknowledges it (SYNC-STORE-1); the appends of all documents in one event-loop turn share a
 * statement. The log of a document is compacted every `compactAfterUpdates` rows, in the
 * background, and once more before the document unloads.
 */
export function createPersistence({
  store,
  compactAfterUpdates,
  log,
}: {
  store: DocumentStore;
  compactAfterUpdates: number;
  log(message: string, error?: unknown): void;
}): SyncExtension {
  /** Log rows of each loaded document since it was loaded or last compacted. */
  const rows = new Map<string, number>();
  const compactions = new Map<string, Promise<void>>();
  const append = batchedAppends(store);

  /** Compactions of one document run one after the other. */
  function compact(notebookId: string): Promise<void> {
    const next = (compactions.get(notebookId) ?? Promise.resolve())
      .catch(() => {})
      .then(async () => {
        await store.compact(notebookId);
      });
    compactions.set(notebookId, next);
    void next
      .finally(() => {
        if (compactions.get(notebookId) === next) compactions.delete(notebookId);
      })
      .catch(() => {});
    return next;
  }

  return {
    async onLoadDocument({ notebookId }) {
      const updates = await store.load(notebookId);
      if (!updates) throw new SyncRefusal(closeCodes.notFound, 'notebook not found');
      rows.set(notebookId, updates.length);
      return updates;
    },
    async beforeApplyUpdates({ notebookId, updates }) {
      if (!(await append(notebookId, updates))) throw new SyncRefusal(closeCodes.notFound, 'notebook deleted');
      const count = (rows.get(notebookId) ?? 0) + updates.length;
      rows.set(notebookId, count >= compactAfterUpdates ? 0 : count);
      if (count >= compactAfterUpdates) compact(notebookId).catch((error: unknown) => log(`compacting notebook ${notebookId} failed`, error));
    },
    async beforeUnloadDocument({ notebookId }) {
      await compact(notebookId);
    },
    afterUnloadDocument({ notebookId }) {
      rows.delete(notebookId);
    },
  };
}
