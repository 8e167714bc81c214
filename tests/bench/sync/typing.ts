import type * as Y from 'yjs';
import { openNotebook, ORIGIN, type Notebook } from '@cohort/notebook';
import { within } from '@cohort/sync/testing';
import { connectClient, firstCell, mapWithLimit, type BenchClient, type BenchUser } from './clients.ts';
import { openWindow, type WindowStats } from './monitor.ts';
import { mulberry32 as seededRandom } from '../../../packages/notebook/test-support/mulberry32.ts';
import type { RunningServer } from './servers.ts';
import { summarize, type Summary } from './stats.ts';

export interface TypingPlan {
  notebookIds: string[];
  writer: BenchUser;
  /** The readers of each notebook. */
  readers: BenchUser[];
  /** Measured keystrokes per writer, typed after `warmup` unmeasured ones. */
  keystrokes: number;
  warmup: number;
  /** Keystrokes per second per writer. */
  rate: number;
}

export interface TypingResult {
  /** From the writer's keystroke to a reader's Y.Text seeing it, over every reader's receipt of every measured keystroke. */
  latencyMs: Summary;
  /** The typing, warm-up included, until the last receipt. */
  window: WindowStats;
  /** Keystrokes typed in the window, by all writers together. */
  typed: number;
}

const code = "const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 64, activation: 'relu' }));\n";

interface Room {
  writer: Notebook;
  cellId: string;
  /** performance.now() of each keystroke; keystroke i is the character at offset i of the cell. */
  sent: number[];
  /** One per reader: resolves once that reader has seen every keystroke. */
  received: Promise<void>[];
}

/** Records a latency for each measured keystroke as it appears in the reader's copy of the cell. */
function recordReceipts(text: Y.Text, sent: number[], plan: TypingPlan, latencies: number[]): Promise<void> {
  const total = plan.warmup + plan.keystrokes;
  let seen = text.length;
  return new Promise((resolve) => {
    const observer = () => {
      const now = performance.now();
      for (; seen < text.length; seen++) if (seen >= plan.warmup) latencies.push(now - sent[seen]!);
      if (seen < total) return;
      text.unobserve(observer);
      resolve();
    };
    text.observe(observer);
  });
}

async function openRoom(server: RunningServer, notebookId: string, plan: TypingPlan, clients: BenchClient[], latencies: number[]): Promise<Room> {
  const writer = connectClient(server, notebookId, plan.writer);
  clients.push(writer);
  await within(30_000, `the writer of ${notebookId} synced`, writer.synced);
  const cellId = await firstCell(server, writer, true);
  const sent: number[] = [];
  const readers = await mapWithLimit(plan.readers, 10, async (user) => {
    const reader = connectClient(server, notebookId, user);
    clients.push(reader);
    await within(30_000, `a reader of ${notebookId} synced`, reader.synced);
    await firstCell(server, reader, false);
    // Wrapped: an async function's returned promise would be awaited here.
    return { received: recordReceipts(openNotebook(reader.doc).sourceText(cellId)!, sent, plan, latencies) };
  });
  return { writer: openNotebook(writer.doc), cellId, sent, received: readers.map((r) => r.received) };
}

/** Types `total` characters at the end of the room's cell, one every `intervalMs`, starting after `delayMs`. */
function type(room: Room, total: number, intervalMs: number, delayMs: number): Promise<void> {
  return new Promise((resolve) => {
    const start = performance.now() + delayMs;
    let i = 0;
    const keystroke = () => {
      room.sent[i] = performance.now();
      room.writer.editSource(room.cellId, i, 0, code[i % code.length]!, ORIGIN.user);
      if (++i === total) return resolve();
      setTimeout(keystroke, Math.max(0, start + i * intervalMs - performance.now()));
    };
    setTimeout(keystroke, delayMs);
  });
}

/** Each notebook's writer types while its readers watch; every writer types at once, out of phase. */
export async function runTyping(server: RunningServer, plan: TypingPlan): Promise<TypingResult> {
  const clients: BenchClient[] = [];
  const latencies: number[] = [];
  try {
    const rooms = await mapWithLimit(plan.notebookIds, 10, (id) => openRoom(server, id, plan, clients, latencies));
    const closeWindow = await openWindow(server);
    const intervalMs = 1000 / plan.rate;
    const random = seededRandom(7);
    await Promise.all(rooms.map((room) => type(room, plan.warmup + plan.keystrokes, intervalMs, random() * intervalMs)));
    await within(60_000, 'every reader seeing every keystroke', Promise.all(rooms.flatMap((room) => room.received)));
    const window = await closeWindow();
    const expected = plan.notebookIds.length * plan.readers.length * plan.keystrokes;
    if (latencies.length !== expected) throw new Error(`expected ${expected} receipts, recorded ${latencies.length}`);
    return { latencyMs: summarize(latencies), window, typed: rooms.length * (plan.warmup + plan.keystrokes) };
  } finally {
    await Promise.all(clients.map((client) => client.close()));
  }
}
