/**
 * The browser benchmark's Worker (bundled by main.ts with esbuild, like the real kernel's Worker):
 * on a `start` message, runs the TensorFlow.js workloads on each backend in turn, then times the
 * cell compiler over the corpus, posting progress lines and finally one result.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { compileCell } from '@cohort/compiler';
import { describeWasm, describeWebGpuAdapter, setBackendExplained, type AdapterLike, type DeviceDescription } from '../support/backend-setup.ts';
import type { BackendRun } from '../support/backend-report.ts';
import { runTfWorkloads } from '../support/tf-workloads.ts';
import { quantile, type TimedRunsOptions } from '../support/timed-runs.ts';

export const browserBackends = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

export interface WorkerStart {
  type: 'start';
  /** URL prefix the wasm binaries are served under, ending in '/'. */
  wasmPath: string;
  options: TimedRunsOptions;
  cells: { name: string; source: string }[];
  modules: string[];
  compileRounds: number;
  compileWarmupRounds: number;
}

export interface CompileFigures {
  cells: number;
  rounds: number;
  warmupRounds: number;
  firstCompileMs: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface BrowserBenchResult {
  runs: BackendRun[];
  compile: CompileFigures;
  userAgent: string;
}

export type WorkerReply = { type: 'progress'; text: string } | { type: 'done'; result: BrowserBenchResult } | { type: 'error'; error: string };

/** The Worker's global scope (the repository's TypeScript setup knows the DOM, not the webworker library). */
declare const self: { postMessage(message: WorkerReply): void; onmessage: ((event: MessageEvent<WorkerStart>) => void) | null };

const progress = (text: string) => self.postMessage({ type: 'progress', text });

class BackendUnavailable extends Error {}

/** What each backend runs on, learnt before switching to it; throws BackendUnavailable when it cannot run in this Worker. */
const describeDevice: Record<(typeof browserBackends)[number], () => Promise<DeviceDescription | undefined>> = {
  async webgpu() {
    const gpu = (navigator as { gpu?: { requestAdapter(options: { powerPreference: string }): Promise<AdapterLike | null> } }).gpu;
    if (!gpu) throw new BackendUnavailable('navigator.gpu is missing in the Worker (WebGPU is off in this browser)');
    // The same request tfjs-backend-webgpu makes, so the adapter described is the one it uses.
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) throw new BackendUnavailable('navigator.gpu.requestAdapter() returned null (no WebGPU adapter)');
    return describeWebGpuAdapter(adapter);
  },
  async webgl() {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) throw new BackendUnavailable("no WebGL2 context in the Worker (OffscreenCanvas.getContext('webgl2') returned null)");
    const debugInfo = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(debugInfo ? debugInfo.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    const vendor = String(gl.getParameter(debugInfo ? debugInfo.UNMASKED_VENDOR_WEBGL : gl.VENDOR));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { device: renderer, details: { vendor, renderer } };
  },
  // Known only once the backend has initialised (which binary it loaded).
  wasm: async () => undefined,
  cpu: async () => ({ device: 'CPU (JavaScript)', details: {} }),
};

async function runBackend(backend: (typeof browserBackends)[number], options: TimedRunsOptions): Promise<BackendRun> {
  let known: DeviceDescription | undefined;
  try {
    known = await describeDevice[backend]();
  } catch (error) {
    return { backend, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const set = await setBackendExplained(tf, backend);
  if (!set.ok) return { backend, ok: false, error: `failed to initialise: ${set.error}`, ...(known ? { details: known.details } : {}) };
  const { device, details } = known ?? (await describeWasm(tf));
  progress(`${backend}: ${device}`);
  return { backend, ok: true, device, details, workloads: await runTfWorkloads(tf, options) };
}

function benchCompile(start: WorkerStart): CompileFigures {
  const compileOnce = (name: string, source: string) => {
    const result = compileCell(source, { fileName: name, modules: start.modules });
    if (!result.ok) throw new Error(`${name} does not compile: ${JSON.stringify(result.errors)}`);
  };
  const { cells, compileRounds: rounds, compileWarmupRounds: warmupRounds } = start;
  // The first compile also loads and JIT-compiles TypeScript's parser: reported apart.
  const coldStart = performance.now();
  compileOnce(cells[0]!.name, cells[0]!.source);
  const firstCompileMs = performance.now() - coldStart;
  for (let round = 0; round < warmupRounds; round++) for (const { name, source } of cells) compileOnce(name, source);
  const samples: number[] = [];
  const roundStart = performance.now();
  for (let round = 0; round < rounds; round++) {
    for (const { name, source } of cells) {
      const begin = performance.now();
      compileOnce(name, source);
      samples.push(performance.now() - begin);
    }
  }
  // Over many compiles, so finer than one sample: the Worker's clock ticks in 0.1 ms steps.
  const meanMs = (performance.now() - roundStart) / samples.length;
  return { cells: cells.length, rounds, warmupRounds, firstCompileMs, meanMs, p50Ms: quantile(samples, 0.5), p95Ms: quantile(samples, 0.95), maxMs: Math.max(...samples) };
}

self.onmessage = (event) => {
  const start = event.data;
  const run = async (): Promise<BrowserBenchResult> => {
    setWasmPaths(start.wasmPath);
    const runs: BackendRun[] = [];
    for (const backend of browserBackends) {
      progress(`${backend}: setting up`);
      runs.push(await runBackend(backend, start.options));
    }
    progress(`compiler: ${start.cells.length} cells × ${start.compileRounds} rounds`);
    return { runs, compile: benchCompile(start), userAgent: navigator.userAgent };
  };
  run().then(
    (result) => self.postMessage({ type: 'done', result }),
    (error: unknown) => self.postMessage({ type: 'error', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
};
