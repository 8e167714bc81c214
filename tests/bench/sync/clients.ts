import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { openNotebook } from '@cohort/notebook';
import { notebookSeed } from '@cohort/sync';
import type { SyncRole } from '@cohort/sync-auth';
import { createSyncTokens } from '@cohort/sync-auth/token';
import { docSatisfies, within } from '@cohort/sync/testing';
import { benchOrigin, benchSecret, type RunningServer } from './servers.ts';

/** A stock WebsocketProvider as a browser tab on Cohort's origin runs it. */
export interface BenchClient {
  doc: Y.Doc;
  /** Resolves at the first 'sync' event; rejects when the server closes the socket for good. */
  synced: Promise<void>;
  /** Destroys the provider and resolves once its socket has closed. */
  close(): Promise<void>;
}

export interface BenchUser {
  id: string;
  role: SyncRole;
}

const tokens = createSyncTokens({ secret: benchSecret });

/** Both servers get the same URL, token and Origin header; the stock server ignores the last two. */
export function connectClient(server: RunningServer, notebookId: string, user: BenchUser, doc = new Y.Doc()): BenchClient {
  const token = tokens.sign({
    sub: user.id,
    nb: notebookId,
    role: user.role,
    name: 'Bench',
    handle: 'bench',
    color: '#3b82f6',
    exp: Math.floor(Date.now() / 1000) + 300,
  });
  let socket: WebSocket | null = null;
  class BrowserLikeSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { origin: benchOrigin });
      socket = this;
    }
  }
  const provider = new WebsocketProvider(server.url, notebookId, doc, {
    params: { token },
    WebSocketPolyfill: BrowserLikeSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const synced = new Promise<void>((resolve, reject) => {
    provider.on('sync', (state) => state && resolve());
    provider.on('closed', ({ code, reason }) => reject(new Error(`the ${server.kind} server closed a socket of notebook ${notebookId}: ${code} ${reason}`)));
  });
  return {
    doc,
    synced,
    async close() {
      const last = socket;
      provider.destroy();
      if (last && last.readyState !== WebSocket.CLOSED) await within(10_000, 'closing a client socket', new Promise((resolve) => last.once('close', resolve)));
    },
  };
}

/**
 * The id of the notebook's first cell, once `client` holds it. Our server seeds a new notebook
 * itself; the stock server seeds nothing, so there the first client (`seed`) writes the same seed.
 */
export async function firstCell(server: RunningServer, client: BenchClient, seed: boolean): Promise<string> {
  if (seed && server.kind === 'stock' && openNotebook(client.doc).schemaVersion === null) {
    notebookSeed(client.doc, { id: 'bench', title: 'Bench notebook' });
  }
  await within(30_000, 'the seeded notebook', docSatisfies(client.doc, (doc) => openNotebook(doc).cellIds().length > 0));
  return openNotebook(client.doc).cellIds()[0]!;
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the order of the results. */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
