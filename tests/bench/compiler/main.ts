// `node --import tsx tests/bench/compiler/main.ts`: compile time per cell over the corpus of
// realistic cells (packages/compiler/test/corpus). Warms up, then compiles every cell for many
// rounds and prints p50/p95/max per cell compile (goal: p50 <= 5 ms), next to the same figures for
// TypeScript's ts.transpileModule (types stripped only, no cell semantics) measured in the same run
// as the reference; figures go to bench-results/compiler.json. BENCH_ROUNDS and BENCH_WARMUP_ROUNDS scale it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ts from 'typescript';
import { compileCell } from '../../../packages/compiler/src/index.ts';
import { corpusCells, corpusModules } from '../../../packages/compiler/test/corpus/index.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 200);
const warmupRounds = Number(process.env.BENCH_WARMUP_ROUNDS ?? 50);
const goalP50Ms = 5;

const cells = corpusCells();
const compileOnce = (name: string, source: string) => {
  const result = compileCell(source, { fileName: name, modules: corpusModules });
  if (!result.ok) throw new Error(`${name} does not compile: ${JSON.stringify(result.errors)}`);
};

// The first compile in a process also loads and JIT-compiles TypeScript's parser: reported apart.
const coldStart = performance.now();
compileOnce(cells[0]!.name, cells[0]!.source);
const firstCompileMs = performance.now() - coldStart;

for (let round = 0; round < warmupRounds; round++) for (const { name, source } of cells) compileOnce(name, source);

const transpileOnce = (name: string, source: string) =>
  ts.transpileModule(source, { fileName: name, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: true } });
for (let round = 0; round < warmupRounds; round++) for (const { name, source } of cells) transpileOnce(name, source);

const perCell = new Map<string, number[]>(cells.map(({ name }) => [name, []]));
const samples: number[] = [];
const referenceSamples: number[] = [];
for (let round = 0; round < rounds; round++) {
  for (const { name, source } of cells) {
    const start = performance.now();
    compileOnce(name, source);
    const elapsed = performance.now() - start;
    samples.push(elapsed);
    perCell.get(name)!.push(elapsed);
    const referenceStart = performance.now();
    transpileOnce(name, source);
    referenceSamples.push(performance.now() - referenceStart);
  }
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const summarise = (values: number[]) => ({ p50: quantile(values, 0.5), p95: quantile(values, 0.95), max: Math.max(...values) });
const summary = summarise(samples);
const reference = summarise(referenceSamples);
const p50Ratio = summary.p50 / reference.p50;
const slowest = [...perCell]
  .map(([name, times]) => ({ name, chars: cells.find((cell) => cell.name === name)!.source.length, p50: quantile(times, 0.5) }))
  .sort((a, b) => b.p50 - a.p50)
  .slice(0, 5);
const goalMet = summary.p50 <= goalP50Ms;
const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version };
const date = new Date().toISOString();
const ms = (value: number) => `${value.toFixed(3)} ms`;

console.log(`Compiler benchmark: ${cells.length} corpus cells × ${rounds} rounds after ${warmupRounds} warm-up rounds`);
console.log(`${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, ${date}`);
console.log(`first compile in the process: ${ms(firstCompileMs)}`);
console.log(`per cell compile: p50 ${ms(summary.p50)}, p95 ${ms(summary.p95)}, max ${ms(summary.max)} (goal p50 <= ${goalP50Ms} ms: ${goalMet ? 'met' : 'NOT met'})`);
console.log(`ts.transpileModule (reference): p50 ${ms(reference.p50)}, p95 ${ms(reference.p95)}, max ${ms(reference.max)}; p50 ratio compileCell / transpileModule ${p50Ratio.toFixed(2)}`);
console.log('slowest cells (p50):');
for (const cell of slowest) console.log(`  ${cell.name} (${cell.chars} chars): ${ms(cell.p50)}`);

const file = join(import.meta.dirname, '../../../bench-results/compiler.json');
mkdirSync(join(file, '..'), { recursive: true });
writeFileSync(
  file,
  `${JSON.stringify({ benchmark: 'compiler', date, machine, config: { rounds, warmupRounds, cells: cells.length }, firstCompileMs, perCellCompileMs: summary, transpileModuleMs: reference, p50Ratio, goal: { p50AtMostMs: goalP50Ms, met: goalMet }, slowest }, null, 2)}\n`,
);
console.log(`Figures written to ${file}`);
