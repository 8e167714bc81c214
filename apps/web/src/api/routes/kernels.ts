import { z } from 'zod';
import { remoteBackends, serverContext } from '../../server/context.ts';
import { interruptKernel, restartKernel } from '../../server/kernels.ts';
import { defineRoute } from '../define.ts';
import { Id } from '../schemas.ts';

const NotebookParams = z.object({ notebookId: Id });
const Accepted = z.object({ ok: z.literal(true) });
const noSession = 'A notebook without a remote kernel session in this server answers 409 `no_remote_kernel`.';

export const kernelRoutes = [
  defineRoute({
    method: 'POST',
    path: '/notebooks/{notebookId}/kernel/interrupt',
    summary: "Interrupt the cell running on the notebook's remote kernel; the kernel keeps its state (editors)",
    tag: 'Remote kernels',
    access: 'user',
    params: NotebookParams,
    success: { status: 202, schema: Accepted, description: `Sent to the kernel; the cell ends with an error in the document. ${noSession}` },
    handler: async ({ db, user, params }) => {
      await interruptKernel(db, serverContext().kernels, user.id, params.notebookId);
      return { status: 202, body: { ok: true } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/notebooks/{notebookId}/kernel/restart',
    summary: "Restart the notebook's remote kernel: variables are cleared and queued remote runs aborted (editors)",
    tag: 'Remote kernels',
    access: 'user',
    params: NotebookParams,
    body: z.object({
      backend: z
        .enum(remoteBackends, { error: `A remote kernel runs on ${remoteBackends.map((name) => `"${name}"`).join(', ')}` })
        .optional()
        .describe('The TensorFlow.js backend to start on; default: the one it ran on'),
    }),
    success: {
      status: 202,
      schema: Accepted,
      description: `The restart is under way; its progress and the new backend show in the notebook's kernel state. ${noSession}`,
    },
    handler: async ({ db, user, params, body }) => {
      await restartKernel(db, serverContext().kernels, user.id, params.notebookId, body.backend);
      return { status: 202, body: { ok: true } };
    },
  }),
];
