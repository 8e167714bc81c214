import * as Y from 'yjs';
import { openNotebook } from '@cohort/notebook';
import { docSatisfies, within } from '@cohort/sync/testing';
import { connectClient, type BenchUser } from './clients.ts';
import type { RunningServer } from './servers.ts';
import { summarize, type Summary } from './stats.ts';

export interface LoadTimePlan {
  /** Notebooks holding the large document: the first is warmed up and then loaded warm; each other is loaded cold once. */
  notebookIds: string[];
  user: BenchUser;
  cells: number;
  update: Uint8Array;
  runs: number;
}

export interface LoadTimeResult {
  /** Connect → 'sync' of a notebook not in the server's memory; null for the stock server, which keeps nothing. */
  coldMs: Summary | null;
  /** Connect → 'sync' of a notebook the server holds with nobody connected. */
  warmMs: Summary;
}

/** Connect → first 'sync' of a new client, which must then hold every cell. */
async function timedLoad(server: RunningServer, notebookId: string, plan: LoadTimePlan): Promise<number> {
  const start = performance.now();
  const client = connectClient(server, notebookId, plan.user);
  try {
    await within(60_000, 'loading the large notebook', client.synced);
    const ms = performance.now() - start;
    const cells = openNotebook(client.doc).cellIds().length;
    if (cells !== plan.cells) throw new Error(`the ${server.kind} server's large notebook synced with ${cells} cells, not ${plan.cells}`);
    return ms;
  } finally {
    await client.close();
  }
}

/**
 * A client that brings the whole document or waits for all of it, untimed: on our server a cold
 * load that warms up the code paths; on the stock server, which stores nothing, it brings the
 * document, as the first client of a room would.
 */
async function warmUp(server: RunningServer, notebookId: string, plan: LoadTimePlan): Promise<void> {
  const doc = new Y.Doc();
  if (server.kind === 'stock') Y.applyUpdate(doc, plan.update);
  const client = connectClient(server, notebookId, plan.user, doc);
  try {
    await within(60_000, 'warming up the large notebook', client.synced);
    await within(60_000, 'the whole large notebook', docSatisfies(doc, (d) => openNotebook(d).cellIds().length === plan.cells));
  } finally {
    await client.close();
  }
}

export async function runLoadTime(server: RunningServer, plan: LoadTimePlan): Promise<LoadTimeResult> {
  const [first, ...cold] = plan.notebookIds as [string, ...string[]];
  await warmUp(server, first, plan);
  const coldMs: number[] = [];
  if (server.kind === 'cohort') for (const notebookId of cold.slice(0, plan.runs)) coldMs.push(await timedLoad(server, notebookId, plan));
  const warmMs: number[] = [];
  for (let run = 0; run < plan.runs; run++) warmMs.push(await timedLoad(server, first, plan));
  return { coldMs: coldMs.length ? summarize(coldMs) : null, warmMs: summarize(warmMs) };
}
