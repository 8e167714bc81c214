// Cohort's sync server as the benchmark runs it: a process of its own on the run's database (a
// PGlite directory or a Postgres URL), with write-ahead persistence and every other default on.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDatabase } from '@cohort/db';
import { createSyncServer, notebookSeed } from '@cohort/sync';

const { BENCH_DB_DRIVER: driver, BENCH_DB_LOCATION: location, BENCH_AUTH_SECRET: authSecret, BENCH_ORIGIN: origin, PORT: port } = process.env;
if (!location || !authSecret || !origin || !port || (driver !== 'pglite' && driver !== 'postgres')) {
  throw new Error('our-server.ts is started by the sync benchmark (servers.ts), which sets BENCH_* and PORT');
}

const database = await createDatabase(driver === 'postgres' ? { driver, url: location } : { driver, dataDir: location });
const sync = createSyncServer({ db: database.db, authSecret, allowedOrigins: [origin], seed: notebookSeed });
const server = http.createServer((_request, response) => response.writeHead(404).end());
server.on('upgrade', (request, socket, head) => sync.handleUpgrade(request, socket, head));
await new Promise<void>((resolve) => server.listen(Number(port), '127.0.0.1', resolve));
// The stock server's start-up line, which servers.ts waits for.
console.log(`running at '127.0.0.1' on port ${(server.address() as AddressInfo).port}`);

process.once('SIGTERM', () => {
  void (async () => {
    await sync.close();
    server.close();
    await database.close();
    process.exit(0);
  })();
});
