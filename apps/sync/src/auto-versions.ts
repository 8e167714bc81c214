import * as Y from 'yjs';
import { and, desc, docVersions, eq, gt, notebooks, type Db } from '@cohort/db';
import type { SyncExtension } from './extension.ts';

/**
 * Automatic versions (SYNC-HIST-1): after this server applies updates it stored, a notebook whose
 * latest version (automatic or named) is older than `intervalMs`, or that has none, gets one:
 * the document's whole state. Checked in memory first, so most updates cost nothing.
 */
export function createAutoVersions({
  db,
  intervalMs,
  now = Date.now,
  log,
}: {
  db: Db;
  intervalMs: number;
  /** The clock (ms); injected by tests. */
  now?: () => number;
  log(message: string, error?: unknown): void;
}): SyncExtension {
  /** When each document's next version is due; absent: ask the database. */
  const due = new Map<string, number>();
  const storing = new Map<string, Promise<void>>();

  return {
    afterApplyUpdates(document) {
      const { notebookId } = document;
      if (storing.has(notebookId) || (due.get(notebookId) ?? 0) > now()) return;
      const state = Y.encodeStateAsUpdate(document.doc);
      const stored = storeIfDue(db, notebookId, state, new Date(now() - intervalMs))
        .then((latest) => {
          if (latest) due.set(notebookId, latest.getTime() + intervalMs);
        })
        .catch((error: unknown) => log(`storing an automatic version of notebook ${notebookId} failed`, error))
        .finally(() => storing.delete(notebookId));
      storing.set(notebookId, stored);
    },
    async beforeUnloadDocument({ notebookId }) {
      await storing.get(notebookId);
    },
    afterUnloadDocument({ notebookId }) {
      due.delete(notebookId);
    },
    async onDestroy() {
      await Promise.all(storing.values());
    },
  };
}

/**
 * Stores `state` as an automatic version unless one was made after `since`; returns when the
 * latest version was made (null: the notebook is gone). Under the notebook row lock, so two sync
 * servers editing one notebook store one version between them.
 */
async function storeIfDue(db: Db, notebookId: string, state: Uint8Array, since: Date): Promise<Date | null> {
  return db.transaction(async (tx) => {
    const [notebook] = await tx.select({ id: notebooks.id }).from(notebooks).where(eq(notebooks.id, notebookId)).for('no key update');
    if (!notebook) return null;
    const [recent] = await tx
      .select({ createdAt: docVersions.createdAt })
      .from(docVersions)
      .where(and(eq(docVersions.notebookId, notebookId), gt(docVersions.createdAt, since)))
      .orderBy(desc(docVersions.createdAt))
      .limit(1);
    if (recent) return recent.createdAt;
    const [stored] = await tx.insert(docVersions).values({ notebookId, state }).returning({ createdAt: docVersions.createdAt });
    return stored!.createdAt;
  });
}
