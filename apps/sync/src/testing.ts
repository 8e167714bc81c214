// Helpers for tests that talk to a sync server (exported as '@cohort/sync/testing'): the stock
// y-websocket client as a browser runs it, plus Cohort's opt-in persisted acknowledgements.
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { decodePersisted, encodeSubscribePersisted, isUpdateFrame, messageTypes, type Persisted } from '@cohort/sync-auth';
import type { RemoteKernelState } from './remote-session.ts';

export interface TestClientOptions {
  /** The endpoint without the notebook id, e.g. `ws://127.0.0.1:3000/sync`. */
  serverUrl: string;
  notebookId: string;
  token: string;
  /** The Origin header, as a browser on that origin sends it. */
  origin?: string;
  /** Subscribe to persisted acknowledgements, as Cohort's editor does; stock clients do not. */
  persisted?: boolean;
  doc?: Y.Doc;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The close code and reason when the server closes the socket for good (4400–4499). */
  closed: Promise<{ code: number; reason: string }>;
  /** Message types of the frames received so far. */
  receivedTypes: Set<number>;
  synced(): Promise<void>;
  /**
   * Resolves once the document is synced and everything this client sent on its socket is
   * durable, as acknowledged by the server (needs `persisted: true`).
   */
  saved(): Promise<Persisted>;
  destroy(): void;
}

export function connectClient(options: TestClientOptions): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const receivedTypes = new Set<number>();
  let socket: ClientSocket | null = null;
  let acknowledged: Persisted | null = null;
  let checks: Array<() => void> = [];
  const recheck = () => {
    for (const check of checks) check();
  };

  class ClientSocket extends WebSocket {
    sentUpdates = 0;
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, options.origin ? { origin: options.origin } : {});
      socket = this;
      acknowledged = null;
      this.addEventListener('message', (event) => receivedTypes.add(new Uint8Array(event.data as ArrayBuffer)[0]!));
      if (options.persisted) this.addEventListener('open', () => this.send(encodeSubscribePersisted()));
    }
    override send(data: Uint8Array): void {
      if (isUpdateFrame(data)) this.sentUpdates++;
      super.send(data);
    }
  }

  const provider = new WebsocketProvider(options.serverUrl, options.notebookId, doc, {
    params: { token: options.token },
    WebSocketPolyfill: ClientSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  provider.messageHandlers[messageTypes.persisted] = (_encoder, decoder) => {
    acknowledged = decodePersisted(decoder.arr);
    decoder.pos = decoder.arr.length;
    recheck();
  };
  provider.on('sync', recheck);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => provider.on('closed', resolve));

  const isSaved = (): Persisted | null => {
    if (!provider.synced || !socket || !acknowledged || acknowledged.updates < socket.sentUpdates) return null;
    const stored = Y.decodeStateVector(acknowledged.stateVector).get(doc.clientID) ?? 0;
    return stored >= (Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0) ? acknowledged : null;
  };

  return {
    doc,
    provider,
    closed,
    receivedTypes,
    synced: () =>
      new Promise((resolve) => {
        if (provider.synced) return resolve();
        const onSync = (state: boolean) => {
          if (!state) return;
          provider.off('sync', onSync);
          resolve();
        };
        provider.on('sync', onSync);
      }),
    saved: () =>
      new Promise((resolve) => {
        const check = () => {
          const persisted = isSaved();
          if (!persisted) return;
          checks = checks.filter((c) => c !== check);
          resolve(persisted);
        };
        checks.push(check);
        check();
      }),
    destroy: () => provider.destroy(),
  };
}

/** Rejects, naming `what`, unless `promise` settles within `ms`. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Resolves once `check` holds for `doc`, checking again after each of its updates. */
export function docSatisfies(doc: Y.Doc, check: (doc: Y.Doc) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check(doc)) return resolve();
    const onUpdate = () => {
      if (!check(doc)) return;
      doc.off('update', onUpdate);
      resolve();
    };
    doc.on('update', onUpdate);
  });
}

/** The kernel state the server shares in the notebook's awareness, as this client sees it (SYNC-AWARE-4). */
export function kernelStateOf(client: TestClient): RemoteKernelState | null {
  for (const state of client.provider.awareness.getStates().values()) if (state.kernel) return state.kernel as RemoteKernelState;
  return null;
}

/** Resolves with the kernel state this client sees once `check` holds for it; rejects after `ms`. */
export function kernelStateWhere(client: TestClient, check: (state: RemoteKernelState | null) => boolean, ms = 10_000): Promise<RemoteKernelState | null> {
  const awareness = client.provider.awareness;
  return within(ms, 'kernel state', new Promise((resolve) => {
    const test = () => {
      const state = kernelStateOf(client);
      if (!check(state)) return;
      awareness.off('change', test);
      resolve(state);
    };
    awareness.on('change', test);
    test();
  }));
}
