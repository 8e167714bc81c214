import * as Y from 'yjs';
import type { Db } from '@cohort/db';
import { ORIGIN, seedNotebook, type NotebookSeed } from '@cohort/notebook';
import type { DocumentStore } from './document-store.ts';
import type { SyncCore } from './sync-core.ts';

/**
 * Notebook documents for the rest of the server (the web app's history and import/export).
 * Only bytes and plain data cross this interface, never Y.Doc objects: the web app's server code
 * is bundled with its own copy of Yjs, whose type checks would not recognise this one's.
 */
export interface NotebookDocuments {
  /** The current state (a Yjs update): the live document when loaded here, else as stored. Null: no such notebook. */
  read(notebookId: string): Promise<Uint8Array | null>;
  /** A server change through the write-ahead path, as `SyncCore.change` (SYNC-DOC-1). False: no such notebook. */
  change(notebookId: string, compute: (state: Uint8Array) => Promise<Uint8Array | null>): Promise<boolean>;
  /** Seeds a notebook created in `tx` with `content` (an import), before anyone can open it (SYNC-DOC-2). */
  create(tx: Db, notebookId: string, content: NotebookSeed): Promise<void>;
}

export function createNotebookDocuments({ core, store }: { core: SyncCore; store: DocumentStore }): NotebookDocuments {
  return {
    async read(notebookId) {
      const live = core.liveState(notebookId);
      if (live) return live;
      const updates = await store.load(notebookId);
      return updates && Y.mergeUpdates(updates);
    },
    change: (notebookId, compute) => core.change(notebookId, compute),
    create: (tx, notebookId, content) => store.create(tx, notebookId, (doc) => seedNotebook(doc, content, ORIGIN.import)),
  };
}
