import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const config: NextConfig = {
  // Workspace packages ship TypeScript source.
  transpilePackages: ['@cohort/db', '@cohort/notebook', '@cohort/sync-auth'],
  // Native and WASM modules are loaded by Node at run time, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', '@node-rs/argon2'],
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
