/**
 * Reporting for the backend benchmarks (browser and Node): one row per TensorFlow.js backend, times
 * as ratios to a reference backend, the machine, and the JSON file under bench-results/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { failed, matMulSize, trainBatch, type WorkloadFailure, type WorkloadResults } from './tf-workloads.ts';
import type { TimedRuns } from './timed-runs.ts';

export type BackendRun =
  | {
      backend: string;
      ok: true;
      /** The adapter, renderer or CPU the backend ran on, in words. */
      device: string;
      /** What the host could learn about the device (adapter info, wasm features). */
      details: Record<string, unknown>;
      workloads: WorkloadResults;
    }
  | { backend: string; ok: false; error: string; details?: Record<string, unknown> };

export interface BackendRow {
  backend: string;
  matMulMedianMs: number | null;
  matMulP90Ms: number | null;
  matMulGflops: number | null;
  matMulRuns: number | null;
  /** time_backend / time_reference for the matMul median: below 1 the backend is faster. */
  matMulRatio: number | null;
  trainStepMedianMs: number | null;
  trainStepP90Ms: number | null;
  trainStepRuns: number | null;
  trainStepRatio: number | null;
}

export function backendRows(runs: readonly BackendRun[], reference: string): BackendRow[] {
  const workloadsOf = (run: BackendRun | undefined) => (run?.ok ? run.workloads : undefined);
  const referenceWorkloads = workloadsOf(runs.find((run) => run.backend === reference));
  const succeeded = <T extends object>(result: T | WorkloadFailure | undefined) => (result && !failed(result) ? result : undefined);
  const ratio = (value: TimedRuns | undefined, referenceValue: TimedRuns | undefined) => (value && referenceValue ? value.medianMs / referenceValue.medianMs : null);
  return runs.map((run) => {
    const matMul = succeeded(workloadsOf(run)?.matMul);
    const trainStep = succeeded(workloadsOf(run)?.trainStep);
    return {
      backend: run.backend,
      matMulMedianMs: matMul?.medianMs ?? null,
      matMulP90Ms: matMul?.p90Ms ?? null,
      matMulGflops: matMul?.gflops ?? null,
      matMulRuns: matMul?.runs ?? null,
      matMulRatio: ratio(matMul, succeeded(referenceWorkloads?.matMul)),
      trainStepMedianMs: trainStep?.medianMs ?? null,
      trainStepP90Ms: trainStep?.p90Ms ?? null,
      trainStepRuns: trainStep?.runs ?? null,
      trainStepRatio: ratio(trainStep, succeeded(referenceWorkloads?.trainStep)),
    };
  });
}

const format = (value: number | null): string => {
  if (value === null) return '—';
  const abs = Math.abs(value);
  return value.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : 2);
};

/** Prints each backend's device (or why it failed), then the table of times and ratios. */
export function printBackendTable(runs: readonly BackendRun[], reference: string): void {
  for (const run of runs) {
    console.log(`  ${run.backend.padEnd(10)} ${run.ok ? run.device : `FAILED: ${run.error}`}`);
    const known = Object.entries(run.details ?? {}).filter(([, value]) => value !== undefined && value !== '');
    if (known.length) console.log(`  ${''.padEnd(10)} ${known.map(([key, value]) => `${key}: ${String(value)}`).join(', ')}`);
  }
  for (const run of runs) {
    if (!run.ok) continue;
    const { matMul, trainStep } = run.workloads;
    if (failed(matMul)) console.log(`  Note: ${run.backend} matMul FAILED: ${matMul.error}`);
    else if (matMul.maxRelativeError > 1e-3) console.log(`  Note: ${run.backend} matMul entries differ from JavaScript's by up to ${matMul.maxRelativeError.toExponential(1)} (relative)`);
    if (failed(trainStep)) console.log(`  Note: ${run.backend} training step FAILED: ${trainStep.error}`);
    else if (!Number.isFinite(trainStep.lastLoss)) console.log(`  Note: ${run.backend} training step gave a loss of ${trainStep.lastLoss}`);
  }
  const columns = [
    ['backend', 10],
    ['matMul ms', 11],
    ['p90', 8],
    ['GFLOP/s', 9],
    ['runs', 6],
    [`÷${reference}`, 9],
    ['train ms', 10],
    ['p90', 8],
    ['runs', 6],
    [`÷${reference}`, 9],
  ] as const;
  const line = (cells: string[]) => console.log(`  ${cells.map((cell, index) => (index === 0 ? cell.padEnd(columns[0][1]) : cell.padStart(columns[index]![1]))).join('')}`);
  console.log(`\n  matMul: ${matMulSize}×${matMulSize} float32 until data() resolves; train: one trainOnBatch of a small CNN on ${trainBatch.size} ${trainBatch.height}×${trainBatch.width}×${trainBatch.channels} images (medians after warm-up)`);
  line(columns.map(([title]) => title));
  for (const row of backendRows(runs, reference)) {
    const count = (value: number | null) => (value === null ? '—' : String(value));
    line([
      row.backend,
      ...[row.matMulMedianMs, row.matMulP90Ms, row.matMulGflops].map(format),
      count(row.matMulRuns),
      format(row.matMulRatio),
      format(row.trainStepMedianMs),
      format(row.trainStepP90Ms),
      count(row.trainStepRuns),
      format(row.trainStepRatio),
    ]);
  }
  console.log(`  ÷${reference}: time_backend / time_${reference} (median); below 1 the backend is faster than ${reference}, above 1 slower.`);
  const referenceRun = runs.find((run) => run.backend === reference);
  const missing = referenceRun?.ok ? (['matMul', 'trainStep'] as const).filter((name) => failed(referenceRun.workloads[name])) : ['matMul', 'trainStep'];
  if (missing.length) console.log(`  No ÷${reference} ratio for ${missing.join(' and ')}: ${reference} has no figure for it (see above).`);
}

export function machineInfo() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** Writes bench-results/<name>.json (git-ignored) and returns its path. */
export function writeBenchResults(name: string, figures: object): string {
  const file = join(import.meta.dirname, '../../../bench-results', `${name}.json`);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ benchmark: name, date: new Date().toISOString(), ...figures }, null, 2)}\n`);
  return file;
}
