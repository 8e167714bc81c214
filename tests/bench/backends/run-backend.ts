/**
 * Child process of main.ts: `run-backend.ts <backend> <timed-runs options as JSON>` sets up one
 * TensorFlow.js backend in Node, runs the workloads and sends one BackendRun to the parent over
 * IPC. One process per backend, so that a backend that aborts the process (Dawn can) costs only
 * its own row. BENCH_DAWN_OPTIONS: Dawn options for webgpu, space-separated (e.g. `backend=vulkan`).
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { describeWasm, describeWebGpuAdapter, setBackendExplained, type DeviceDescription } from '../support/backend-setup.ts';
import type { BackendRun } from '../support/backend-report.ts';
import { runTfWorkloads, type TfNamespace } from '../support/tf-workloads.ts';
import type { TimedRunsOptions } from '../support/timed-runs.ts';

export const nodeBackends = ['tensorflow', 'webgpu', 'wasm', 'cpu'] as const;
export type NodeBackend = (typeof nodeBackends)[number];

const require = createRequire(import.meta.url);

class BackendUnavailable extends Error {}

const loadTfjs = async (): Promise<TfNamespace> => import('@tensorflow/tfjs');

/** Loads TensorFlow.js with `backend` registered and describes its device; throws BackendUnavailable when it cannot run here. */
const setups: Record<NodeBackend, () => Promise<{ tf: TfNamespace } & DeviceDescription>> = {
  async tensorflow() {
    // Not dependencies of this repository: present only on hosts that install them.
    for (const name of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
      let loaded: { default?: TfNamespace } & TfNamespace;
      try {
        loaded = await import(name);
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') continue;
        throw new BackendUnavailable(`${name} is installed but failed to load: ${error instanceof Error ? error.message : String(error)}`);
      }
      return { tf: loaded.default ?? loaded, device: `TensorFlow C library (${name})`, details: { package: name } };
    }
    throw new BackendUnavailable('not installed (neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node)');
  },
  async webgpu() {
    const { create, globals } = await import('webgpu');
    Object.assign(globalThis, globals);
    const gpu = create(process.env.BENCH_DAWN_OPTIONS?.split(/\s+/).filter(Boolean) ?? []);
    // The same request tfjs-backend-webgpu makes, so the adapter described is the one it uses.
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) throw new BackendUnavailable('Dawn found no WebGPU adapter (no usable Vulkan driver: see the Vulkan driver line above)');
    // The backend registers itself at import only when navigator.gpu exists (Node 20 has no navigator).
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
    const tf = await loadTfjs();
    await import('@tensorflow/tfjs-backend-webgpu');
    return { tf, ...describeWebGpuAdapter(adapter) };
  },
  async wasm() {
    const tf = await loadTfjs();
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
    return { tf, device: '', details: {} };
  },
  async cpu() {
    return { tf: await loadTfjs(), device: 'CPU (JavaScript)', details: {} };
  },
};

async function runBackend(backend: NodeBackend, options: TimedRunsOptions): Promise<BackendRun> {
  let setup: { tf: TfNamespace } & DeviceDescription;
  try {
    setup = await setups[backend]();
  } catch (error) {
    return { backend, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const { tf } = setup;
  const set = await setBackendExplained(tf, backend);
  if (!set.ok) return { backend, ok: false, error: `failed to initialise: ${set.error}`, details: setup.details };
  // The wasm binary (SIMD, threads) is known once the backend has initialised.
  const { device, details } = backend === 'wasm' ? await describeWasm(tf) : setup;
  console.error(`${backend}: ${device}`);
  return { backend, ok: true, device, details, workloads: await runTfWorkloads(tf, options) };
}

if (process.argv[1] === import.meta.filename) {
  const [backend, optionsJson] = process.argv.slice(2);
  if (!nodeBackends.includes(backend as NodeBackend) || !optionsJson || !process.send) {
    throw new Error(`usage (from main.ts, over IPC): run-backend.ts <${nodeBackends.join('|')}> <options JSON>`);
  }
  const run = await runBackend(backend as NodeBackend, JSON.parse(optionsJson) as TimedRunsOptions);
  // Exit explicitly: Dawn's navigator.gpu keeps the event loop alive.
  process.send(run, () => process.exit(0));
}
