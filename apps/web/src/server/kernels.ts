import type { Db } from '@cohort/db';
import type { RemoteBackend, RemoteKernels } from './context.ts';
import { ApiError } from './errors.ts';
import { openNotebook, requireRole } from './notebooks.ts';

const noRemoteKernel = () =>
  new ApiError(409, 'no_remote_kernel', 'This notebook has no remote kernel session: run a cell on the Remote GPU runtime first.');

/** Interrupts the cell running on the notebook's remote kernel (editors and owners). */
export async function interruptKernel(db: Db, kernels: RemoteKernels, userId: string, notebookId: string): Promise<void> {
  const { role } = await openNotebook(db, userId, notebookId);
  requireRole(role, 'editor', "interrupt this notebook's kernel");
  if (!(await kernels.interrupt(notebookId))) throw noRemoteKernel();
}

/** Restarts the notebook's remote kernel, on `backend` if given (editors and owners). */
export async function restartKernel(db: Db, kernels: RemoteKernels, userId: string, notebookId: string, backend?: RemoteBackend): Promise<void> {
  const { role } = await openNotebook(db, userId, notebookId);
  requireRole(role, 'editor', "restart this notebook's kernel");
  if (!(await kernels.restart(notebookId, backend))) throw noRemoteKernel();
}
