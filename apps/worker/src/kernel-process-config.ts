/**
 * What the worker tells a kernel process at start (its one command-line argument, JSON): where
 * the modules it may load are, and the backend the user asked for. No secrets ever go here: the
 * command line of a process is readable by other processes of the same user.
 */
import { z } from 'zod';
import { BackendName } from '@cohort/kernel/protocol';

export const KernelProcessConfig = z.object({
  /** The backend asked for; absent: the first that works in the Node order (tensorflow, webgpu, wasm, cpu). */
  backend: BackendName.optional(),
  /** Folder of the wasm backend's .wasm files, ending in '/'. */
  wasmPaths: z.string().endsWith('/'),
  /** File URL of the `webgpu` package (Dawn); absent where it is not installed. */
  webgpuModule: z.string().optional(),
  /** File URLs of @tensorflow/tfjs-node-gpu and @tensorflow/tfjs-node where installed, in that order. */
  tensorflowModules: z.array(z.string()),
});
export type KernelProcessConfig = z.output<typeof KernelProcessConfig>;
