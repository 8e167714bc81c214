/**
 * The remote kernel's state, as the sync service's session host publishes it in its own awareness
 * state (field `kernel`) for every collaborator. Read defensively: awareness is JSON from the wire.
 */
import type { BackendInfo } from '@cohort/kernel/protocol';

export interface RemoteKernelState {
  phase: 'starting' | 'idle' | 'busy' | 'dead';
  backend: BackendInfo | null;
  worker: string | null;
  notice: string | null;
}

const phases = ['starting', 'idle', 'busy', 'dead'] as const;
const backendNames = ['webgpu', 'webgl', 'wasm', 'cpu', 'tensorflow'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function readBackend(value: unknown): BackendInfo | null {
  if (!isRecord(value) || !backendNames.includes(value.name as BackendInfo['name']) || typeof value.device !== 'string') return null;
  return { name: value.name as BackendInfo['name'], device: value.device, software: value.software === true };
}

/** The remote kernel's state among the awareness states, or null when none is published. */
export function remoteKernelState(states: ReadonlyMap<number, unknown>): RemoteKernelState | null {
  for (const state of states.values()) {
    const kernel = isRecord(state) ? state.kernel : undefined;
    if (!isRecord(kernel) || kernel.runtime !== 'remote' || !phases.includes(kernel.phase as RemoteKernelState['phase'])) continue;
    return {
      phase: kernel.phase as RemoteKernelState['phase'],
      backend: readBackend(kernel.backend),
      worker: typeof kernel.worker === 'string' ? kernel.worker : null,
      notice: typeof kernel.notice === 'string' ? kernel.notice : null,
    };
  }
  return null;
}
