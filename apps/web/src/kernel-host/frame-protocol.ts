/**
 * What the app page and the kernel iframe say to each other through postMessage. The frame only
 * relays kernel protocol messages to and from its Worker, and starts or stops that Worker; all
 * request bookkeeping stays in the app (browser-kernel.ts).
 */
export const FRAME_TAG = 'cohort-kernel-frame';

/** Which TensorFlow.js backend the kernel should use; 'auto' lets it choose. */
export type BackendChoice = 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export type ToFrame =
  | { tag: typeof FRAME_TAG; type: 'start'; backend: BackendChoice }
  | { tag: typeof FRAME_TAG; type: 'send'; message: unknown }
  | { tag: typeof FRAME_TAG; type: 'terminate' };

export type FromFrame =
  | { tag: typeof FRAME_TAG; type: 'ready' }
  | { tag: typeof FRAME_TAG; type: 'message'; message: unknown }
  /** The Worker failed to load or threw outside any cell: the kernel is gone. */
  | { tag: typeof FRAME_TAG; type: 'crashed'; reason: string };

/** The first message the frame sends its Worker. */
export interface WorkerInit {
  type: 'init';
  backend: BackendChoice;
  /** Where the TensorFlow.js wasm backend's .wasm files are served (this origin). */
  wasmPath: string;
}

/** A message as written before the tag is added (Omit over each member of the union). */
export type Untagged<T> = T extends unknown ? Omit<T, 'tag'> : never;

export function isFrameMessage<T extends { tag: string }>(data: unknown): data is T {
  return typeof data === 'object' && data !== null && (data as { tag?: unknown }).tag === FRAME_TAG;
}
