// `npm run bench:sync`: Cohort's sync server (persistence on) against the stock @y/websocket-server,
// scenario by scenario in one run, each on a fresh server process. Prints the figures with the
// ratio ours/stock and writes them to bench-results/sync.json. Sizes: config.ts (BENCH_*).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBenchConfig } from './config.ts';
import { prepareDatabase } from './database.ts';
import { runIdleMemory } from './idle-memory.ts';
import { largeNotebookUpdate } from './large-notebook.ts';
import { runLoadTime } from './load-time.ts';
import { contentionNotes, machine, printTable, sourceState, tableRows, type KindResults, type Results } from './report.ts';
import { serverKinds, startServer, stockServerVersions, type RunningServer, type ServerKind } from './servers.ts';
import { runTyping } from './typing.ts';

// Every WebsocketProvider listens for the process' exit.
process.setMaxListeners(0);
// Ctrl-C still runs the exit hook that kills the server processes.
process.once('SIGINT', () => process.exit(130));

const config = readBenchConfig();
const largeUpdate = largeNotebookUpdate(config.loadCells);
const database = await prepareDatabase(config, largeUpdate);
const { notebooks } = database;
const owner = { id: database.ownerId, role: 'owner' as const };
const viewers = (count: number) => database.readerIds.slice(0, count).map((id) => ({ id, role: 'viewer' as const }));
const typing = { warmup: config.warmup, rate: config.rate, writer: owner };

const scenarios: { [K in keyof KindResults]: (server: RunningServer) => Promise<KindResults[K]> } = {
  typingOne: (server) => runTyping(server, { ...typing, notebookIds: [notebooks.typingOne], readers: viewers(config.readers), keystrokes: config.keystrokes }),
  typingMany: (server) =>
    runTyping(server, { ...typing, notebookIds: notebooks.typingMany, readers: viewers(config.clientsPerNotebook - 1), keystrokes: config.writerKeystrokes }),
  loadTime: (server) => runLoadTime(server, { notebookIds: notebooks.large, user: owner, cells: config.loadCells, update: largeUpdate, runs: config.loadRuns }),
  idleMemory: (server) => runIdleMemory(server, notebooks.idle, owner),
};

const measured: Record<ServerKind, Partial<KindResults>> = { cohort: {}, stock: {} };
async function measure<K extends keyof KindResults>(name: K): Promise<void> {
  for (const kind of serverKinds) {
    console.error(`${name}: ${kind} server`);
    const server = await startServer(kind, database, config.cpuProfileDir);
    try {
      measured[kind][name] = await scenarios[name](server);
    } finally {
      await server.stop();
    }
  }
}

try {
  for (const name of Object.keys(scenarios) as (keyof KindResults)[]) await measure(name);
} finally {
  await database.remove();
}

const results = measured as Results;
const stock = stockServerVersions();
const host = machine(database.driver);
const rows = tableRows(config, results);
const p99Ratio = {
  typingOne: results.cohort.typingOne.latencyMs.p99 / results.stock.typingOne.latencyMs.p99,
  typingMany: results.cohort.typingMany.latencyMs.p99 / results.stock.typingMany.latencyMs.p99,
};
const goalMet = p99Ratio.typingOne <= 1 && p99Ratio.typingMany <= 1;
const date = new Date().toISOString();

console.log(
  `\nSync benchmark: Cohort (apps/sync, persistence on, ${database.driver}) vs @y/websocket-server ${stock.server} (ws ${stock.ws}, as shipped)` +
    `\n${host.cpus} × ${host.cpuModel}, Node ${host.node}, ${date}`,
);
printTable(rows);
console.log(`\np99 ratio (Cohort / stock, goal ≤ 1.0): A ${p99Ratio.typingOne.toFixed(2)}, B ${p99Ratio.typingMany.toFixed(2)}: goal ${goalMet ? 'met' : 'NOT met'}`);
for (const note of contentionNotes(results, database.driver)) console.log(`Note: ${note}`);

const file = join(import.meta.dirname, '../../../bench-results/sync.json');
mkdirSync(join(file, '..'), { recursive: true });
writeFileSync(
  file,
  `${JSON.stringify(
    {
      benchmark: 'sync',
      date,
      machine: host,
      source: sourceState(),
      servers: {
        cohort: 'apps/sync createSyncServer, write-ahead persistence on, default options, own process',
        stock: `@y/websocket-server ${stock.server} src/server.js as shipped (ws ${stock.ws}, no persistence), own process`,
      },
      config: { ...config, databaseUrl: undefined, cpuProfileDir: undefined },
      p99Ratio,
      goal: { p99RatioAtMost: 1, met: goalMet },
      table: rows,
      results,
    },
    null,
    2,
  )}\n`,
);
console.log(`Figures written to ${file}`);
process.exit(0);
