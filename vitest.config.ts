import { defineConfig } from 'vitest/config';

const serverSuites = {
  globalSetup: ['tests/support/global-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    // Each integration file starts its own server (Next.js + database): two at a time fit two cores.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // Opening a PGlite database (WASM Postgres) in a hook takes seconds, more under load.
        test: { name: 'unit', include: ['packages/**/*.test.ts', 'apps/**/*.test.ts', 'tests/architecture/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
      },
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], ...serverSuites } },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], ...serverSuites, testTimeout: 120_000 } },
    ],
  },
});
