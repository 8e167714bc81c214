import { within } from '@cohort/sync/testing';
import { connectClient, firstCell, mapWithLimit, type BenchClient, type BenchUser } from './clients.ts';
import type { RunningServer, ServerStats } from './servers.ts';

export interface PerNotebook {
  /** V8 heap plus external memory (Buffers), after a full GC. */
  heapKb: number;
  rssKb: number;
}

export interface IdleMemoryResult {
  notebooks: number;
  /** Each notebook loaded with its one client connected and idle. */
  withClient: PerNotebook;
  /** Each notebook still loaded once its client has left (ours keeps it idleUnloadMs, 30 s; the stock server for good). */
  withoutClient: PerNotebook;
}

const perNotebook = (from: ServerStats, to: ServerStats, count: number): PerNotebook => ({
  heapKb: (to.heapUsed + to.external - from.heapUsed - from.external) / count / 1024,
  rssKb: (to.rss - from.rss) / count / 1024,
});

/** Server memory growth per loaded notebook (the seeded new-notebook document), measured after full GCs. */
export async function runIdleMemory(server: RunningServer, notebookIds: string[], user: BenchUser): Promise<IdleMemoryResult> {
  const clients: BenchClient[] = [];
  try {
    const before = await server.stats({ gc: true });
    await mapWithLimit(notebookIds, 20, async (notebookId) => {
      const client = connectClient(server, notebookId, user);
      clients.push(client);
      await within(30_000, `notebook ${notebookId} synced`, client.synced);
      await firstCell(server, client, true);
    });
    const loaded = await server.stats({ gc: true });
    await Promise.all(clients.splice(0).map((client) => client.close()));
    const left = await server.stats({ gc: true });
    return {
      notebooks: notebookIds.length,
      withClient: perNotebook(before, loaded, notebookIds.length),
      withoutClient: perNotebook(before, left, notebookIds.length),
    };
  } finally {
    await Promise.all(clients.map((client) => client.close()));
  }
}
