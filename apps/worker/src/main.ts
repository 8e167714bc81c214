// `npm run start:worker`: a kernel worker as a process of its own, against the Postgres at DATABASE_URL.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { runService } from '@cohort/config';
import { createDatabase, migrate, readMigrations } from '@cohort/db';
import { readWorkerEnv, workerLimits } from './env.ts';
import { createWorker } from './worker.ts';

await runService(async () => {
  const env = readWorkerEnv();
  const database = await createDatabase({ driver: 'postgres', url: env.DATABASE_URL, maxConnections: 4 });
  await migrate(database, readMigrations(resolve(import.meta.dirname, '../../../migrations')));
  const server = http.createServer((_request, response) => response.writeHead(404).end());
  await new Promise<void>((done) => server.listen(env.PORT, env.HOST, done));
  const { port } = server.address() as AddressInfo;
  const worker = await createWorker({
    db: database.db,
    authSecret: env.AUTH_SECRET,
    url: env.COHORT_WORKER_URL ?? `ws://127.0.0.1:${port}`,
    ...workerLimits(env),
    kernelEnv: env.kernelEnv,
  });
  server.on('upgrade', (request, socket, head) => {
    if (!worker.handleUpgrade(request, socket, head)) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });
  console.log(`Cohort worker ${worker.id} is running at ${worker.url} (backends: ${worker.backends.join(', ')}; device: ${worker.device}; capacity ${env.COHORT_WORKER_CAPACITY})`);
  return {
    stopping: 'ending the kernels and shutting down',
    close: async () => {
      await worker.close();
      server.close();
      await database.close();
    },
  };
});
