import type { BackendInfo } from '@cohort/kernel/protocol';
import type { KernelSnapshot } from './kernel-controller.ts';

const backendNames: Record<BackendInfo['name'], string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU', tensorflow: 'TensorFlow' };

/** "WebGPU (NVIDIA H100, software)" — the backend the kernel got and the device it runs on. */
export function backendLabel(backend: BackendInfo): string {
  const device = backend.device && backend.device !== 'CPU' ? backend.device : null;
  const details = [device, backend.software ? 'software' : null].filter(Boolean).join(', ');
  return details ? `${backendNames[backend.name]} (${details})` : backendNames[backend.name];
}

/** What the header says of the kernel: where it runs and whether it is busy. */
export function kernelStateLabel(snapshot: KernelSnapshot): string {
  switch (snapshot.phase) {
    case 'off':
      return 'Browser · not started';
    case 'starting':
      return 'Browser · starting…';
    case 'stopped':
      return 'Browser · stopped';
    case 'ready':
    case 'busy':
      return `Browser · ${snapshot.backend ? backendLabel(snapshot.backend) : ''} · ${snapshot.phase === 'busy' ? 'busy' : 'idle'}`;
  }
}
