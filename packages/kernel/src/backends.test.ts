import { describe, expect, it } from 'vitest';
import { availableBackends, backendOrder, chooseBackend, describeAdapter, type BackendLoaders } from './backends.ts';
import type { BackendName } from './protocol.ts';

/** A tf stand-in that records which backend was set; every backend initialises unless listed as broken. */
function fakeTf(broken: BackendName[] = []) {
  const set: string[] = [];
  return { set, tf: { setBackend: async (name: string) => (set.push(name), !broken.includes(name as BackendName)) } };
}
const probe = (device: string, software = false) => async () => ({ device, software });
const browserLoaders: BackendLoaders = {
  webgpu: probe('NVIDIA RTX 4090'),
  webgl: probe('ANGLE (NVIDIA)'),
  wasm: probe('CPU (WebAssembly)'),
  cpu: probe('CPU'),
};

describe('chooseBackend', () => {
  it('KERNEL-BACKEND-1 takes the first backend that works, in the browser order webgpu, webgl, wasm, cpu', async () => {
    const { tf, set } = fakeTf();
    const choice = await chooseBackend({ tf, loaders: browserLoaders, order: backendOrder.browser });
    expect(choice).toMatchObject({ ok: true, backend: { name: 'webgpu', device: 'NVIDIA RTX 4090', software: false } });
    expect(set).toEqual(['webgpu']);
  });

  it('KERNEL-BACKEND-2 never picks a software GPU automatically, but honours it when asked for by name', async () => {
    const loaders = { ...browserLoaders, webgpu: probe('SwiftShader', true), webgl: async () => undefined };
    const automatic = await chooseBackend({ tf: fakeTf().tf, loaders, order: backendOrder.browser });
    expect(automatic).toMatchObject({ ok: true, backend: { name: 'wasm' } });
    expect(automatic.skipped.webgpu).toMatch(/software GPU/);
    const explicit = await chooseBackend({ tf: fakeTf().tf, loaders, order: backendOrder.browser, preference: 'webgpu' });
    expect(explicit).toMatchObject({ ok: true, backend: { name: 'webgpu', software: true } });
  });

  it('KERNEL-BACKEND-3 in Node an unavailable tensorflow loader falls back to wasm', async () => {
    const loaders: BackendLoaders = {
      tensorflow: async () => {
        throw new Error("Cannot find module '@tensorflow/tfjs-node-gpu'");
      },
      webgpu: async () => undefined,
      wasm: probe('CPU (WebAssembly)'),
      cpu: probe('CPU'),
    };
    const choice = await chooseBackend({ tf: fakeTf().tf, loaders, order: backendOrder.node });
    expect(choice).toMatchObject({ ok: true, backend: { name: 'wasm' } });
    expect(choice.skipped.tensorflow).toContain('tfjs-node-gpu');
  });

  it('KERNEL-BACKEND-4 an explicit choice that cannot start falls back to the automatic order and says why', async () => {
    const choice = await chooseBackend({ tf: fakeTf(['webgl']).tf, loaders: browserLoaders, order: backendOrder.browser, preference: 'webgl' });
    expect(choice).toMatchObject({ ok: true, backend: { name: 'webgpu' }, notice: 'webgl is not available: failed to initialise' });
  });

  it('KERNEL-BACKEND-4 reports an error when nothing starts', async () => {
    const choice = await chooseBackend({ tf: fakeTf(['cpu']).tf, loaders: { cpu: probe('CPU') }, order: backendOrder.browser });
    expect(choice.ok).toBe(false);
  });

  it('KERNEL-BACKEND-2 recognises software adapters from their info or the fallback flag', () => {
    expect(describeAdapter({ info: { vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader Device (Subzero)' } }).software).toBe(true);
    expect(describeAdapter({ info: { vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.7, 256 bits)' } }).software).toBe(true);
    expect(describeAdapter({ isFallbackAdapter: true, info: { vendor: 'x' } }).software).toBe(true);
    expect(describeAdapter({ info: { vendor: 'nvidia', architecture: 'ampere', description: 'NVIDIA A100' } })).toEqual({ device: 'NVIDIA A100', software: false });
    // What Dawn reported on an H100 through NVIDIA's Vulkan driver.
    expect(describeAdapter({ info: { vendor: 'nvidia', device: 'nvidia-h100-80gb-hbm3', description: 'NVIDIA: 580.159.04 580.159.4.0' } })).toEqual({
      device: 'nvidia-h100-80gb-hbm3',
      software: false,
    });
  });

  it('KERNEL-BACKEND-5 lists the backends that load here', async () => {
    const loaders: BackendLoaders = { webgpu: async () => undefined, wasm: probe('w'), cpu: probe('CPU') };
    expect(await availableBackends(loaders, backendOrder.node)).toEqual(['wasm', 'cpu']);
  });
});
