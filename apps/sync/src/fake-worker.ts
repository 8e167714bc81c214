// A stand-in kernel worker for the session host's tests: registered in the workers table like a
// real one (apps/worker/SPEC.md), it accepts kernel sockets with a valid kernel token, records a
// kernels row, answers kernel_info at once and runs each cell by a script the test controls, so
// the tests can hold a cell running, end a kernel (4410) or vanish (1006) at the moment they choose.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { eq, kernels, workers, type Db } from '@cohort/db';
import { createMessage, parseKernelMessage, type BackendInfo, type KernelMessage, type KernelMessageOf, type MessageContent, type MessageType } from '@cohort/kernel/protocol';
import { createKernelTokens } from '@cohort/sync-auth/kernel-token';

export interface FakeKernel {
  id: string;
  notebookId: string;
  backend: BackendInfo;
  /** Requests received, in order. */
  requests: KernelMessage[];
  /** Sends a message to every socket of the kernel. */
  send<T extends MessageType>(type: T, content: MessageContent<T>, parent?: KernelMessage): void;
  /** Ends an execution as the real kernel does: reply, then idle. */
  reply(request: KernelMessage, status?: 'ok' | 'error' | 'aborted'): void;
  /** Resolves with the first request of `type` received from now on (or already, past `after`). */
  nextRequest<T extends MessageType>(type: T, after?: number): Promise<KernelMessageOf<T>>;
  /** The kernel ends: its row is dead with `reason`, its sockets close with 4410. */
  end(reason: string): Promise<void>;
}

/**
 * What the kernel does with an execute_request: by default it prints `ran: <code>` on stdout and
 * replies ok. A script may instead hold the cell (return without replying) and finish it later.
 */
export type ExecuteScript = (request: KernelMessageOf<'execute_request'>, kernel: FakeKernel) => void;

export interface FakeWorker {
  id: string;
  url: string;
  kernels: Map<string, FakeKernel>;
  /** Resolves once a socket for a new kernel id has connected and been answered. */
  nextKernel(): Promise<FakeKernel>;
  onExecute(script: ExecuteScript): void;
  /** The worker vanishes (SIGKILL): sockets drop without a close frame and its heartbeat stops. */
  vanish(): Promise<void>;
  close(): Promise<void>;
}

export const defaultExecute: ExecuteScript = (request, kernel) => {
  kernel.send('status', { execution_state: 'busy' }, request);
  kernel.send('stream', { name: 'stdout', text: `ran: ${request.content.code}\n` }, request);
  kernel.reply(request);
};

let executionCounter = 0;

