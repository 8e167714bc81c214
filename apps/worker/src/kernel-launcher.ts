/**
 * Starts one kernel process (WORKER-PROC-*): plain node running the bundled kernel-process.ts,
 * under Node's permission model (reads: the bundle, the module folders it loads, its scratch
 * folder; writes: the scratch folder; no child processes, no worker threads), with a heap cap, an
 * environment holding nothing but what the kernel needs, and its own scratch folder, removed when
 * the process ends.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BackendName, KernelMessage } from '@cohort/kernel/protocol';
import type { KernelProcessConfig } from './kernel-process-config.ts';

/** Where the modules the kernel loads at run time are on this machine. */
export interface KernelModules {
  /** The wasm backend's dist folder (its .wasm files), ending in '/'. */
  wasmDir: string;
  /** The `webgpu` package's folder (Dawn's native addon inside), where installed. */
  webgpuDir?: string;
  /** @tensorflow/tfjs-node-gpu and @tensorflow/tfjs-node, where installed: the entry file and the node_modules folder it loads its dependencies from. */
  tensorflow: Array<{ entry: string; nodeModules: string }>;
}

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const installed = (name: string) => {
  try {
    return packageDir(name);
  } catch {
    return undefined;
  }
};

/** Finds the kernel's run-time modules from this package's node_modules. */
export function findKernelModules(): KernelModules {
  const webgpuDir = installed('webgpu');
  return {
    wasmDir: join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist') + sep,
    ...(webgpuDir ? { webgpuDir: webgpuDir + sep } : {}),
    tensorflow: ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'].flatMap((name) => {
      const dir = installed(name);
      return dir ? [{ entry: require.resolve(name), nodeModules: dirname(dirname(dir)) + sep }] : [];
    }),
  };
}

export interface KernelLaunchOptions {
  /** The bundled kernel process (kernel-bundle.ts). */
  bundle: string;
  modules: KernelModules;
  /** V8 heap cap (--max-old-space-size), in MiB. */
  memoryLimitMb: number;
  /** Variables passed on besides HOME and TMPDIR: PATH and the GPU drivers' (VK_*, CUDA_*, NVIDIA_*, LD_LIBRARY_PATH). */
  env: Record<string, string>;
  backend?: BackendName;
  /** Where scratch folders are made; default the OS temporary folder. */
  scratchRoot?: string;
}

export interface KernelExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** V8 stopped the process at its heap cap. */
  outOfMemory: boolean;
  /** The end of what the process wrote to stderr (for the worker's log). */
  stderrTail: string;
}

export interface KernelProcess {
  readonly pid: number;
  readonly scratchDir: string;
  send(message: KernelMessage): void;
  onMessage(listener: (frame: unknown) => void): void;
  /** SIGINT: stops a synchronous loop in the running cell (vm breakOnSigint); harmless otherwise. */
  interrupt(): void;
  /** SIGKILL. */
  kill(): void;
  /** Resolves once the process has ended and its scratch folder is removed. */
  readonly exited: Promise<KernelExit>;
}

const stderrTailBytes = 8192;
const outOfMemoryPattern = /JavaScript heap out of memory|Reached heap limit|Allocation failed - process out of memory/;
// Node 22 renamed the flag; Node 20 knows only the experimental one.
const permissionFlag = Number(process.versions.node.split('.')[0]) >= 22 ? '--permission' : '--experimental-permission';

export function kernelProcessArguments(options: KernelLaunchOptions, scratchDir: string): string[] {
  const { modules } = options;
  const reads = [options.bundle, modules.wasmDir, scratchDir + sep, ...(modules.webgpuDir ? [modules.webgpuDir] : []), ...modules.tensorflow.map((t) => t.nodeModules)];
  const config: KernelProcessConfig = {
    ...(options.backend ? { backend: options.backend } : {}),
    wasmPaths: modules.wasmDir,
    ...(modules.webgpuDir ? { webgpuModule: pathToFileURL(join(modules.webgpuDir, 'index.js')).href } : {}),
    tensorflowModules: modules.tensorflow.map((t) => pathToFileURL(t.entry).href),
  };
  // Native addons (Dawn, TensorFlow's C library) need --allow-addons under the permission model.
  const needsAddons = modules.webgpuDir !== undefined || modules.tensorflow.length > 0;
  return [
    permissionFlag,
    ...reads.map((path) => `--allow-fs-read=${path}`),
    `--allow-fs-write=${scratchDir}${sep}`,
    ...(needsAddons ? ['--allow-addons'] : []),
    '--disable-warning=ExperimentalWarning',
    '--disable-warning=SecurityWarning',
    `--max-old-space-size=${options.memoryLimitMb}`,
    options.bundle,
    JSON.stringify(config),
  ];
}

export function launchKernelProcess(options: KernelLaunchOptions): KernelProcess {
  const scratchDir = mkdtempSync(join(options.scratchRoot ?? tmpdir(), 'cohort-kernel-'));
  const child = spawn(process.execPath, kernelProcessArguments(options, scratchDir), {
    cwd: scratchDir,
    env: { ...options.env, HOME: scratchDir, TMPDIR: scratchDir, XDG_RUNTIME_DIR: scratchDir, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'json',
  });
  let stderrTail = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-stderrTailBytes);
  });
  // A send to a process that just died fails; its exit is reported through `exited`.
  child.on('error', () => {});
  const exited = new Promise<KernelExit>((resolve) => {
    child.once('close', (code, signal) => {
      rmSync(scratchDir, { recursive: true, force: true });
      resolve({ code, signal, outOfMemory: outOfMemoryPattern.test(stderrTail), stderrTail });
    });
  });
  return {
    pid: child.pid!,
    scratchDir,
    send(message) {
      if (child.connected) child.send(message, undefined, undefined, () => {});
    },
    onMessage(listener) {
      child.on('message', listener);
    },
    interrupt() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    exited,
  };
}
