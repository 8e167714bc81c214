import { z } from 'zod';
import { serverContext } from '../../server/context.ts';
import { exportNotebook, importNotebook } from '../../server/ipynb.ts';
import { defineRoute } from '../define.ts';
import { Id } from '../schemas.ts';
import { NotebookSummary, Title } from './notebooks.ts';

const maxUploadBytes = 20 * 1024 * 1024;

const ImportJson = z
  .object({
    ipynb: z.record(z.string(), z.unknown(), { error: 'Send the notebook as "ipynb": the JSON object of a .ipynb file' }),
    title: Title.optional().describe('Default: the notebook\'s own title (metadata.title), else "Imported notebook"'),
    groupId: Id.optional().describe('A group of mine to own it (owner or member); default: personal'),
  })
  .transform((body) => ({ ...body, field: 'ipynb' as const }));

const ImportForm = z
  .object({
    file: z
      .file({ error: 'Attach the .ipynb file as "file"' })
      .transform(async (file, context) => {
        try {
          return { name: file.name, json: JSON.parse(await file.text()) as unknown };
        } catch {
          context.addIssue({ code: 'custom', message: `${file.name || 'The file'} is not JSON: a .ipynb file is` });
          return z.NEVER;
        }
      }),
    title: Title.optional().describe('Default: the file name without .ipynb'),
    groupId: Id.optional().describe('A group of mine to own it (owner or member); default: personal'),
  })
  .transform(({ file, title, groupId }) => ({ ipynb: file.json, fileName: file.name, title, groupId, field: 'file' as const }));

const Ipynb = z.object({
  nbformat: z.literal(4),
  nbformat_minor: z.literal(5),
  metadata: z.record(z.string(), z.unknown()),
  cells: z.array(z.record(z.string(), z.unknown())),
});

/** Content-Disposition for a download named after the notebook; names from users never hold path or control characters. */
function attachment(title: string): string {
  const name = `${title.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '_').trim() || 'notebook'}.ipynb`;
  const ascii = name.replace(/[^\x20-\x7e]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export const ipynbRoutes = [
  defineRoute({
    method: 'POST',
    path: '/notebooks/import',
    summary: 'Create a notebook from a Jupyter .ipynb file (nbformat 4), personal or in one of my groups',
    tag: 'Import and export',
    access: 'user',
    body: ImportJson,
    form: ImportForm,
    maxBodyBytes: maxUploadBytes,
    success: {
      status: 201,
      schema: NotebookSummary,
      description: `The new notebook with the file's cells, ids and outputs. Up to ${maxUploadBytes / (1024 * 1024)} MiB. An invalid file answers 400 with its problems in \`error.details\``,
    },
    handler: async ({ db, user, body }) => ({ status: 201, body: await importNotebook(db, serverContext().documents, user.id, body) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/notebooks/{notebookId}/ipynb',
    summary: 'Download a notebook as a Jupyter .ipynb file (anonymous callers: only with link access on)',
    tag: 'Import and export',
    access: 'public',
    params: z.object({ notebookId: Id }),
    success: {
      status: 200,
      schema: Ipynb,
      contentType: 'application/x-ipynb+json',
      description: 'nbformat 4.5, as an attachment named after the notebook',
    },
    handler: async ({ db, user, params }) => {
      const { title, ipynb } = await exportNotebook(db, serverContext().documents, user?.id ?? null, params.notebookId);
      return { body: ipynb, headers: { 'content-type': 'application/x-ipynb+json', 'content-disposition': attachment(title) } };
    },
  }),
];
