// `npm run bench:browser`: the TensorFlow.js workloads (tests/bench/support/tf-workloads.ts) in
// headless Chromium, inside a Worker like the real kernel, on webgpu, webgl, wasm and cpu in one
// browser run; then the cell compiler's time per corpus cell in that Worker (goal p50 <= 5 ms).
// The Worker is bundled with esbuild and served with the wasm binaries from 127.0.0.1 (not cross-origin
// isolated, like the kernel's frame: wasm runs on one thread). Prints a table with ratios to webgl
// and writes bench-results/browser.json. BENCH_BUDGET_S, BENCH_MAX_RUNS, BENCH_WARMUP_RUNS size each
// workload; BENCH_COMPILE_ROUNDS, BENCH_COMPILE_WARMUP_ROUNDS the compiler part; BENCH_TIMEOUT_S the whole run.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { browserKernelBundle } from '@cohort/web/build-kernel-host';
import { corpusCells, corpusModules } from '../../../packages/compiler/test/corpus/index.ts';
import { launchChromium } from '../../support/browser.ts';
import { backendRows, machineInfo, printBackendTable, writeBenchResults } from '../support/backend-report.ts';
import { timedRunsOptionsFromEnv } from '../support/timed-runs.ts';
import type { BrowserBenchResult, WorkerReply, WorkerStart } from './worker.ts';

const reference = 'webgl';
const compileGoalP50Ms = 5;
const options = timedRunsOptionsFromEnv(process.env);
const timeoutMs = Number(process.env.BENCH_TIMEOUT_S ?? 900) * 1000;

async function bundleWorker(): Promise<string> {
  // Bundled the way the real kernel Worker is.
  const result = await build({ ...browserKernelBundle, entryPoints: [join(import.meta.dirname, 'worker.ts')], write: false });
  return result.outputFiles[0]!.text;
}

/** Serves the page, the Worker bundle and the wasm binaries on 127.0.0.1, on a free port. */
async function serve(workerScript: string): Promise<{ server: Server; origin: string }> {
  const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const wasmFile = /^\/wasm\/(tfjs-backend-wasm[a-z-]*\.wasm)$/.exec(path)?.[1];
    if (path === '/') response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Cohort backend benchmark</title>');
    else if (path === '/worker.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(workerScript);
    else if (wasmFile) response.writeHead(200, { 'content-type': 'application/wasm' }).end(readFileSync(join(wasmDir, wasmFile)));
    else if (path === '/favicon.ico') response.writeHead(204).end();
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

console.error('Bundling the Worker (TensorFlow.js, its backends, the cell compiler)…');
const workerScript = await bundleWorker();
const { server, origin } = await serve(workerScript);
const browser = await launchChromium({ webgpu: true });
const chromiumVersion = browser.version();
const start: WorkerStart = {
  type: 'start',
  wasmPath: `${origin}/wasm/`,
  options,
  cells: corpusCells(),
  modules: [...corpusModules],
  compileRounds: Number(process.env.BENCH_COMPILE_ROUNDS ?? 100),
  compileWarmupRounds: Number(process.env.BENCH_COMPILE_WARMUP_ROUNDS ?? 30),
};

let result: BrowserBenchResult;
try {
  const page = await browser.newPage();
  // The page relays the Worker's progress lines as console messages.
  page.on('console', (message) => console.error(`  [chromium] ${message.text()}`));
  await page.goto(origin);
  const running = page.evaluate(
    (start) =>
      new Promise<BrowserBenchResult>((resolve, reject) => {
        const worker = new Worker('/worker.js');
        worker.onmessage = (event: MessageEvent<WorkerReply>) => {
          const reply = event.data;
          if (reply.type === 'progress') console.log(reply.text);
          else if (reply.type === 'done') resolve(reply.result);
          else reject(new Error(reply.error));
        };
        worker.onerror = (event) => reject(new Error(`Worker error: ${event.message}`));
        worker.postMessage(start);
      }),
    start,
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the browser benchmark did not finish within ${timeoutMs / 1000} s (BENCH_TIMEOUT_S)`)), timeoutMs);
  });
  result = await Promise.race([running, timeout]).finally(() => clearTimeout(timer));
} finally {
  await browser.close();
  server.close();
}

const machine = { ...machineInfo(), chromium: chromiumVersion, userAgent: result.userAgent };
const { compile } = result;
const compileGoalMet = compile.p50Ms <= compileGoalP50Ms;
const ms = (value: number) => `${value.toFixed(3)} ms`;

console.log(`Backend benchmark (Chromium ${chromiumVersion}, headless, in a Worker): each workload up to ${options.maxRuns} runs or ${options.budgetMs / 1000} s after up to ${options.warmupRuns} warm-up runs`);
console.log(`${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, ${machine.platform}`);
console.log('\nBackends (device each ran on):');
printBackendTable(result.runs, reference);
console.log(`\nCell compile in the Worker: ${compile.cells} corpus cells × ${compile.rounds} rounds after ${compile.warmupRounds} warm-up rounds`);
console.log(
  `  first compile: ${ms(compile.firstCompileMs)}; per cell p50 ${ms(compile.p50Ms)}, p95 ${ms(compile.p95Ms)}, max ${ms(compile.maxMs)}, mean ${ms(compile.meanMs)} (goal p50 <= ${compileGoalP50Ms} ms: ${compileGoalMet ? 'met' : 'NOT met'})`,
);
console.log('  (a Worker that is not cross-origin isolated reads performance.now() in 0.1 ms steps: the mean, over all compiles, is the finer figure)');

const file = writeBenchResults('browser', {
  machine,
  config: { ...options, reference, compileRounds: start.compileRounds, compileWarmupRounds: start.compileWarmupRounds },
  table: backendRows(result.runs, reference),
  runs: result.runs,
  compile: { ...compile, goal: { p50AtMostMs: compileGoalP50Ms, met: compileGoalMet } },
});
console.log(`\nFigures written to ${file}`);
