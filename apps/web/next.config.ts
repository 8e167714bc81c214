import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const config: NextConfig = {
  // Workspace packages ship TypeScript source.
  transpilePackages: ['@cohort/db', '@cohort/notebook', '@cohort/sync-auth'],
  // Loaded by Node at run time, not bundled: native and WASM modules, and Yjs, whose type checks
  // need one copy per process (the sync server's documents and the web app's server code share it).
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', '@node-rs/argon2', 'yjs'],
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
