import type { Db, DbDriver } from '@cohort/db';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

/**
 * What the hosting process (apps/server) hands the web app: the open database and the
 * validated configuration. Next.js bundles the app's server code separately from the host,
 * so the hand-over goes through a process-wide slot rather than a module import.
 */
export interface ServerContext {
  db: Db;
  dbDriver: DbDriver;
  version: string;
  authSecret: string;
  /** Set behind a reverse proxy that writes X-Forwarded-For; otherwise the socket address counts. */
  trustProxy: boolean;
  oauth: { github?: OAuthClient; google?: OAuthClient };
}

const slot = Symbol.for('cohort.server-context');
type WithSlot = typeof globalThis & { [slot]?: ServerContext };

export function setServerContext(context: ServerContext): void {
  (globalThis as WithSlot)[slot] = context;
}

export function serverContext(): ServerContext {
  const context = (globalThis as WithSlot)[slot];
  if (!context) {
    throw new Error('Cohort server context is not set: run the web app through apps/server (`npm start`), not `next start`');
  }
  return context;
}
