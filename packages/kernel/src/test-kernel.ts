/**
 * Test support: the real runtime hosted in this Node realm the way the Node kernel process hosts
 * it (vm.runInThisContext), recording every message after checking it against the protocol.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { expect, vi } from 'vitest';
import { createBackendLoaders, type BackendLoaders } from './backends.ts';
import { createMessage, parentMessageId, parseKernelMessage, type BackendName, type KernelMessage, type MessageContent, type MessageType } from './protocol.ts';
import { createKernelRuntime, type KernelRuntime } from './runtime.ts';

/** The wasm backend's .wasm files, as the Node kernel points setWasmPaths at them. */
export const nodeWasmPaths = `${path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`;

export interface TestKernel {
  runtime: KernelRuntime;
  /** Every message the runtime sent, in order. */
  messages: KernelMessage[];
  /** Sends a request and returns the messages parented to it once its reply and idle were sent. */
  request<T extends MessageType>(type: T, content: MessageContent<T>): Promise<KernelMessage[]>;
  execute(code: string, cellId?: string): Promise<KernelMessage[]>;
  /** Resolves once the kernel has printed `text` (to stdout). */
  printed(text: string): Promise<void>;
  dispose(): void;
}

export async function startTestKernel(
  options: { backend?: BackendName; backends?: BackendLoaders; evaluate?: (code: string, fileName: string) => unknown } = {},
): Promise<TestKernel> {
  const messages: KernelMessage[] = [];
  const runtime = createKernelRuntime({
    send(message) {
      const parsed = parseKernelMessage(JSON.stringify(message));
      if (!parsed.ok) throw new Error(`the runtime sent an invalid message: ${parsed.error}`);
      messages.push(parsed.message);
    },
    evaluate: options.evaluate ?? ((code, fileName) => vm.runInThisContext(code, { filename: fileName })),
    runtime: 'node',
    modules: { '@tensorflow/tfjs': () => import('@tensorflow/tfjs') },
    backends: options.backends ?? createBackendLoaders({ wasmPaths: nodeWasmPaths }),
    backend: options.backend ?? 'cpu',
  });
  await runtime.ready;
  const request = async <T extends MessageType>(type: T, content: MessageContent<T>) => {
    const message = createMessage(type, content) as KernelMessage;
    await runtime.handle(message);
    return messages.filter((sent) => parentMessageId(sent) === message.header.msg_id);
  };
  return {
    runtime,
    messages,
    request,
    execute: (code, cellId = 'cell-1') => request('execute_request', { code, cell_id: cellId }),
    printed: (text) => vi.waitUntil(() => messages.some((message) => message.header.msg_type === 'stream' && (message.content as { text: string }).text.includes(text)), { timeout: 10_000 }).then(() => {}),
    dispose: () => runtime.dispose(),
  };
}

/** The sequence ends as Jupyter's does: the reply, then idle (KERNEL-EXEC-1). */
export function expectFinished(sequence: KernelMessage[], replyType: MessageType = 'execute_reply'): void {
  const types = sequence.map((message) => message.header.msg_type);
  expect(types[0]).toBe('status');
  expect(types.slice(-2)).toEqual([replyType, 'status']);
  expect(sequence.at(-1)?.content).toEqual({ execution_state: 'idle' });
}

export function contentsOf<T extends MessageType>(sequence: KernelMessage[], type: T): MessageContent<T>[] {
  return sequence.filter((message) => message.header.msg_type === type).map((message) => message.content as MessageContent<T>);
}

export function stdout(sequence: KernelMessage[]): string {
  return contentsOf(sequence, 'stream')
    .filter((stream) => stream.name === 'stdout')
    .map((stream) => stream.text)
    .join('');
}
