/**
 * The browser kernel: this Worker runs on the user-content origin (inside the kernel iframe) and
 * hosts the same runtime as the Node kernel process. Cells run in this Worker's global scope.
 */
import * as tf from '@tensorflow/tfjs';
import { compileCell, originalPosition } from '@cohort/compiler';
import { createBackendLoaders, createKernelRuntime, parseKernelMessage, type KernelRuntime } from '@cohort/kernel';
import type { WorkerInit } from './frame-protocol.ts';

/** The Worker's global scope (the app's TypeScript setup knows the DOM, not the webworker library). */
declare const self: { postMessage(message: unknown): void; onmessage: ((event: MessageEvent) => void) | null };

// Indirect eval: the cell's script runs in the global scope, so its declarations persist as globals.
const evaluateGlobally = (code: string): unknown => (0, eval)(code);

let runtime: KernelRuntime | null = null;

function start(init: WorkerInit): KernelRuntime {
  return createKernelRuntime({
    send: (message) => self.postMessage(message),
    evaluate: evaluateGlobally,
    runtime: 'browser',
    modules: { '@tensorflow/tfjs': async () => tf },
    backends: createBackendLoaders({ wasmPaths: init.wasmPath }),
    ...(init.backend === 'auto' ? {} : { backend: init.backend }),
    compiler: { compileCell, originalPosition },
  });
}

self.onmessage = (event: MessageEvent) => {
  const data = event.data as Partial<WorkerInit> | undefined;
  if (data?.type === 'init') {
    runtime ??= start(data as WorkerInit);
    return;
  }
  const parsed = parseKernelMessage(event.data);
  if (!parsed.ok) return console.warn(`Kernel: ignored a bad message: ${parsed.error}`);
  void runtime?.handle(parsed.message);
};
