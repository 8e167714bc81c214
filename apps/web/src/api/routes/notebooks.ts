import { z } from 'zod';
import { notebookRoles, shareRoles } from '@cohort/db';
import {
  createNotebook, deleteNotebook, getNotebook, listNotebooks, listShares, listTrash, removeShare, restoreNotebook,
  updateNotebook, upsertShare,
} from '../../server/notebooks.ts';
import { defineRoute } from '../define.ts';
import { Handle, Id, Timestamp, UserRef } from '../schemas.ts';

export const Title = z
  .string({ error: 'Give the notebook a title' })
  .trim()
  .min(1, 'Give the notebook a title')
  .max(120, 'A title is at most 120 characters');

const ShareRole = z.enum(shareRoles, { error: 'A share gives the role "editor", "commenter" or "viewer"' });

const Principal = z.discriminatedUnion('type', [
  UserRef.extend({ type: z.literal('user') }),
  z.object({ type: z.literal('group'), id: Id, name: z.string() }),
]);

export const NotebookSummary = z.object({
  id: Id,
  title: z.string(),
  owner: Principal,
  myRole: z.enum(notebookRoles),
  linkAccess: z.boolean().describe('Anyone with the link can view'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const TrashedNotebook = NotebookSummary.extend({
  deletedAt: Timestamp,
  purgeAt: Timestamp.describe('When the notebook is deleted for good'),
});

const Share = z.object({ id: Id, role: z.enum(shareRoles), grantee: Principal, createdAt: Timestamp });

const ShareBody = z
  .object({ handle: Handle.optional(), groupId: Id.optional(), role: ShareRole })
  .refine((b) => (b.handle === undefined) !== (b.groupId === undefined), {
    message: 'Name either a user ("handle") or a group ("groupId") to share with',
    path: ['handle'],
  })
  .transform((b) => (b.handle !== undefined ? { handle: b.handle, role: b.role } : { groupId: b.groupId!, role: b.role }));

const NotebookParams = z.object({ notebookId: Id });

export const notebookRoutes = [
  defineRoute({
    method: 'GET',
    path: '/notebooks',
    summary: 'List the notebooks I can open',
    tag: 'Notebooks',
    access: 'user',
    query: z.object({ groupId: Id.optional() }),
    success: {
      status: 200,
      schema: z.object({ notebooks: z.array(NotebookSummary) }),
      description: 'Mine, my groups\' and those shared with me, most recently updated first; `groupId` keeps that group\'s notebooks',
    },
    handler: async ({ db, user, query }) => ({ body: { notebooks: await listNotebooks(db, user.id, query) } }),
  }),
  defineRoute({
    method: 'GET',
    path: '/notebooks/trash',
    summary: 'List my deleted notebooks that can still be restored',
    tag: 'Notebooks',
    access: 'user',
    success: {
      status: 200,
      schema: z.object({ notebooks: z.array(TrashedNotebook) }),
      description: 'Notebooks I own, deleted less than 30 days ago, most recently deleted first',
    },
    handler: async ({ db, user }) => ({ body: { notebooks: await listTrash(db, user.id) } }),
  }),
  defineRoute({
    method: 'POST',
    path: '/notebooks',
    summary: 'Create a notebook, personal or owned by one of my groups',
    tag: 'Notebooks',
    access: 'user',
    body: z.object({ title: Title.default('Untitled notebook'), groupId: Id.optional() }),
    success: { status: 201, schema: NotebookSummary, description: 'The new, empty notebook' },
    handler: async ({ db, user, body }) => ({ status: 201, body: await createNotebook(db, user.id, body) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/notebooks/{notebookId}',
    summary: 'A notebook and my role on it (anonymous callers: only with link access on)',
    tag: 'Notebooks',
    access: 'public',
    params: NotebookParams,
    success: { status: 200, schema: NotebookSummary, description: 'The notebook' },
    handler: async ({ db, user, params }) => ({ body: await getNotebook(db, user?.id ?? null, params.notebookId) }),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/notebooks/{notebookId}',
    summary: 'Rename a notebook (editors) or turn link access on or off (owner)',
    tag: 'Notebooks',
    access: 'user',
    params: NotebookParams,
    body: z
      .object({ title: Title.optional(), linkAccess: z.boolean({ error: '"linkAccess" is true or false' }).optional() })
      .refine((b) => b.title !== undefined || b.linkAccess !== undefined, {
        message: 'Send a new "title" or "linkAccess"',
        path: ['title'],
      }),
    success: { status: 200, schema: NotebookSummary, description: 'The updated notebook' },
    handler: async ({ db, user, params, body }) => ({ body: await updateNotebook(db, user.id, params.notebookId, body) }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/notebooks/{notebookId}',
    summary: 'Move a notebook to the trash (owner)',
    tag: 'Notebooks',
    access: 'user',
    params: NotebookParams,
    success: { status: 204, description: 'In the trash; restorable for 30 days' },
    handler: async ({ db, user, params }) => {
      await deleteNotebook(db, user.id, params.notebookId);
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/notebooks/{notebookId}/restore',
    summary: 'Restore a notebook from the trash (owner, within 30 days)',
    tag: 'Notebooks',
    access: 'user',
    params: NotebookParams,
    success: { status: 200, schema: NotebookSummary, description: 'The restored notebook' },
    handler: async ({ db, user, params }) => ({ body: await restoreNotebook(db, user.id, params.notebookId) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/notebooks/{notebookId}/shares',
    summary: 'Who a notebook is shared with (editors)',
    tag: 'Sharing',
    access: 'user',
    params: NotebookParams,
    success: { status: 200, schema: z.object({ shares: z.array(Share) }), description: 'Shares, oldest first' },
    handler: async ({ db, user, params }) => ({ body: { shares: await listShares(db, user.id, params.notebookId) } }),
  }),
  defineRoute({
    method: 'PUT',
    path: '/notebooks/{notebookId}/shares',
    summary: 'Share a notebook with a user or a group, or change the role of a share (owner)',
    tag: 'Sharing',
    access: 'user',
    params: NotebookParams,
    body: ShareBody,
    success: { status: 200, schema: Share, description: 'The share' },
    handler: async ({ db, user, params, body }) => ({ body: await upsertShare(db, user.id, params.notebookId, body) }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/notebooks/{notebookId}/shares/{shareId}',
    summary: 'Stop sharing a notebook with a user or group (owner)',
    tag: 'Sharing',
    access: 'user',
    params: z.object({ notebookId: Id, shareId: Id }),
    success: { status: 204, description: 'Removed' },
    handler: async ({ db, user, params }) => {
      await removeShare(db, user.id, params.notebookId, params.shareId);
      return { status: 204 };
    },
  }),
];
