// Loaded with `--import` into each server process under test: answers the benchmark's stats
// queries over the IPC channel, so both servers are measured the same way, from outside their code.

export interface StatsRequest {
  type: 'bench-stats';
  id: number;
  /** Collect garbage first (the process runs with --expose-gc), for memory figures. */
  gc: boolean;
}

export interface ServerStats {
  /** User plus system CPU time since the process started. */
  cpuMicros: number;
  rss: number;
  heapUsed: number;
  /** Memory outside the V8 heap held by JS objects (Buffers, ArrayBuffers). */
  external: number;
}

export interface StatsReply {
  type: 'bench-stats';
  id: number;
  stats: ServerStats;
}

const gc = (globalThis as { gc?: () => void }).gc;

process.on('message', (received: unknown) => {
  const message = received as Partial<StatsRequest> | null;
  if (message?.type !== 'bench-stats' || typeof message.id !== 'number') return;
  if (message.gc) {
    if (!gc) throw new Error('probe.ts: start the server with --expose-gc');
    gc();
  }
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  const reply: StatsReply = {
    type: 'bench-stats',
    id: message.id,
    stats: { cpuMicros: cpu.user + cpu.system, rss: memory.rss, heapUsed: memory.heapUsed, external: memory.external },
  };
  process.send?.(reply);
});
// The benchmark went away (even killed): so does the server.
process.on('disconnect', () => process.exit(1));
