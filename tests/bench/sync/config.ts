/** Sizes of the sync benchmark. The defaults run both servers in about five minutes on two cores. */
export interface BenchConfig {
  /** Scenario A: readers of the one notebook (BENCH_READERS). */
  readers: number;
  /** Scenario A: measured keystrokes (BENCH_KEYSTROKES). */
  keystrokes: number;
  /** Scenario B: notebooks typed into at once (BENCH_NOTEBOOKS). */
  notebooks: number;
  /** Scenario B: clients per notebook, one of them the writer (BENCH_CLIENTS_PER_NOTEBOOK). */
  clientsPerNotebook: number;
  /** Scenario B: measured keystrokes per writer (BENCH_WRITER_KEYSTROKES). */
  writerKeystrokes: number;
  /** Keystrokes each writer types first, left out of the figures (BENCH_WARMUP). */
  warmup: number;
  /** Typing speed per writer, keystrokes per second (BENCH_RATE). */
  rate: number;
  /** Notebooks loaded for the memory figure (BENCH_IDLE_NOTEBOOKS). */
  idleNotebooks: number;
  /** Cells of the large notebook (BENCH_LOAD_CELLS) and timed loads of it per kind (BENCH_LOAD_RUNS). */
  loadCells: number;
  loadRuns: number;
  /** A Postgres server to create the run's database on; unset: PGlite in a temporary directory. */
  databaseUrl: string | undefined;
  /** Where our server processes write V8 CPU profiles (--cpu-prof), one per scenario (BENCH_CPU_PROF_DIR). */
  cpuProfileDir: string | undefined;
}

const defaults = {
  BENCH_READERS: 50,
  BENCH_KEYSTROKES: 600,
  BENCH_NOTEBOOKS: 100,
  BENCH_CLIENTS_PER_NOTEBOOK: 5,
  BENCH_WRITER_KEYSTROKES: 200,
  BENCH_WARMUP: 40,
  BENCH_RATE: 20,
  BENCH_IDLE_NOTEBOOKS: 200,
  BENCH_LOAD_CELLS: 1000,
  BENCH_LOAD_RUNS: 5,
} as const;

export function readBenchConfig(env: Record<string, string | undefined> = process.env): BenchConfig {
  const count = (name: keyof typeof defaults, min = 1): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return defaults[name];
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`expected ${name} to be an integer of at least ${min}, got ${JSON.stringify(raw)}`);
    return value;
  };
  return {
    readers: count('BENCH_READERS'),
    keystrokes: count('BENCH_KEYSTROKES'),
    notebooks: count('BENCH_NOTEBOOKS'),
    clientsPerNotebook: count('BENCH_CLIENTS_PER_NOTEBOOK', 2),
    writerKeystrokes: count('BENCH_WRITER_KEYSTROKES'),
    warmup: count('BENCH_WARMUP', 0),
    rate: count('BENCH_RATE'),
    idleNotebooks: count('BENCH_IDLE_NOTEBOOKS'),
    loadCells: count('BENCH_LOAD_CELLS'),
    loadRuns: count('BENCH_LOAD_RUNS'),
    databaseUrl: env.DATABASE_URL || undefined,
    cpuProfileDir: env.BENCH_CPU_PROF_DIR || undefined,
  };
}
