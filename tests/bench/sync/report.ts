import { execFileSync } from 'node:child_process';
import type { DbDriver } from '@cohort/db';
import { machineInfo } from '../support/backend-report.ts';
import type { BenchConfig } from './config.ts';
import type { IdleMemoryResult } from './idle-memory.ts';
import type { LoadTimeResult } from './load-time.ts';
import { serverKinds, type ServerKind } from './servers.ts';
import type { TypingResult } from './typing.ts';

export interface KindResults {
  typingOne: TypingResult;
  typingMany: TypingResult;
  loadTime: LoadTimeResult;
  idleMemory: IdleMemoryResult;
}

export type Results = Record<ServerKind, KindResults>;

export interface Row {
  section: string;
  metric: string;
  cohort: number | null;
  stock: number | null;
  /** cohort / stock: below 1, ours is better (every metric here is lower-is-better). */
  ratio: number | null;
}

function typingRows(section: string, cohort: TypingResult, stock: TypingResult): Omit<Row, 'ratio'>[] {
  const row = (metric: string, pick: (r: TypingResult) => number | null) => ({ section, metric, cohort: pick(cohort), stock: pick(stock) });
  return [
    row('fan-out latency p50 (ms)', (r) => r.latencyMs.p50),
    row('fan-out latency p95 (ms)', (r) => r.latencyMs.p95),
    row('fan-out latency p99 (ms)', (r) => r.latencyMs.p99),
    row('fan-out latency max (ms)', (r) => r.latencyMs.max),
    row('server CPU (% of one core)', (r) => r.window.serverCpuPercent),
    // Less sensitive than latency to other processes on the machine.
    row('server CPU per keystroke (µs)', (r) => (r.window.serverCpuMs * 1000) / r.typed),
    row('server peak RSS (MB)', (r) => r.window.serverPeakRssMb),
    row('client process CPU (% of one core)', (r) => r.window.clientCpuPercent),
    row('other processes CPU (% of one core)', (r) => r.window.otherCpuPercent),
  ];
}

export function tableRows(config: BenchConfig, results: Results): Row[] {
  const { cohort, stock } = results;
  const idle = `Idle notebooks (${config.idleNotebooks} loaded, seeded new-notebook document)`;
  const load = `Load of a ${config.loadCells.toLocaleString('en')}-cell notebook, connect → sync (p50 of ${config.loadRuns})`;
  const rows: Omit<Row, 'ratio'>[] = [
    ...typingRows(`A: 1 writer + ${config.readers} readers, ${config.keystrokes} keystrokes at ${config.rate}/s`, cohort.typingOne, stock.typingOne),
    ...typingRows(
      `B: ${config.notebooks} notebooks × ${config.clientsPerNotebook} clients, ${config.writerKeystrokes} keystrokes per writer at ${config.rate}/s`,
      cohort.typingMany,
      stock.typingMany,
    ),
    { section: idle, metric: 'per notebook with its idle client, heap (KB)', cohort: cohort.idleMemory.withClient.heapKb, stock: stock.idleMemory.withClient.heapKb },
    { section: idle, metric: 'per notebook with its idle client, RSS (KB)', cohort: cohort.idleMemory.withClient.rssKb, stock: stock.idleMemory.withClient.rssKb },
    { section: idle, metric: 'per notebook, client gone, heap (KB)', cohort: cohort.idleMemory.withoutClient.heapKb, stock: stock.idleMemory.withoutClient.heapKb },
    { section: idle, metric: 'per notebook, client gone, RSS (KB)', cohort: cohort.idleMemory.withoutClient.rssKb, stock: stock.idleMemory.withoutClient.rssKb },
    { section: load, metric: 'warm: held in memory (ms)', cohort: cohort.loadTime.warmMs.p50, stock: stock.loadTime.warmMs.p50 },
    // The stock server has no cold load: its figure here is its (only) in-memory load.
    { section: load, metric: 'cold: from the database (ms) vs stock in memory', cohort: cohort.loadTime.coldMs?.p50 ?? null, stock: stock.loadTime.warmMs.p50 },
  ];
  return rows.map((row) => ({ ...row, ratio: row.cohort !== null && row.stock ? row.cohort / row.stock : null }));
}

/** What may have set the pace of a typing scenario besides the server under test. */
export function contentionNotes(results: Results, driver: DbDriver): string[] {
  return serverKinds.flatMap((kind) =>
    (['A', 'B'] as const).flatMap((scenario) => {
      const { clientCpuPercent, otherCpuPercent } = results[kind][scenario === 'A' ? 'typingOne' : 'typingMany'].window;
      const notes: string[] = [];
      if (clientCpuPercent > 85) notes.push(`in ${scenario} (${kind}) the clients' process ran at ${clientCpuPercent.toFixed(0)}% of a core: its queueing is in the latencies.`);
      if (otherCpuPercent !== null && otherCpuPercent > 25) {
        const postgres = driver === 'postgres' ? ' (Postgres among them)' : '';
        notes.push(`in ${scenario} (${kind}) other processes used ${otherCpuPercent.toFixed(0)}% of a core${postgres}: the latencies include that contention.`);
      }
      return notes;
    }),
  );
}

const format = (value: number | null): string => {
  if (value === null) return '—';
  const abs = Math.abs(value);
  return value.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : 2);
};

export function printTable(rows: Row[]): void {
  const width = Math.max(...rows.map((r) => r.metric.length)) + 2;
  const column = (text: string) => text.padStart(10);
  let section = '';
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      console.log(`\n${section}\n${''.padEnd(width + 2)}${column('Cohort')}${column('stock')}${column('ratio')}`);
    }
    console.log(`  ${row.metric.padEnd(width)}${column(format(row.cohort))}${column(format(row.stock))}${column(format(row.ratio))}`);
  }
}

export function machine(driver: DbDriver) {
  return {
    ...machineInfo(),
    database: driver === 'pglite' ? 'PGlite (embedded, temporary directory)' : 'Postgres (DATABASE_URL, fresh database)',
  };
}

/** The commit measured, and the files the working tree changes on top of it (figures from a dirty tree say so). */
export function sourceState(): { commit: string; uncommitted: string[] } {
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
  return { commit: git('rev-parse', 'HEAD'), uncommitted: git('status', '--porcelain', '--', 'apps/sync', 'packages').split('\n').filter(Boolean) };
}
