import { z } from 'zod';
import { CELL_DIFF_STATUSES, CELL_PARTS, CELL_TYPES, RUNTIMES } from '@cohort/notebook';
import { serverContext } from '../../server/context.ts';
import { createVersion, diffVersion, getVersion, listVersions, restoreVersion } from '../../server/versions.ts';
import { defineRoute } from '../define.ts';
import { Id, Timestamp, UserRef } from '../schemas.ts';

const Version = z.object({
  id: Id,
  name: z.string().nullable().describe('null for an automatic version'),
  automatic: z.boolean().describe('Stored by Cohort while the notebook was edited (by default at most one per 10 minutes)'),
  createdAt: Timestamp,
  createdBy: UserRef.nullable().describe('Who named it; null for automatic versions'),
});

const Json = z.record(z.string(), z.unknown());

const NotebookContent = z.object({
  title: z.string(),
  runtime: z.enum(RUNTIMES),
  metadata: Json,
  cells: z.array(
    z.object({
      id: z.string(),
      cell_type: z.enum(CELL_TYPES),
      source: z.string(),
      metadata: Json,
      outputs: z.array(Json).optional().describe('Code cells: Jupyter outputs (MIME bundles)'),
      execution_count: z.int().nullable().optional().describe('Code cells'),
      attachments: Json.optional().describe('Markdown and raw cells'),
    }),
  ),
});

const NotebookDiff = z.object({
  changed: z.array(z.enum(['title', 'runtime', 'metadata'])).describe('Notebook-level fields that differ'),
  cells: z
    .array(
      z.object({
        id: z.string(),
        status: z.enum(CELL_DIFF_STATUSES).describe('"changed" wins over "moved"; a changed cell that also moved has `moved` true'),
        cellType: z.enum(CELL_TYPES).describe('Now; for a removed cell, in the version'),
        moved: z.boolean(),
        changed: z.array(z.enum(CELL_PARTS)).describe('What differs, for a changed cell'),
        lines: z
          .array(z.object({ kind: z.enum(['same', 'removed', 'added']), text: z.string() }))
          .describe('The source line by line, from the version to now'),
      }),
    )
    .describe('In the current order; a removed cell follows the cell it followed in the version'),
});

const NotebookParams = z.object({ notebookId: Id });
const VersionParams = z.object({ notebookId: Id, versionId: Id });

export const versionRoutes = [
  defineRoute({
    method: 'GET',
    path: '/notebooks/{notebookId}/versions',
    summary: 'A notebook\'s versions, automatic and named',
    tag: 'History',
    access: 'user',
    params: NotebookParams,
    success: { status: 200, schema: z.object({ versions: z.array(Version) }), description: 'Newest first' },
    handler: async ({ db, user, params }) => ({ body: { versions: await listVersions(db, user.id, params.notebookId) } }),
  }),
  defineRoute({
    method: 'POST',
    path: '/notebooks/{notebookId}/versions',
    summary: 'Name the notebook as it is now, as a version to come back to (editors)',
    tag: 'History',
    access: 'user',
    params: NotebookParams,
    body: z.object({
      name: z.string({ error: 'Give the version a name' }).trim().min(1, 'Give the version a name').max(120, 'A version name is at most 120 characters'),
    }),
    success: { status: 201, schema: Version, description: 'The new version' },
    handler: async ({ db, user, params, body }) => ({
      status: 201,
      body: await createVersion(db, serverContext().documents, user.id, params.notebookId, body.name),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/notebooks/{notebookId}/versions/{versionId}',
    summary: 'A version with the notebook as it was then, to read',
    tag: 'History',
    access: 'user',
    params: VersionParams,
    success: { status: 200, schema: Version.extend({ content: NotebookContent }), description: 'The version and its content' },
    handler: async ({ db, user, params }) => ({ body: await getVersion(db, user.id, params.notebookId, params.versionId) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/notebooks/{notebookId}/versions/{versionId}/diff',
    summary: 'How the notebook now differs from a version, cell by cell, with a line diff of each source',
    tag: 'History',
    access: 'user',
    params: VersionParams,
    success: { status: 200, schema: NotebookDiff, description: 'From the version to the current notebook' },
    handler: async ({ db, user, params }) => ({ body: await diffVersion(db, serverContext().documents, user.id, params.notebookId, params.versionId) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/notebooks/{notebookId}/versions/{versionId}/restore',
    summary: 'Restore a version as a new change on top, after keeping the notebook as it is as a version (editors)',
    tag: 'History',
    access: 'user',
    params: VersionParams,
    success: {
      status: 200,
      schema: z.object({ restored: Version, before: Version.describe('The notebook as it was just before, named "Before restoring …"') }),
      description: 'Restored; everyone with the notebook open receives the change live',
    },
    handler: async ({ db, user, params }) => ({
      body: await restoreVersion(db, serverContext().documents, user.id, params.notebookId, params.versionId),
    }),
  }),
];
