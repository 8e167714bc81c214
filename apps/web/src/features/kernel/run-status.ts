import type { RunRecord } from '@cohort/session';
import { backendLabel } from './kernel-label.ts';

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

const outcome = { done: 'Ran by', error: 'Error · run by', aborted: 'Stopped · run by' } as const;

/** "Ran by Ana Lima · 1.2 s · WebGPU (NVIDIA H100)" for a cell's last run. */
export function runRecordLabel(record: RunRecord, selfId: string | null): string {
  const who = record.by === selfId ? 'you' : (record.byName ?? 'a collaborator');
  const backend = backendLabel({ name: record.backend as Parameters<typeof backendLabel>[0]['name'], device: record.device, software: false });
  const where = record.runtime === 'remote' ? `Remote GPU · ${backend}` : backend;
  return `${outcome[record.status]} ${who} · ${formatDuration(record.durationMs)} · ${where}`;
}
