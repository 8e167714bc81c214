import { describe, expect, it } from 'vitest';
import { remoteKernelState } from './remote-kernel-state.ts';

describe('remoteKernelState', () => {
  it("reads the session host's kernel state among the collaborators' states", () => {
    const states = new Map<number, unknown>([
      [1, { user: { name: 'Ana', handle: 'ana', color: '#112233' }, cursor: null }],
      [7, { kernel: { runtime: 'remote', phase: 'busy', backend: { name: 'webgpu', device: 'nvidia-h100-80gb-hbm3', software: false }, worker: 'gpu-1', notice: null } }],
    ]);
    expect(remoteKernelState(states)).toEqual({ phase: 'busy', backend: { name: 'webgpu', device: 'nvidia-h100-80gb-hbm3', software: false }, worker: 'gpu-1', notice: null });
  });

  it('ignores states that are not a remote kernel or are malformed', () => {
    expect(remoteKernelState(new Map([[1, { kernel: null }]]))).toBeNull();
    expect(remoteKernelState(new Map([[1, { kernel: { runtime: 'remote', phase: 'exploded' } }]]))).toBeNull();
    expect(remoteKernelState(new Map([[1, { kernel: { runtime: 'remote', phase: 'dead', backend: { name: 'quantum' }, notice: 'out of memory' } }]]))).toEqual({
      phase: 'dead',
      backend: null,
      worker: null,
      notice: 'out of memory',
    });
  });
});
