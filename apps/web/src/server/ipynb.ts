import type { Db } from '@cohort/db';
import { exportIpynb, importIpynb, type Ipynb } from '@cohort/notebook';
import type { NotebookDocuments } from './context.ts';
import { documentContent } from './document-content.ts';
import { ApiError, notFound } from './errors.ts';
import { createNotebook, openNotebook, type NotebookSummary } from './notebooks.ts';

/** The most problems an answer lists; a file can have thousands. */
const maxDetails = 100;
const maxTitle = 120;

export interface ImportInput {
  /** The parsed .ipynb JSON. */
  ipynb: unknown;
  /** The field it came in, named by errors: `ipynb` (JSON body) or `file` (form). */
  field: 'ipynb' | 'file';
  fileName?: string | undefined;
  title?: string | undefined;
  groupId?: string | undefined;
}

/** "CNN on MNIST.ipynb" -> "CNN on MNIST"; undefined when nothing is left. */
function titleFromFileName(fileName: string | undefined): string | undefined {
  const title = fileName?.replace(/\.ipynb$/i, '').trim().slice(0, maxTitle).trim();
  return title || undefined;
}

/**
 * A new notebook from a .ipynb, with the rules of `createNotebook` (personal, or in a group where
 * the user is an owner or member). Its document is written by the server in the transaction that
 * creates it, so it holds exactly the file's cells, ids and outputs from the first sync on.
 * Title: the one given, else the file name, else the notebook's own, else "Imported notebook".
 */
export async function importNotebook(db: Db, documents: NotebookDocuments, userId: string, input: ImportInput): Promise<NotebookSummary> {
  const result = importIpynb(input.ipynb);
  if (!result.ok) {
    const [first] = result.errors;
    throw new ApiError(
      400,
      'invalid_ipynb',
      `This is not a notebook Cohort can import: ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}, the first at ${first!.path || 'the top'}: ${first!.message}`,
      input.field,
      result.errors.slice(0, maxDetails),
    );
  }
  const title = input.title ?? titleFromFileName(input.fileName) ?? (result.notebook.title.trim().slice(0, maxTitle).trim() || 'Imported notebook');
  const content = { ...result.notebook, title };
  return createNotebook(db, userId, { title, groupId: input.groupId }, (tx, notebookId) => documents.create(tx, notebookId, content));
}

/**
 * The notebook as nbformat 4.5, for anyone who can open it (anonymous callers: with link access
 * on). The title is the notebook's current one, which renaming changes.
 */
export async function exportNotebook(db: Db, documents: NotebookDocuments, userId: string | null, notebookId: string): Promise<{ title: string; ipynb: Ipynb }> {
  const { notebook } = await openNotebook(db, userId, notebookId);
  const state = await documents.read(notebookId);
  if (!state) throw notFound('No such notebook');
  return { title: notebook.title, ipynb: exportIpynb({ ...documentContent(state), title: notebook.title }) };
}
