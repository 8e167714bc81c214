import { describe, expect, it } from 'vitest';
import { readRunRecord, runRecordMetadata, RUN_RECORD_KEY, type RunRecord } from './run-record.ts';

const record: RunRecord = { by: 'u1', byName: 'Ana Lima', at: '2026-11-26T10:00:00.000Z', runtime: 'browser', backend: 'webgpu', device: 'NVIDIA H100', durationMs: 1234, status: 'done' };

describe('run record', () => {
  it('reads back what was written into the metadata', () => {
    expect(readRunRecord({ [RUN_RECORD_KEY]: runRecordMetadata(record) })).toEqual(record);
  });

  it('ignores a missing or malformed record instead of trusting a peer', () => {
    expect(readRunRecord({})).toBeNull();
    expect(readRunRecord({ [RUN_RECORD_KEY]: { run: { ...record, durationMs: '1s' } } })).toBeNull();
    expect(readRunRecord({ [RUN_RECORD_KEY]: { run: { ...record, status: 'running' } } })).toBeNull();
  });
});
