import * as Y from 'yjs';
import { asc, docSnapshots, docUpdates, eq, notebooks, sql, type Db } from '@cohort/db';

export interface DocumentStore {
  /**
   * The updates that make up a notebook's stored document: its snapshot, then the log rows not
   * merged into it. A notebook with neither is seeded first, once. Null: no such notebook.
   */
  load(notebookId: string): Promise<Uint8Array[] | null>;
  /**
   * Appends the updates of several notebooks to the log in one statement, each notebook's in the
   * order given. Answers the notebooks that no longer exist: their updates are not stored, and
   * everyone else's are.
   */
  append(entries: readonly AppendEntry[]): Promise<Set<string>>;
  /** Merges the log into the snapshot and deletes exactly the rows merged, in one transaction. */
  compact(notebookId: string): Promise<{ merged: number }>;
  /**
   * Writes the first state of a notebook created in `tx`, with the row: nobody can load the
   * notebook before `tx` commits, so no one seeds it otherwise (SYNC-DOC-2).
   */
  create(tx: Db, notebookId: string, write: (doc: Y.Doc) => void): Promise<void>;
}

export interface AppendEntry {
  notebookId: string;
  updates: Uint8Array[];
}

/** Writes the initial content of a new notebook's document; only the server seeds, once (SYNC-STORE-5). */
export type Seed = (doc: Y.Doc, notebook: { id: string; title: string }) => void;

const foreignKeyViolation = (error: unknown): boolean => {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23503') return true;
  }
  return false;
};

const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

function initialState(write: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  write(doc);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/**
 * Yjs documents in Postgres: the append-only `doc_updates` log and the `doc_snapshots` it is
 * compacted into. Loading and compacting take the notebook row FOR NO KEY UPDATE, so they take
 * turns with each other (across processes, too) while appends, which only need the row to
 * exist (FOR KEY SHARE), go on.
 */
export function createDocumentStore({ db, seed }: { db: Db; seed: Seed }): DocumentStore {
  return {
    load: (notebookId) =>
      db.transaction(async (tx) => {
        const [notebook] = await tx
          .select({ id: notebooks.id, title: notebooks.title })
          .from(notebooks)
          .where(eq(notebooks.id, notebookId))
          .for('no key update');
        if (!notebook) return null;
        const [snapshot] = await tx.select({ state: docSnapshots.state }).from(docSnapshots).where(eq(docSnapshots.notebookId, notebookId));
        const rows = await tx
          .select({ update: docUpdates.update })
          .from(docUpdates)
          .where(eq(docUpdates.notebookId, notebookId))
          .orderBy(asc(docUpdates.id));
        if (snapshot || rows.length) return [...(snapshot ? [snapshot.state] : []), ...rows.map((r) => r.update)];
        // Under the row lock, so a second loader (another process, too) finds this seed instead of writing its own.
        const update = initialState((doc) => seed(doc, notebook));
        await tx.insert(docUpdates).values({ notebookId, update });
        return [update];
      }),

    async create(tx, notebookId, write) {
      await tx.insert(docUpdates).values({ notebookId, update: initialState(write) });
    },

    async append(entries) {
      const insert = (list: readonly AppendEntry[]) => {
        const notebookIds = list.flatMap(({ notebookId, updates }) => updates.map(() => notebookId));
        const hexUpdates = list.flatMap(({ updates }) => updates.map(hex));
        // Two array parameters whatever the number of rows: a VALUES list with a pair of parameters
        // per row costs the query builder and the database more than the rows themselves.
        // (Hex text, as postgres.js sends an array of byte arrays as one bytea.) The rows get
        // their ids in the order given.
        return db.execute(sql`
          INSERT INTO doc_updates (notebook_id, update)
          SELECT notebook_id, decode(update_hex, 'hex')
          FROM unnest(${sql.param(notebookIds)}::uuid[], ${sql.param(hexUpdates)}::text[]) WITH ORDINALITY AS row(notebook_id, update_hex, position)
          ORDER BY position`);
      };
      try {
        await insert(entries);
        return new Set();
      } catch (error) {
        if (!foreignKeyViolation(error)) throw error;
      }
      // A notebook deleted meanwhile fails the whole statement: each notebook on its own, then.
      const gone = new Set<string>();
      if (entries.length === 1) return gone.add(entries[0]!.notebookId);
      for (const entry of entries) {
        try {
          await insert([entry]);
        } catch (error) {
          if (!foreignKeyViolation(error)) throw error;
          gone.add(entry.notebookId);
        }
      }
      return gone;
    },

    compact: (notebookId) =>
      db.transaction(async (tx) => {
        const [notebook] = await tx.select({ id: notebooks.id }).from(notebooks).where(eq(notebooks.id, notebookId)).for('no key update');
        if (!notebook) return { merged: 0 };
        const [snapshot] = await tx
          .select({ state: docSnapshots.state, throughUpdateId: docSnapshots.throughUpdateId })
          .from(docSnapshots)
          .where(eq(docSnapshots.notebookId, notebookId));
        const rows = await tx
          .select({ id: docUpdates.id, update: docUpdates.update })
          .from(docUpdates)
          .where(eq(docUpdates.notebookId, notebookId))
          .orderBy(asc(docUpdates.id));
        if (!rows.length) return { merged: 0 };
        const doc = new Y.Doc();
        if (snapshot) Y.applyUpdate(doc, snapshot.state);
        for (const row of rows) Y.applyUpdate(doc, row.update);
        const state = Y.encodeStateAsUpdate(doc);
        doc.destroy();
        const throughUpdateId = Math.max(snapshot?.throughUpdateId ?? 0, rows.at(-1)!.id);
        await tx
          .insert(docSnapshots)
          .values({ notebookId, state, throughUpdateId })
          .onConflictDoUpdate({ target: docSnapshots.notebookId, set: { state, throughUpdateId, updatedAt: sql`now()` } });
        // The ids read above, not a range: a row with a lower id whose transaction commits later
        // (identity values are handed out before commit) is not merged, so it must stay.
        const ids = rows.map((r) => r.id);
        await tx.delete(docUpdates).where(sql`${docUpdates.notebookId} = ${notebookId} AND ${docUpdates.id} = ANY(${sql.param(ids)}::bigint[])`);
        return { merged: rows.length };
      }),
  };
}
