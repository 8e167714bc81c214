import { z } from 'zod';
import { notebookRoles } from '@cohort/db';
import { serverContext } from '../../server/context.ts';
import { issueSyncToken, syncTokenSeconds } from '../../server/sync-tokens.ts';
import { defineRoute } from '../define.ts';
import { Id, Timestamp } from '../schemas.ts';

export const syncRoutes = [
  defineRoute({
    method: 'GET',
    path: '/notebooks/{notebookId}/sync-token',
    summary: 'A short-lived token to open the notebook live (anonymous callers: only with link access on, as viewers)',
    tag: 'Live editing',
    access: 'public',
    params: z.object({ notebookId: Id }),
    success: {
      status: 200,
      schema: z.object({
        token: z.string().describe('Pass as the `token` query parameter of the WebSocket URL'),
        url: z.string().describe('The y-websocket endpoint, `/sync/<notebookId>`, on this origin'),
        role: z.enum(notebookRoles).describe('Viewers and commenters receive the document; the server refuses their changes'),
        expiresAt: Timestamp,
      }),
      description: `Valid for ${syncTokenSeconds / 60} minutes; fetch a new one for each connection`,
    },
    handler: async ({ db, user, params }) => ({ body: await issueSyncToken(db, serverContext().authSecret, user, params.notebookId) }),
  }),
];
