import type { Route } from './define.ts';
import { userRoutes } from './routes/users.ts';

/** Every /api/v1 route: the router, the OpenAPI document and the access tests all read this list. */
export const routes: Route[] = [...userRoutes];
