import { describe, expect, it } from 'vitest';
import { backendLabel, kernelStateLabel } from './kernel-label.ts';

describe('kernel labels', () => {
  it('names the backend and the device, and says when the GPU is a software one', () => {
    expect(backendLabel({ name: 'webgpu', device: 'NVIDIA H100', software: false })).toBe('WebGPU (NVIDIA H100)');
    expect(backendLabel({ name: 'webgpu', device: 'SwiftShader Device', software: true })).toBe('WebGPU (SwiftShader Device, software)');
    expect(backendLabel({ name: 'wasm', device: 'CPU (WebAssembly)', software: false })).toBe('WASM');
    expect(backendLabel({ name: 'cpu', device: 'CPU', software: false })).toBe('CPU');
  });

  it('tells idle from busy, and a kernel not started yet', () => {
    const base = { choice: 'auto', notice: null, local: false, unavailable: null, runtime: 'browser', remote: null } as const;
    expect(kernelStateLabel({ ...base, phase: 'off', backend: null })).toBe('Browser · not started');
    expect(kernelStateLabel({ ...base, phase: 'busy', backend: { name: 'cpu', device: 'CPU', software: false } })).toBe('Browser · CPU · busy');
  });

  it("shows the remote kernel's state to editors of a remote notebook; viewers still run in their browser", () => {
    const base = { choice: 'auto', notice: null, unavailable: null, runtime: 'remote', phase: 'off', backend: null } as const;
    const remote = { phase: 'idle', backend: { name: 'webgpu', device: 'nvidia-h100-80gb-hbm3', software: false }, worker: 'gpu-1', notice: null } as const;
    expect(kernelStateLabel({ ...base, local: false, remote: null })).toBe('Remote GPU · not started');
    expect(kernelStateLabel({ ...base, local: false, remote })).toBe('Remote GPU · WebGPU (nvidia-h100-80gb-hbm3) · idle');
    expect(kernelStateLabel({ ...base, local: false, remote: { ...remote, phase: 'dead', notice: 'out of memory' } })).toBe('Remote GPU · stopped');
    expect(kernelStateLabel({ ...base, local: true, remote })).toBe('Browser · not started');
  });
});