export async function startFakeWorker(db: Db, secret: string, backend: BackendInfo = { name: 'wasm', device: 'CPU (WebAssembly)', software: false }): Promise<FakeWorker> {
  const tokens = createKernelTokens({ secret });
  const server = http.createServer((_request, response) => response.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  const fakeKernels = new Map<string, FakeKernel>();
  const hosted = new Map<string, { kernel: FakeKernel; sockets: Set<WebSocket>; receive(message: KernelMessage): void }>();
  let script: ExecuteScript = defaultExecute;
  let kernelWaiters: Array<(kernel: FakeKernel) => void> = [];
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const [row] = await db.insert(workers).values({ url, capacity: 4, backends: ['wasm', 'cpu'], device: backend.device }).returning({ id: workers.id });
  const workerId = row!.id;
  const heartbeat = setInterval(() => void db.update(workers).set({ heartbeatAt: new Date() }).where(eq(workers.id, workerId)).catch(() => {}), 100);
  const identity = { session: workerId, username: 'fake-worker' };

  function createKernel(id: string, notebookId: string) {
    const kernelSockets = new Set<WebSocket>();
    const requestWaiters = new Set<() => void>();
    const kernel: FakeKernel = {
      id,
      notebookId,
      backend,
      requests: [],
      send(type, content, parent) {
        const frame = JSON.stringify(createMessage(type, content, parent, identity));
        for (const socket of kernelSockets) socket.send(frame);
      },
      reply(request, status = 'ok') {
        kernel.send('execute_reply', { status, execution_count: ++executionCounter }, request);
        kernel.send('status', { execution_state: 'idle' }, request);
      },
      nextRequest(type, after = kernel.requests.length) {
        return new Promise((resolve) => {
          const check = () => {
            const found = kernel.requests.slice(after).find((request) => request.header.msg_type === type);
            if (!found) return;
            requestWaiters.delete(check);
            resolve(found as never);
          };
          requestWaiters.add(check);
          check();
        });
      },
      async end(reason) {
        await db.update(kernels).set({ state: 'dead', endedAt: new Date(), reason }).where(eq(kernels.id, id));
        for (const socket of kernelSockets) socket.close(4410, reason);
      },
    };
    const receive = (message: KernelMessage) => {
      kernel.requests.push(message);
      for (const check of [...requestWaiters]) check();
      if (message.header.msg_type === 'execute_request') script(message as KernelMessageOf<'execute_request'>, kernel);
      if (message.header.msg_type === 'restart_request') {
        kernel.send('status', { execution_state: 'busy' }, message);
        const requested = (message as KernelMessageOf<'restart_request'>).content.backend;
        kernel.backend = requested ? { ...backend, name: requested } : backend;
        kernel.send('restart_reply', { status: 'ok', backend: kernel.backend }, message);
        kernel.send('status', { execution_state: 'idle' }, message);
      }
    };
    return { kernel, sockets: kernelSockets, receive };
  }

  server.on('upgrade', (request, socket, head) => {
    const requestUrl = new URL(request.url ?? '/', 'http://worker');
    const kernelId = /^\/kernels\/([0-9a-f-]{36})$/.exec(requestUrl.pathname)?.[1];
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      const verified = tokens.verify(requestUrl.searchParams.get('token') ?? '');
      if (!kernelId || !verified.ok || verified.payload.kid !== kernelId) return ws.close(4401, 'bad kernel token');
      void (async () => {
        let entry = hosted.get(kernelId);
        const isNew = !entry;
        if (!entry) {
          entry = createKernel(kernelId, verified.payload.nb);
          if (verified.payload.backend) entry.kernel.backend = { ...backend, name: verified.payload.backend };
          hosted.set(kernelId, entry);
          fakeKernels.set(kernelId, entry.kernel);
          await db.insert(kernels).values({ id: kernelId, notebookId: verified.payload.nb, workerId, state: 'idle', backend: entry.kernel.backend.name, device: backend.device });
        }
        const { kernel, sockets: kernelSockets, receive } = entry;
        kernelSockets.add(ws);
        ws.on('close', () => kernelSockets.delete(ws));
        ws.on('message', (data: Buffer) => {
          const parsed = parseKernelMessage(data.toString('utf8'));
          if (parsed.ok) receive(parsed.message);
        });
        ws.send(JSON.stringify(createMessage('kernel_info_reply', kernelInfo(kernel.backend), undefined, identity)));
        if (isNew) for (const resolve of kernelWaiters.splice(0)) resolve(kernel);
      })();
    });
  });

  const stop = async () => {
    clearInterval(heartbeat);
    await new Promise((resolve) => server.close(resolve));
  };

  return {
    id: workerId,
    url,
    kernels: fakeKernels,
    nextKernel: () => new Promise((resolve) => kernelWaiters.push(resolve)),
    onExecute(next) {
      script = next;
    },
    async vanish() {
      for (const socket of sockets) socket.terminate();
      await stop();
      // A worker that died an hour ago, as far as liveness is concerned.
      await db.update(workers).set({ heartbeatAt: new Date(Date.now() - 3_600_000) }).where(eq(workers.id, workerId));
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      await stop();
      await db.update(workers).set({ stoppedAt: new Date() }).where(eq(workers.id, workerId));
    },
  };
}

function kernelInfo(backend: BackendInfo): MessageContent<'kernel_info_reply'> {
  return {
    status: 'ok',
    protocol_version: '5.3',
    implementation: 'cohort',
    implementation_version: '0.1.0',
    language_info: { name: 'typescript', version: '5.9', mimetype: 'text/typescript', file_extension: '.ts' },
    backend,
    backends: ['wasm', 'cpu'],
    runtime: 'node',
  };
}
