// Helpers for tests that run real worker processes and talk to their kernels (exported as
// '@cohort/worker/testing'): a worker started as `npm run start:worker` does, a database with a
// notebook to run, and a kernel socket client that speaks the kernel protocol.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import { createDatabase, migrate, notebooks, readMigrations, users, type Database } from '@cohort/db';
import { freshPostgresDatabase } from '@cohort/db/testing';
import { createMessage, parentMessageId, parseKernelMessage, type BackendName, type KernelMessage, type MessageContent, type MessageType } from '@cohort/kernel/protocol';
import { createKernelTokens } from '@cohort/sync-auth/kernel-token';

const repoRoot = resolve(import.meta.dirname, '../../..');
export const testSecret = 'the worker tests sign their kernel tokens with this secret';

export interface TestDatabase {
  url: string;
  database: Database;
  /** A notebook (and its owner) that kernels can be started for. */
  createNotebook(): Promise<string>;
  drop(): Promise<void>;
}

/** A fresh, migrated database on the Postgres at DATABASE_URL: worker processes cannot share an embedded PGlite. */
export async function freshWorkerDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('the worker tests start worker processes against Postgres: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)');
  const fresh = await freshPostgresDatabase(serverUrl);
  const database = await createDatabase({ driver: 'postgres', url: fresh.url, maxConnections: 4 });
  await migrate(database, readMigrations(join(repoRoot, 'migrations')));
  return {
    url: fresh.url,
    database,
    async createNotebook() {
      const handle = `ana${crypto.randomUUID().slice(0, 8)}`;
      const [user] = await database.db.insert(users).values({ email: `${handle}@example.com`, handle, name: 'Ana' }).returning();
      const [notebook] = await database.db.insert(notebooks).values({ title: 'CNN on MNIST', ownerUserId: user!.id }).returning();
      return notebook!.id;
    },
    async drop() {
      await database.close();
      await fresh.drop();
    },
  };
}

export interface WorkerProcess {
  id: string;
  url: string;
  pid: number;
  output(): string;
  /** Sends `signal` and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `npm run start:worker`'s entry point on port 0 with `env` on top of this process's environment. */
export async function startWorkerProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: testSecret, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const { id, url } = await new Promise<{ id: string; url: string }>((resolvePromise, reject) => {
    child.stdout.on('data', () => {
      const match = /Cohort worker (\S+) is running at (\S+)/.exec(output);
      if (match) resolvePromise({ id: match[1]!, url: match[2]! });
    });
    void exited.then(() => reject(new Error(`the worker exited before it was ready:\n${output}`)));
  });
  return {
    id,
    url,
    pid: child.pid!,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export interface KernelConnection {
  /** Every message received, in order. */
  messages: KernelMessage[];
  /** The kernel's info, sent by the worker once the kernel has started (unparented kernel_info_reply). */
  ready: Promise<MessageContent<'kernel_info_reply'>>;
  closed: Promise<{ code: number; reason: string }>;
  /** Sends a request; resolves with the messages parented to it once its reply and idle arrived. */
  request<T extends MessageType>(type: T, content: MessageContent<T>): Promise<KernelMessage[]>;
  execute(code: string, cellId?: string): Promise<KernelMessage[]>;
  /** Sends a request without waiting; returns its msg_id. */
  send<T extends MessageType>(type: T, content: MessageContent<T>): string;
  sendRaw(frame: string | Buffer): void;
  /** Resolves with the first message (received so far or later) that matches. */
  waitFor(predicate: (message: KernelMessage) => boolean): Promise<KernelMessage>;
  close(): void;
}

export function connectKernel(options: { workerUrl: string; kernelId: string; notebookId: string; backend?: BackendName; token?: string }): KernelConnection {
  const token = options.token ?? createKernelTokens({ secret: testSecret }).sign({ nb: options.notebookId, kid: options.kernelId, exp: Math.floor(Date.now() / 1000) + 600, ...(options.backend ? { backend: options.backend } : {}) });
  const socket = new WebSocket(`${options.workerUrl}/kernels/${options.kernelId}?token=${encodeURIComponent(token)}`);
  const messages: KernelMessage[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data: Buffer) => {
    const parsed = parseKernelMessage(data.toString('utf8'));
    if (!parsed.ok) throw new Error(`the worker sent an invalid message: ${parsed.error}`);
    messages.push(parsed.message);
    for (const check of waiters) check();
  });
  const closed = new Promise<{ code: number; reason: string }>((done) => socket.on('close', (code, reason) => done({ code, reason: reason.toString() })));
  socket.on('error', () => {});
  const opened = new Promise<void>((done) => socket.once('open', () => done()));

  const waitFor = (predicate: (message: KernelMessage) => boolean) =>
    new Promise<KernelMessage>((done, fail) => {
      const check = () => {
        const found = messages.find(predicate);
        if (found) {
          waiters.delete(check);
          done(found);
        }
      };
      waiters.add(check);
      check();
      void closed.then(({ code, reason }) => {
        if (waiters.delete(check)) fail(new Error(`the kernel socket closed (${code} ${reason}) before the awaited message arrived`));
      });
    });
  const send = <T extends MessageType>(type: T, content: MessageContent<T>) => {
    const message = createMessage(type, content, undefined, { username: 'tester' });
    void opened.then(() => socket.send(JSON.stringify(message)));
    return message.header.msg_id;
  };
  const request = async <T extends MessageType>(type: T, content: MessageContent<T>) => {
    const msgId = send(type, content);
    const ofRequest = (message: KernelMessage) => parentMessageId(message) === msgId;
    await waitFor((message) => ofRequest(message) && message.header.msg_type.endsWith('_reply'));
    await waitFor((message) => ofRequest(message) && message.header.msg_type === 'status' && (message.content as { execution_state: string }).execution_state === 'idle');
    return messages.filter(ofRequest);
  };
  const ready = waitFor((message) => message.header.msg_type === 'kernel_info_reply' && parentMessageId(message) === undefined).then((message) => message.content as MessageContent<'kernel_info_reply'>);
  // A socket refused at connect never gets ready; only tests that await `ready` care.
  ready.catch(() => {});
  return {
    messages,
    ready,
    closed,
    request,
    execute: (code, cellId = 'cell-1') => request('execute_request', { code, cell_id: cellId }),
    send,
    sendRaw: (frame) => void opened.then(() => socket.send(frame)),
    waitFor,
    close: () => socket.close(),
  };
}

/** Matches the message of `type` that belongs to the request `msgId`. */
export function answering(msgId: string, type: MessageType): (message: KernelMessage) => boolean {
  return (message) => message.header.msg_type === type && parentMessageId(message) === msgId;
}

export function contentsOf<T extends MessageType>(sequence: KernelMessage[], type: T): MessageContent<T>[] {
  return sequence.filter((message) => message.header.msg_type === type).map((message) => message.content as MessageContent<T>);
}

export function stdoutOf(sequence: KernelMessage[]): string {
  return contentsOf(sequence, 'stream')
    .filter((stream) => stream.name === 'stdout')
    .map((stream) => stream.text)
    .join('');
}

/** The text/plain of the cell's execute_result. */
export function resultOf(sequence: KernelMessage[]): string | undefined {
  return contentsOf(sequence, 'execute_result')[0]?.data['text/plain'];
}
