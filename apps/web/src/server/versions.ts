import * as Y from 'yjs';
import { and, desc, docVersions, eq, users, type Db } from '@cohort/db';
import { diffNotebooks, openNotebook as openDocument, ORIGIN, restoreContent, type NotebookContent, type NotebookDiff } from '@cohort/notebook';
import type { NotebookDocuments } from './context.ts';
import { documentContent } from './document-content.ts';
import { notFound } from './errors.ts';
import { openNotebook, requireRole } from './notebooks.ts';

export interface VersionSummary {
  id: string;
  /** null for an automatic version. */
  name: string | null;
  automatic: boolean;
  createdAt: string;
  /** null for automatic versions, and when the account is gone. */
  createdBy: { id: string; handle: string; name: string } | null;
}

export interface VersionWithContent extends VersionSummary {
  content: NotebookContent;
}

const summaryColumns = {
  id: docVersions.id,
  name: docVersions.name,
  createdAt: docVersions.createdAt,
  creatorId: users.id,
  creatorHandle: users.handle,
  creatorName: users.name,
};

type SummaryRow = { id: string; name: string | null; createdAt: Date; creatorId: string | null; creatorHandle: string | null; creatorName: string | null };

function summaryOf(row: SummaryRow): VersionSummary {
  return {
    id: row.id,
    name: row.name,
    automatic: row.name === null,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.creatorId ? { id: row.creatorId, handle: row.creatorHandle!, name: row.creatorName! } : null,
  };
}

/** A notebook's versions, newest first: automatic ones and named ones. Anyone who can open the notebook. */
export async function listVersions(db: Db, userId: string, notebookId: string): Promise<VersionSummary[]> {
  await openNotebook(db, userId, notebookId);
  const rows = await db
    .select(summaryColumns)
    .from(docVersions)
    .leftJoin(users, eq(users.id, docVersions.createdBy))
    .where(eq(docVersions.notebookId, notebookId))
    .orderBy(desc(docVersions.createdAt));
  return rows.map(summaryOf);
}

async function insertVersion(db: Db, notebookId: string, name: string, state: Uint8Array, userId: string): Promise<VersionSummary> {
  const [row] = await db.insert(docVersions).values({ notebookId, name, state, createdBy: userId }).returning({ id: docVersions.id });
  return (await versionRow(db, notebookId, row!.id)).summary;
}

/** Names the notebook as it is now (editors). */
export async function createVersion(db: Db, documents: NotebookDocuments, userId: string, notebookId: string, name: string): Promise<VersionSummary> {
  const { role } = await openNotebook(db, userId, notebookId);
  requireRole(role, 'editor', 'name versions of this notebook');
  const state = await documents.read(notebookId);
  if (!state) throw notFound('No such notebook');
  return insertVersion(db, notebookId, name, state, userId);
}

async function versionRow(db: Db, notebookId: string, versionId: string): Promise<{ summary: VersionSummary; state: Uint8Array }> {
  const [row] = await db
    .select({ ...summaryColumns, state: docVersions.state })
    .from(docVersions)
    .leftJoin(users, eq(users.id, docVersions.createdBy))
    .where(and(eq(docVersions.id, versionId), eq(docVersions.notebookId, notebookId)));
  if (!row) throw notFound('No such version');
  return { summary: summaryOf(row), state: row.state };
}

/** A version with the notebook as it was then, to read. */
export async function getVersion(db: Db, userId: string, notebookId: string, versionId: string): Promise<VersionWithContent> {
  await openNotebook(db, userId, notebookId);
  const { summary, state } = await versionRow(db, notebookId, versionId);
  return { ...summary, content: documentContent(state) };
}

/** How the notebook now differs from the version, cell by cell. */
export async function diffVersion(db: Db, documents: NotebookDocuments, userId: string, notebookId: string, versionId: string): Promise<NotebookDiff> {
  await openNotebook(db, userId, notebookId);
  const { state } = await versionRow(db, notebookId, versionId);
  const current = await documents.read(notebookId);
  if (!current) throw notFound('No such notebook');
  return diffNotebooks(documentContent(state), documentContent(current));
}

/** How a version is named when there is no name: when it was made, to the minute. */
function label(version: VersionSummary): string {
  return version.name ?? `the version of ${version.createdAt.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Restores a version as a new change on top (editors): first the notebook as it is is kept as a
 * version "Before restoring …", then one server change turns the live document into the
 * version's content. Collaborators receive it like any edit; no stored update is rewritten.
 */
export async function restoreVersion(
  db: Db,
  documents: NotebookDocuments,
  userId: string,
  notebookId: string,
  versionId: string,
): Promise<{ restored: VersionSummary; before: VersionSummary }> {
  const { role } = await openNotebook(db, userId, notebookId);
  requireRole(role, 'editor', 'restore versions of this notebook');
  const { summary: restored, state: versionState } = await versionRow(db, notebookId, versionId);
  const target = documentContent(versionState);
  let before: VersionSummary | undefined;
  const changed = await documents.change(notebookId, async (state) => {
    // Nothing else applies to the document while this runs, so `state` is exactly what is replaced.
    before = await insertVersion(db, notebookId, `Before restoring ${label(restored)}`, state, userId);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const vector = Y.encodeStateVector(doc);
    restoreContent(openDocument(doc), target, ORIGIN.server);
    const update = Y.encodeStateAsUpdate(doc, vector);
    doc.destroy();
    return update;
  });
  if (!changed || !before) throw notFound('No such notebook');
  return { restored, before };
}
