import type { Route } from './define.ts';
import { groupRoutes } from './routes/groups.ts';
import { ipynbRoutes } from './routes/ipynb.ts';
import { kernelRoutes } from './routes/kernels.ts';
import { notebookRoutes } from './routes/notebooks.ts';
import { syncRoutes } from './routes/sync.ts';
import { userRoutes } from './routes/users.ts';
import { versionRoutes } from './routes/versions.ts';

/** Every /api/v1 route: the router, the OpenAPI document and the access tests all read this list. */
export const routes: Route[] = [...userRoutes, ...groupRoutes, ...notebookRoutes, ...ipynbRoutes, ...versionRoutes, ...syncRoutes, ...kernelRoutes];
