// `npm run start:sync`: the sync server as a process of its own, next to web instances on the same Postgres.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { runService } from '@cohort/config';
import { createDatabase, migrate, readMigrations } from '@cohort/db';
import { readSyncEnv } from './env.ts';
import { notebookSeed } from './notebook-seed.ts';
import { createSyncServer } from './sync-server.ts';

await runService(async () => {
  const env = readSyncEnv();
  const database = await createDatabase({ driver: 'postgres', url: env.DATABASE_URL });
  await migrate(database, readMigrations(resolve(import.meta.dirname, '../../../migrations')));
  const sync = createSyncServer({
    db: database.db,
    authSecret: env.AUTH_SECRET,
    allowedOrigins: env.ALLOWED_ORIGINS,
    seed: notebookSeed,
    autoVersionIntervalMs: env.COHORT_AUTO_VERSION_MINUTES * 60_000,
    sessions: { livenessMs: env.COHORT_WORKER_LIVENESS_SECONDS * 1000 },
  });
  const server = http.createServer((_request, response) => response.writeHead(404).end());
  server.on('upgrade', (request, socket, head) => sync.handleUpgrade(request, socket, head));
  await new Promise<void>((done) => server.listen(env.PORT, env.HOST, done));
  console.log(`Cohort sync is running at ws://localhost:${(server.address() as AddressInfo).port}/sync`);
  return {
    stopping: 'storing pending updates and shutting down',
    close: async () => {
      await sync.close();
      server.close();
      await database.close();
    },
  };
});
