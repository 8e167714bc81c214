/**
 * The session host's socket to one kernel on a worker (apps/worker/SPEC.md, "The session host's
 * side"): JSON text frames of the kernel protocol both ways. Frames that are not kernel messages
 * are dropped with a log line: a worker is trusted, but a bad frame must not throw out of a listener.
 */
import WebSocket from 'ws';
import { parseKernelMessage, type KernelMessage } from '@cohort/kernel/protocol';
import { createKernelTokens, type KernelTokenPayload } from '@cohort/sync-auth/kernel-token';

export interface KernelLinkOptions {
  /** The worker's URL, e.g. ws://gpu-1.internal:3002. */
  workerUrl: string;
  kernelId: string;
  notebookId: string;
  /** Start the kernel on this backend (a kernel that is running already keeps its own). */
  backend?: KernelTokenPayload['backend'];
  /** The app's auth secret: kernel tokens are signed with a key derived from it. */
  authSecret: string;
  onMessage(message: KernelMessage): void;
  /** The socket closed: 4410 means the kernel has ended (reason says why); 1006 that the worker vanished. */
  onClose(code: number, reason: string): void;
  log(message: string, error?: unknown): void;
}

export interface KernelLink {
  /** Sent once the socket is open; dropped if it never opens (onClose reports that). */
  send(message: KernelMessage): void;
  close(): void;
}

/** A kernel token is checked at connect only: a few minutes is plenty. */
const tokenSeconds = 300;

export function createKernelLink(options: KernelLinkOptions): KernelLink {
  const token = createKernelTokens({ secret: options.authSecret }).sign({
    nb: options.notebookId,
    kid: options.kernelId,
    exp: Math.floor(Date.now() / 1000) + tokenSeconds,
    ...(options.backend ? { backend: options.backend } : {}),
  });
  const socket = new WebSocket(`${options.workerUrl}/kernels/${options.kernelId}?token=${encodeURIComponent(token)}`);
  let closedByUs = false;
  socket.on('message', (data: Buffer, isBinary) => {
    const parsed = isBinary ? ({ ok: false, error: 'a binary frame' } as const) : parseKernelMessage(data.toString('utf8'));
    if (!parsed.ok) return options.log(`kernel ${options.kernelId} sent a frame that is not a kernel message (${parsed.error}); dropped`);
    options.onMessage(parsed.message);
  });
  // ws reports connection failures as an error followed by a close (1006).
  socket.on('error', () => {});
  socket.on('close', (code, reason) => {
    if (!closedByUs) options.onClose(code, reason.toString('utf8'));
  });
  return {
    send(message) {
      const frame = JSON.stringify(message);
      if (socket.readyState === WebSocket.OPEN) socket.send(frame);
      else if (socket.readyState === WebSocket.CONNECTING) socket.once('open', () => socket.send(frame));
    },
    close() {
      closedByUs = true;
      socket.close();
    },
  };
}
