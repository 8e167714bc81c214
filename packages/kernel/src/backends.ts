/**
 * Choosing the TensorFlow.js backend: the host's order of preference (browser: webgpu, webgl,
 * wasm, cpu; Node: tensorflow, webgpu, wasm, cpu), skipping what does not load here, and never
 * taking a software GPU (SwiftShader, lavapipe, llvmpipe, a fallback adapter) unless the user
 * asked for it by name: on a 2-core machine wasm ran a 512×512 matMul 60× faster than WebGPU
 * over SwiftShader.
 */
import type { BackendInfo, BackendName } from './protocol.ts';

export interface BackendProbe {
  device: string;
  software: boolean;
}
/**
 * Loads a backend's package (which registers it with TensorFlow.js) and reports its device.
 * Returns undefined, or throws, when the backend cannot run here.
 */
export type BackendLoader = () => Promise<BackendProbe | undefined>;
export type BackendLoaders = Partial<Record<BackendName, BackendLoader>>;

export const backendOrder = {
  browser: ['webgpu', 'webgl', 'wasm', 'cpu'],
  node: ['tensorflow', 'webgpu', 'wasm', 'cpu'],
} as const satisfies Record<string, readonly BackendName[]>;

/** The part of the tf namespace backend choice needs. */
export interface TfBackendControl {
  setBackend(name: string): Promise<boolean>;
}

export type BackendChoice =
  | { ok: true; backend: BackendInfo; /** Why the requested backend was not used, when one was requested and failed. */ notice?: string; skipped: Partial<Record<BackendName, string>> }
  | { ok: false; error: string; skipped: Partial<Record<BackendName, string>> };

export async function chooseBackend(options: {
  tf: TfBackendControl;
  loaders: BackendLoaders;
  order: readonly BackendName[];
  /** The user's explicit choice: honoured even for a software GPU; when it fails, the automatic order applies. */
  preference?: BackendName;
}): Promise<BackendChoice> {
  const { tf, loaders, order, preference } = options;
  const skipped: Partial<Record<BackendName, string>> = {};
  const attempt = async (name: BackendName, explicit: boolean): Promise<BackendInfo | undefined> => {
    const loader = loaders[name];
    if (!loader) {
      skipped[name] = 'not provided by this host';
      return undefined;
    }
    let probe: BackendProbe | undefined;
    try {
      probe = await loader();
    } catch (error) {
      skipped[name] = `failed to load: ${error instanceof Error ? error.message : String(error)}`;
      return undefined;
    }
    if (!probe) {
      skipped[name] = 'not available here';
      return undefined;
    }
    if (probe.software && !explicit) {
      skipped[name] = `software GPU (${probe.device}): not chosen automatically`;
      return undefined;
    }
    const initialised = await tf.setBackend(name).catch(() => false);
    if (!initialised) {
      skipped[name] = 'failed to initialise';
      return undefined;
    }
    return { name, device: probe.device, software: probe.software };
  };

  let notice: string | undefined;
  if (preference) {
    const backend = await attempt(preference, true);
    if (backend) return { ok: true, backend, skipped };
    notice = `${preference} is not available: ${skipped[preference]}`;
  }
  for (const name of order) {
    if (name === preference) continue;
    const backend = await attempt(name, false);
    if (backend) return notice ? { ok: true, backend, notice, skipped } : { ok: true, backend, skipped };
  }
  return { ok: false, error: `no TensorFlow.js backend could start (${Object.entries(skipped).map(([name, why]) => `${name}: ${why}`).join('; ')})`, skipped };
}

/** The backends that load here (a software GPU included: the user may still pick it), in `order`. */
export async function availableBackends(loaders: BackendLoaders, order: readonly BackendName[]): Promise<BackendName[]> {
  const loadable = await Promise.all(order.map((name) => (loaders[name]?.() ?? Promise.resolve(undefined)).then(Boolean, () => false)));
  return order.filter((_, index) => loadable[index]);
}

/** The subset of WebGPU's API the probe reads (lib.dom has no WebGPU types in TypeScript 5.9). */
interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<GpuAdapterLike | null>;
}
interface GpuAdapterLike {
  readonly isFallbackAdapter?: boolean;
  readonly info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
}

const driverVersion = /^[\w ]+: \d+(\.\d+)+/;
const softwareGpu = /swiftshader|lavapipe|llvmpipe|softpipe|software|microsoft basic render/i;

/** What the adapter says about itself decides `software`. */
export function describeAdapter(adapter: GpuAdapterLike): BackendProbe {
  const info = adapter.info ?? {};
  const text = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
  // Dawn on NVIDIA's Vulkan driver describes the driver ("NVIDIA: 580.159.04 …") and names the GPU in `device`.
  const description = info.description && !driverVersion.test(info.description) ? info.description : undefined;
  const device = description || info.device || [info.vendor, info.architecture].filter(Boolean).join(' ') || 'WebGPU adapter';
  return { device, software: Boolean(adapter.isFallbackAdapter || info.isFallbackAdapter) || softwareGpu.test(text) };
}

export interface DefaultBackendLoaderOptions {
  /** Where the wasm backend's .wasm files are served (a URL or path prefix ending in '/'). */
  wasmPaths?: string;
  /** Loads tfjs-node-gpu or tfjs-node; absent where they are not installed. */
  tensorflow?: BackendLoader;
  /** WebGPU entry point; default: navigator.gpu (in Node, a host may provide Dawn's through the `webgpu` package). */
  gpu?: GpuLike;
}

/** Loaders for the backends the packages of this kernel provide, plus the host's optional `tensorflow`. */
export function createBackendLoaders(options: DefaultBackendLoaderOptions = {}): BackendLoaders {
  const loaders: BackendLoaders = {
    async webgpu() {
      const gpu = options.gpu ?? (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
      if (!gpu) return undefined;
      const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
      if (!adapter) return undefined;
      await import('@tensorflow/tfjs-backend-webgpu');
      return describeAdapter(adapter);
    },
    async webgl() {
      if (typeof OffscreenCanvas === 'undefined') return undefined;
      const context = new OffscreenCanvas(1, 1).getContext('webgl2');
      if (!context) return undefined;
      const debugInfo = context.getExtension('WEBGL_debug_renderer_info');
      const device = String(debugInfo ? context.getParameter(debugInfo.UNMASKED_RENDERER_WEBGL) : context.getParameter(context.RENDERER));
      return { device, software: softwareGpu.test(device) };
    },
    async wasm() {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (options.wasmPaths) wasm.setWasmPaths(options.wasmPaths);
      return { device: 'CPU (WebAssembly)', software: false };
    },
    async cpu() {
      return { device: 'CPU', software: false };
    },
  };
  if (options.tensorflow) loaders.tensorflow = options.tensorflow;
  return loaders;
}
