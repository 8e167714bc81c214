/**
 * Times an async operation the way a slow backend can afford: warm-up runs first (the first run
 * of a TensorFlow.js op compiles its shaders or kernels, which must not count), then measured
 * runs until `maxRuns` or until `budgetMs` is spent, whichever comes first. Runs in a browser
 * Worker and in Node (both have `performance`).
 */
export interface TimedRunsOptions {
  /** Warm-up runs at most; at least one runs, and warm-up stops early once it used a third of the budget. */
  warmupRuns: number;
  maxRuns: number;
  /** Time for the measured runs; a run that starts before it is spent completes. */
  budgetMs: number;
}

export interface TimedRuns {
  /** The first warm-up run: includes shader/kernel compilation and first uploads. */
  firstRunMs: number;
  warmupRuns: number;
  runs: number;
  /** True when the budget, not `maxRuns`, ended the measured runs. */
  stoppedByBudget: boolean;
  medianMs: number;
  p90Ms: number;
  minMs: number;
}

/** BENCH_BUDGET_S (seconds per workload, default 15), BENCH_MAX_RUNS (30), BENCH_WARMUP_RUNS (3). */
export function timedRunsOptionsFromEnv(env: Record<string, string | undefined>): TimedRunsOptions {
  return { budgetMs: Number(env.BENCH_BUDGET_S ?? 15) * 1000, maxRuns: Number(env.BENCH_MAX_RUNS ?? 30), warmupRuns: Number(env.BENCH_WARMUP_RUNS ?? 3) };
}

/** Nearest-rank quantile (q in 0..1) of a non-empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) throw new Error('quantile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export async function timedRuns(run: () => Promise<unknown>, options: TimedRunsOptions): Promise<TimedRuns> {
  const time = async () => {
    const start = performance.now();
    await run();
    return performance.now() - start;
  };
  const firstRunMs = await time();
  let warmupRuns = 1;
  let warmupMs = firstRunMs;
  while (warmupRuns < options.warmupRuns && warmupMs < options.budgetMs / 3) {
    warmupMs += await time();
    warmupRuns++;
  }
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < options.maxRuns && performance.now() - start < options.budgetMs) samples.push(await time());
  return {
    firstRunMs,
    warmupRuns,
    runs: samples.length,
    stoppedByBudget: samples.length < options.maxRuns,
    medianMs: quantile(samples, 0.5),
    p90Ms: quantile(samples, 0.9),
    minMs: Math.min(...samples),
  };
}
