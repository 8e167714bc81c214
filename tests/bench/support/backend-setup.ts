/**
 * Switching TensorFlow.js to a backend under test and describing the device it runs on, the same
 * way in the browser Worker and in the Node child processes.
 */
import { describeAdapter } from '@cohort/kernel';
import type { TfNamespace } from './tf-workloads.ts';

/** The part of a WebGPU adapter read here (the browser's and Dawn's both have it). */
export interface AdapterLike {
  readonly isFallbackAdapter?: boolean;
  readonly info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
}

export interface DeviceDescription {
  device: string;
  details: Record<string, unknown>;
}

/** Adapter info fields (vendor, architecture, description), and whether the kernel would call it a software GPU. */
export function describeWebGpuAdapter(adapter: AdapterLike): DeviceDescription {
  // Dawn's GPUAdapterInfo keeps its fields on the prototype: copy them one by one.
  const info = adapter.info ?? {};
  const { device, software } = describeAdapter(adapter);
  return {
    device: software ? `${device} (software GPU)` : device,
    details: {
      vendor: info.vendor,
      architecture: info.architecture,
      device: info.device,
      description: info.description,
      isFallbackAdapter: adapter.isFallbackAdapter ?? info.isFallbackAdapter,
      software,
    },
  };
}

/** Which wasm binary TensorFlow.js picks: SIMD, and threads (these need a cross-origin isolated page in a browser). */
export async function describeWasm(tf: TfNamespace): Promise<DeviceDescription> {
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const threads = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  return { device: `CPU (WebAssembly${simd ? ', SIMD' : ''}${threads ? ', threads' : ', one thread'})`, details: { simd, threads } };
}

/**
 * tf.setBackend, with the reason when it fails: TensorFlow.js reports an initialisation error only
 * as a console warning and a `false`, so the warnings printed meanwhile are collected.
 */
export async function setBackendExplained(tf: TfNamespace, name: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const warnings: string[] = [];
  const { warn } = console;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' '));
    warn.apply(console, args);
  };
  try {
    if (await tf.setBackend(name)) {
      await tf.ready();
      return { ok: true };
    }
    return { ok: false, error: warnings.join('; ') || `tf.setBackend('${name}') returned false` };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    console.warn = warn;
  }
}
