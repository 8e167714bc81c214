import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { RunningServer } from './servers.ts';

/** What a scenario cost, measured over its timed part. CPU figures are percent of one core. */
export interface WindowStats {
  seconds: number;
  serverCpuMs: number;
  serverCpuPercent: number;
  /** The highest RSS sampled (every 500 ms). */
  serverPeakRssMb: number;
  /** The benchmark process, which runs every client: near 100, the clients set the pace. */
  clientCpuPercent: number;
  /**
   * Everything else on the machine (Postgres included, and whatever else runs there): when it is
   * high, the latencies measure contention too. Null without /proc/stat.
   */
  otherCpuPercent: number | null;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

/** Jiffies of the whole machine from /proc/stat: busy and total. */
function machineTicks(): { busy: number; total: number } | null {
  try {
    // user nice system idle iowait irq softirq steal (guest time is counted in user already)
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = fields.reduce((sum, v) => sum + v, 0);
    return { busy: total - fields[3]! - fields[4]!, total };
  } catch {
    return null;
  }
}

/** Starts measuring; the function returned stops and reports. */
export async function openWindow(server: RunningServer): Promise<() => Promise<WindowStats>> {
  const start = await server.stats();
  const startWall = performance.now();
  const startClient = process.cpuUsage();
  const startMachine = machineTicks();
  let peakRss = start.rss;
  let sampling: Promise<void> | null = null;
  const timer = setInterval(() => {
    sampling ??= server
      .stats()
      .then((stats) => void (peakRss = Math.max(peakRss, stats.rss)))
      .finally(() => (sampling = null));
  }, 500);
  return async () => {
    clearInterval(timer);
    await sampling;
    const end = await server.stats();
    const wallMicros = (performance.now() - startWall) * 1000;
    const client = process.cpuUsage(startClient);
    const endMachine = machineTicks();
    const serverCpuPercent = ((end.cpuMicros - start.cpuMicros) / wallMicros) * 100;
    const clientCpuPercent = ((client.user + client.system) / wallMicros) * 100;
    const machineCores = startMachine && endMachine ? ((endMachine.busy - startMachine.busy) / (endMachine.total - startMachine.total)) * cpus().length : null;
    return {
      seconds: wallMicros / 1e6,
      serverCpuMs: (end.cpuMicros - start.cpuMicros) / 1000,
      serverCpuPercent,
      serverPeakRssMb: mb(Math.max(peakRss, end.rss)),
      clientCpuPercent,
      otherCpuPercent: machineCores === null ? null : Math.max(0, machineCores * 100 - serverCpuPercent - clientCpuPercent),
    };
  };
}
