/**
 * Each executed cell keeps a record of its last run in its metadata (so it is exported in .ipynb):
 * `metadata.cohort.run` = who ran it, when, on which runtime, backend and device, and how long.
 */
import { RUN_STATES, type FinishedRunState, type JsonObject, type JsonValue } from '@cohort/notebook';

export const RUN_RECORD_KEY = 'cohort';

export interface RunRecord {
  /** User id of whoever pressed Run. */
  by: string;
  /** Their name when the run finished, for collaborators who never met them in the notebook. */
  byName?: string;
  /** When it started, ISO 8601. */
  at: string;
  runtime: string;
  backend: string;
  device: string;
  durationMs: number;
  status: FinishedRunState;
}

/** The metadata value stored under RUN_RECORD_KEY. */
export function runRecordMetadata(record: RunRecord): JsonValue {
  return { run: { ...record } };
}

/** The cell's run record, or null when it has none or a peer wrote a malformed one. */
export function readRunRecord(metadata: JsonObject): RunRecord | null {
  const value = metadata[RUN_RECORD_KEY];
  const run = value && typeof value === 'object' && !Array.isArray(value) ? value.run : undefined;
  if (!run || typeof run !== 'object' || Array.isArray(run)) return null;
  const { by, byName, at, runtime, backend, device, durationMs, status } = run;
  const strings = [by, at, runtime, backend, device];
  if (!strings.every((field) => typeof field === 'string') || typeof durationMs !== 'number') return null;
  if (status === 'queued' || status === 'running' || !RUN_STATES.includes(status as FinishedRunState)) return null;
  const record = { by, at, runtime, backend, device, durationMs, status } as RunRecord;
  return typeof byName === 'string' ? { ...record, byName } : record;
}
