import type { BackendInfo } from '@cohort/kernel/protocol';
import type { KernelSnapshot } from './kernel-controller.ts';

const backendNames: Record<BackendInfo['name'], string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU', tensorflow: 'TensorFlow' };

/** "WebGPU (NVIDIA H100, software)" — the backend the kernel got and the device it runs on. */
export function backendLabel(backend: BackendInfo): string {
  // WASM and CPU run on the processor: naming it again ("CPU (WebAssembly)") says nothing new.
  const device = backend.device && !/^CPU\b/.test(backend.device) ? backend.device : null;
  const details = [device, backend.software ? 'software' : null].filter(Boolean).join(', ');
  return details ? `${backendNames[backend.name]} (${details})` : backendNames[backend.name];
}

function remoteStateLabel(remote: KernelSnapshot['remote']): string {
  if (!remote) return 'Remote GPU · not started';
  switch (remote.phase) {
    case 'starting':
      return 'Remote GPU · starting…';
    case 'dead':
      return 'Remote GPU · stopped';
    case 'idle':
    case 'busy':
      return `Remote GPU · ${remote.backend ? backendLabel(remote.backend) : ''} · ${remote.phase}`;
  }
}

/** What the header says of the kernel: where it runs and whether it is busy. */
export function kernelStateLabel(snapshot: KernelSnapshot): string {
  if (snapshot.runtime === 'remote' && !snapshot.local) return remoteStateLabel(snapshot.remote);
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
