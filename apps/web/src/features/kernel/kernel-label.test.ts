import { describe, expect, it } from 'vitest';
import { backendLabel, kernelStateLabel } from './kernel-label.ts';

describe('kernel labels', () => {
  it('names the backend and the device, and says when the GPU is a software one', () => {
    expect(backendLabel({ name: 'webgpu', device: 'NVIDIA H100', software: false })).toBe('WebGPU (NVIDIA H100)');
    expect(backendLabel({ name: 'webgpu', device: 'SwiftShader Device', software: true })).toBe('WebGPU (SwiftShader Device, software)');
    expect(backendLabel({ name: 'wasm', device: 'CPU', software: false })).toBe('WASM');
  });

  it('tells idle from busy, and a kernel not started yet', () => {
    const base = { choice: 'auto', notice: null, local: false, unavailable: null } as const;
    expect(kernelStateLabel({ ...base, phase: 'off', backend: null })).toBe('Browser · not started');
    expect(kernelStateLabel({ ...base, phase: 'busy', backend: { name: 'cpu', device: 'CPU', software: false } })).toBe('Browser · CPU · busy');
  });
});
