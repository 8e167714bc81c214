import { describe, expect, it } from 'vitest';
import { formatDuration, runRecordLabel } from './run-status.ts';

describe('run status', () => {
  it('formats durations the way people read them', () => {
    expect(formatDuration(42)).toBe('42 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });

  it('says who ran the cell, how long it took and where', () => {
    const record = { by: 'u1', byName: 'Ana Lima', at: '2026-11-26T10:00:00Z', runtime: 'browser', backend: 'webgpu', device: 'NVIDIA H100', durationMs: 1500, status: 'done' } as const;
    expect(runRecordLabel(record, 'u2')).toBe('Ran by Ana Lima · 1.5 s · WebGPU (NVIDIA H100)');
    expect(runRecordLabel({ ...record, status: 'error' }, 'u1')).toBe('Error · run by you · 1.5 s · WebGPU (NVIDIA H100)');
    expect(runRecordLabel({ ...record, runtime: 'remote' }, 'u2')).toBe('Ran by Ana Lima · 1.5 s · Remote GPU · WebGPU (NVIDIA H100)');
  });
});
