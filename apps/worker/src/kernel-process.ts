/**
 * The Node kernel process: one per kernel, started by the worker (kernel-launcher.ts) under Node's
 * permission model, bundled into one file by kernel-bundle.ts. It hosts the packages/kernel
 * runtime and speaks the kernel protocol over the IPC channel to the worker: every message in both
 * directions is a kernel protocol message, checked with parseKernelMessage. It knows nothing of
 * Yjs, Postgres or sockets. Rules: apps/worker/SPEC.md (WORKER-PROC-*).
 *
 * Cells run in this process's own realm (`vm.runInThisContext`), not in a separate vm context:
 * TensorFlow.js checks typed arrays and tensors with `instanceof`, which fails across realms, and
 * a vm context would be no security boundary anyway; the process is the boundary.
 */
import vm from 'node:vm';
import * as tf from '@tensorflow/tfjs';
import { createBackendLoaders, createKernelRuntime, parseKernelMessage, type BackendLoader, type KernelMessage } from '@cohort/kernel';
import { KernelProcessConfig } from './kernel-process-config.ts';

interface Gpu {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<unknown>;
}
interface DawnModule {
  create(flags: string[]): Gpu;
  globals: Record<string, unknown>;
}

const config = KernelProcessConfig.parse(JSON.parse(process.argv[2] ?? ''));
/** Sends to the worker; once the channel is closed (the worker is gone or ended this kernel) there is nobody to tell. */
const send = (message: KernelMessage) => {
  if (process.connected) process.send!(message, undefined, undefined, () => {});
};

// SIGINT stops a synchronous loop inside `evaluate` (breakOnSigint); at any other moment it must
// not end the process, so a listener replaces Node's default action (exit).
process.on('SIGINT', () => {});
// The worker is gone: nobody can reach this kernel any more.
process.on('disconnect', () => process.exit(0));

/** Dawn's WebGPU, created on first use: TensorFlow.js's webgpu backend reads `navigator.gpu`. */
let dawn: Promise<Gpu> | undefined;
const dawnGpu = (webgpuModule: string) =>
  (dawn ??= import(webgpuModule).then(({ create, globals }: DawnModule) => {
    Object.assign(globalThis, globals);
    const gpu = create([]);
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
    return gpu;
  }));

/** tfjs-node-gpu (CUDA), else tfjs-node: each registers the 'tensorflow' backend with the engine TensorFlow.js keeps on globalThis. */
const tensorflow: BackendLoader = async () => {
  if (config.tensorflowModules.length === 0) throw new Error('neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node is installed on this worker');
  const failures: string[] = [];
  for (const module of config.tensorflowModules) {
    try {
      await import(module);
      return { device: module.includes('tfjs-node-gpu') ? 'CUDA GPU (TensorFlow)' : 'CPU (TensorFlow)', software: false };
    } catch (error) {
      failures.push(`${module}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(failures.join('; '));
};

const runtime = createKernelRuntime({
  send,
  evaluate: (code, fileName) => vm.runInThisContext(code, { filename: fileName, breakOnSigint: true }),
  runtime: 'node',
  modules: { '@tensorflow/tfjs': async () => tf },
  backends: createBackendLoaders({
    wasmPaths: config.wasmPaths,
    tensorflow,
    ...(config.webgpuModule ? { gpu: { requestAdapter: async (options) => (await dawnGpu(config.webgpuModule!)).requestAdapter(options) as never } } : {}),
  }),
  ...(config.backend ? { backend: config.backend } : {}),
});

process.on('message', (frame) => {
  const parsed = parseKernelMessage(frame);
  // The worker validates what it relays; a bad frame here is a worker bug, reported on stderr.
  if (!parsed.ok) return console.error(`kernel process: ignored a bad message: ${parsed.error}`);
  void runtime.handle(parsed.message);
});
