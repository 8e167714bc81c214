import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { ORIGIN } from '@cohort/notebook';
import { canEdit, closeCodes, encodePersisted, messageTypes, syncMessageTypes, type CloseCode, type SyncRole } from '@cohort/sync-auth';
import { SyncRefusal, type ConnectionHandle, type DocumentHandle, type Identity, type SyncExtension } from './extension.ts';
import type { FanOut } from './fan-out.ts';
import { awarenessFrame, syncFrame } from './frames.ts';
import { notebookIdOf, refuseUpgrade } from './upgrade.ts';

export interface SyncCoreOptions {
  extensions: SyncExtension[];
  fanOut: FanOut;
  /** Largest frame accepted; a larger one closes the socket with 4413. */
  maxFrameBytes: number;
  /** Frames and bytes a socket may send before its authentication completes; more closes it with 4429. */
  preAuthMaxMessages: number;
  preAuthMaxBytes: number;
  /** How long a document with no sockets stays in memory. */
  idleUnloadMs: number;
  /** Interval of WebSocket pings; a socket that missed the previous pong is dropped. */
  pingIntervalMs: number;
  log(message: string, error?: unknown): void;
}

export interface SyncCore {
  /** Takes over an HTTP upgrade request for `/sync/<notebookId>`. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Ids of the notebooks whose documents are in memory. */
  documents(): string[];
  /** The state of a notebook's document while it is in memory here (a Yjs update), else null. */
  liveState(notebookId: string): Uint8Array | null;
  /**
   * A change the server makes itself (SYNC-DOC-1). When its turn comes in the document's queue,
   * `compute` gets the document's state, exact since nothing else applies meanwhile, and returns
   * the update to make (null: none). The update is stored like a client's, then applied with
   * origin `server` and sent to every socket and sync server. Loads the document if it is not in
   * memory. False: no such notebook.
   */
  change(notebookId: string, compute: (state: Uint8Array) => Promise<Uint8Array | null>): Promise<boolean>;
  /** Closes every socket, stores what is pending, unloads every document. */
  close(): Promise<void>;
}

const goingAway = 1001;
const internalError = 1011;
const maxBatch = 256;
/** Origin of updates and awareness changes that came from another sync server. */
const fanOutOrigin = Symbol('fan-out');

/** ws closes with 1009 when a message exceeds maxPayload; our documented code is 4413. */
class CappedWebSocket extends WebSocket {
  override close(code?: number, data?: string | Buffer): void {
    if (code === 1009) super.close(closeCodes.tooLarge, 'frame too large');
    else super.close(code, data);
  }
}

class Connection implements ConnectionHandle {
  readonly notebookId: string;
  readonly ws: WebSocket;
  identity!: Identity;
  role!: SyncRole;
  readonly awarenessClients = new Set<number>();
  /** Frames received before authentication completed, replayed in order after. */
  buffered: Uint8Array[] = [];
  bufferedBytes = 0;
  document: LiveDocument | null = null;
  /** No frame is handled any more: the socket is closing or closed. */
  closing = false;
  subscribedPersisted = false;
  /** Update-carrying frames of this socket that are durable (or changed nothing), counted in order. */
  durableUpdates = 0;
  alive = true;
  readonly closed: Promise<void>;

  constructor(ws: WebSocket, notebookId: string) {
    this.ws = ws;
    this.notebookId = notebookId;
    this.closed = new Promise((resolve) => ws.once('close', () => resolve()));
  }

  setRole(role: SyncRole): void {
    this.role = role;
  }

  send(frame: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  close(code: CloseCode | typeof goingAway | typeof internalError, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.ws.close(code, reason);
  }
}

interface QueuedUpdate {
  kind: 'update';
  /** null: a frame that changes nothing, still counted for its socket's acknowledgements. */
  update: Uint8Array | null;
  from: Connection | null;
  /** Already durable (it came from another sync server, which stored it). */
  stored: boolean;
}

interface QueuedChange {
  kind: 'change';
  compute(state: Uint8Array): Promise<Uint8Array | null>;
  resolve(changed: boolean): void;
  reject(error: unknown): void;
}

class LiveDocument implements DocumentHandle {
  readonly notebookId: string;
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly members = new Set<Connection>();
  readonly owners = new Map<number, Connection>();
  state: 'loading' | 'ready' | 'unloading' = 'loading';
  ready: Promise<void> = Promise.resolve();
  unloaded: Promise<void> | null = null;
  /** Updates and server changes in arrival order; drained one batch at a time so stores and applies never interleave. */
  queue: (QueuedUpdate | QueuedChange)[] = [];
  draining = false;
  drainedWaiters: Array<() => void> = [];
  idleTimer: NodeJS.Timeout | undefined;
  unsubscribe: () => void = () => {};

  constructor(notebookId: string) {
    this.notebookId = notebookId;
    this.awareness.setLocalState(null);
  }

  connections(): ConnectionHandle[] {
    return [...this.members];
  }

  awarenessOwner(clientId: number): ConnectionHandle | undefined {
    return this.owners.get(clientId);
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The y-websocket protocol (sync step 1/2, update, awareness) plus Cohort's rules: a role is
 * enforced on every frame, an update is stored before it is applied, broadcast or acknowledged,
 * and documents live in memory only while used. Storage, auth and identity are extensions.
 */
export function createSyncCore(options: SyncCoreOptions): SyncCore {
  const { extensions, fanOut, log } = options;
  const serverId = randomUUID();
  const documents = new Map<string, LiveDocument>();
  const live = new Set<Connection>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxFrameBytes,
    WebSocket: CappedWebSocket,
    clientTracking: false,
    perMessageDeflate: false,
  });
  let closing: Promise<void> | null = null;

  const pingTimer = setInterval(() => {
    for (const connection of live) {
      if (!connection.alive) connection.ws.terminate();
      else {
        connection.alive = false;
        connection.ws.ping();
      }
    }
  }, options.pingIntervalMs).unref();

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (closing) return refuseUpgrade(socket, 503, 'Service Unavailable');
    const notebookId = notebookIdOf(request.url);
    if (!notebookId) return refuseUpgrade(socket, 404, 'Not Found');
    try {
      for (const extension of extensions) extension.onUpgrade?.({ request, notebookId });
    } catch (error) {
      if (error instanceof SyncRefusal) return refuseUpgrade(socket, 403, 'Forbidden');
      log('checking an upgrade request failed', error);
      return refuseUpgrade(socket, 500, 'Internal Server Error');
    }
    wss.handleUpgrade(request, socket, head, (ws) => accept(ws, request, notebookId));
  }

  function accept(ws: WebSocket, request: IncomingMessage, notebookId: string): void {
    const connection = new Connection(ws, notebookId);
    live.add(connection);
    ws.on('message', (data, isBinary) => receive(connection, data, isBinary));
    ws.on('pong', () => (connection.alive = true));
    // ws closes the socket itself after an error; 'close' follows.
    ws.on('error', () => {});
    ws.on('close', () => {
      live.delete(connection);
      connection.closing = true;
      if (connection.document) detach(connection.document, connection);
    });
    void authenticate(connection, request);
  }

  async function authenticate(connection: Connection, request: IncomingMessage): Promise<void> {
    try {
      let identity: Identity | null = null;
      for (const extension of extensions) {
        if (extension.onAuthenticate) identity = await extension.onAuthenticate({ request, notebookId: connection.notebookId, identity });
      }
      if (!identity) throw new SyncRefusal(closeCodes.unauthenticated, 'not authenticated');
      if (connection.closing) return;
      connection.identity = identity;
      connection.role = identity.role;
      const document = await acquire(connection.notebookId);
      if (connection.closing) {
        if (!document.members.size) scheduleUnload(document);
        return;
      }
      attach(document, connection);
    } catch (error) {
      if (error instanceof SyncRefusal) return connection.close(error.code, error.message);
      log(`opening notebook ${connection.notebookId} failed`, error);
      connection.close(internalError, 'internal error');
    }
  }

  function receive(connection: Connection, data: RawData, isBinary: boolean): void {
    if (connection.closing) return;
    if (!isBinary) return connection.close(closeCodes.badMessage, 'binary frames only');
    // binaryType is ws's default, 'nodebuffer': one Buffer per message.
    const frame = data as Buffer;
    if (!connection.document) {
      connection.buffered.push(frame);
      connection.bufferedBytes += frame.length;
      if (connection.buffered.length > options.preAuthMaxMessages || connection.bufferedBytes > options.preAuthMaxBytes) {
        connection.close(closeCodes.flood, 'too many frames before authentication');
      }
      return;
    }
    handleFrame(connection.document, connection, frame);
  }

  /** A frame that cannot be read closes its own socket (4400); it never throws out of the listener. */
  function handleFrame(document: LiveDocument, connection: Connection, frame: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(frame);
      const type = decoding.readVarUint(decoder);
      if (type === messageTypes.sync) {
        const kind = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (kind === syncMessageTypes.step1) {
          connection.send(syncFrame(syncMessageTypes.step2, Y.encodeStateAsUpdate(document.doc, payload)));
        } else if (kind === syncMessageTypes.step2 || kind === syncMessageTypes.update) {
          receiveUpdate(document, connection, payload, kind === syncMessageTypes.step2);
        } else {
          throw new SyncRefusal(closeCodes.badMessage, `unknown sync message ${kind}`);
        }
      } else if (type === messageTypes.awareness) {
        receiveAwareness(document, connection, decoding.readVarUint8Array(decoder));
      } else if (type === messageTypes.queryAwareness) {
        const clients = [...document.awareness.getStates().keys()];
        connection.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(document.awareness, clients)));
      } else if (type === messageTypes.subscribePersisted) {
        connection.subscribedPersisted = true;
        connection.send(encodePersisted({ updates: connection.durableUpdates, stateVector: Y.encodeStateVector(document.doc) }));
      } else {
        throw new SyncRefusal(closeCodes.badMessage, `unknown message type ${type}`);
      }
    } catch (error) {
      if (error instanceof SyncRefusal) connection.close(error.code, error.message);
      else connection.close(closeCodes.badMessage, 'malformed message');
    }
  }

  function receiveUpdate(document: LiveDocument, connection: Connection, update: Uint8Array, isStep2: boolean): void {
    // Decoding validates the update before anything is stored (throws on malformed input).
    const { structs, ds } = Y.decodeUpdate(update);
    const readOnly = !canEdit(connection.role);
    // A reconnecting client's step 2 mostly repeats what the server has, deletions included; the
    // check costs a pass over the document, so it is made for step 2 and read-only sockets only.
    const changesNothing =
      (structs.length === 0 && ds.clients.size === 0) ||
      ((isStep2 || readOnly) && Y.snapshotContainsUpdate(Y.snapshot(document.doc), update));
    if (readOnly && !changesNothing) throw new SyncRefusal(closeCodes.forbidden, `a ${connection.role} cannot change the notebook`);
    enqueue(document, { kind: 'update', update: changesNothing ? null : update, from: connection, stored: false });
  }

  function receiveAwareness(document: LiveDocument, connection: Connection, update: Uint8Array): void {
    let rewritten: Uint8Array | null = update;
    for (const extension of extensions) {
      if (rewritten && extension.beforeApplyAwareness) rewritten = extension.beforeApplyAwareness({ document, connection, update: rewritten });
    }
    if (rewritten) awarenessProtocol.applyAwarenessUpdate(document.awareness, rewritten, connection);
  }

  function enqueue(document: LiveDocument, entry: QueuedUpdate | QueuedChange): void {
    document.queue.push(entry);
    drain(document);
  }

  function drain(document: LiveDocument): void {
    if (document.draining || document.state === 'loading') return;
    document.draining = true;
    void (async () => {
      try {
        while (document.queue.length) {
          if (document.queue[0]!.kind === 'change') {
            await runChange(document, document.queue.shift() as QueuedChange);
            continue;
          }
          // A batch ends before the next server change, which must see the updates before it applied.
          const changeAt = document.queue.findIndex((entry) => entry.kind === 'change');
          const batch = document.queue.splice(0, Math.min(changeAt < 0 ? maxBatch : changeAt, maxBatch)) as QueuedUpdate[];
          const unstored = batch.flatMap((entry) => (entry.update && !entry.stored ? [entry.update] : []));
          if (unstored.length && !(await store(document, unstored))) continue;
          for (const entry of batch) {
            if (entry.update && !apply(document, entry.update, entry.from ?? fanOutOrigin)) {
              entry.from?.close(closeCodes.badMessage, 'update does not apply');
            }
            if (entry.from) entry.from.durableUpdates++;
          }
          acknowledge(document);
          if (unstored.length) afterApply(document);
        }
      } finally {
        document.draining = false;
        for (const resolve of document.drainedWaiters.splice(0)) resolve();
      }
    })();
  }

  function drained(document: LiveDocument): Promise<void> {
    if (!document.draining && !document.queue.length) return Promise.resolve();
    return new Promise((resolve) => document.drainedWaiters.push(resolve));
  }

  /** Runs the beforeApplyUpdates hooks until they succeed; false when the updates are given up. */
  async function store(document: LiveDocument, updates: Uint8Array[]): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        for (const extension of extensions) await extension.beforeApplyUpdates?.({ notebookId: document.notebookId, updates });
        return true;
      } catch (error) {
        if (error instanceof SyncRefusal) {
          for (const entry of document.queue) if (entry.kind === 'change') entry.resolve(false);
          document.queue.length = 0;
          for (const connection of document.members) connection.close(error.code, error.message);
          return false;
        }
        // Nothing was acknowledged, so a client still holds what is given up here and sends it again.
        if (closing) {
          log(`storing ${updates.length} update(s) of notebook ${document.notebookId} failed during shutdown`, error);
          return false;
        }
        log(`storing ${updates.length} update(s) of notebook ${document.notebookId} failed; retrying`, error);
        await delay(Math.min(100 * 2 ** attempt, 5_000));
      }
    }
  }

  /** False when the update decoded but did not apply. */
  function apply(document: LiveDocument, update: Uint8Array, origin: unknown): boolean {
    try {
      Y.applyUpdate(document.doc, update, origin);
      return true;
    } catch (error) {
      log(`an update to notebook ${document.notebookId} decoded but did not apply`, error);
      return false;
    }
  }

  function afterApply(document: LiveDocument): void {
    for (const extension of extensions) {
      try {
        extension.afterApplyUpdates?.(document);
      } catch (error) {
        log(`an afterApplyUpdates hook failed for notebook ${document.notebookId}`, error);
      }
    }
  }

  async function runChange(document: LiveDocument, change: QueuedChange): Promise<void> {
    let update: Uint8Array | null;
    try {
      update = await change.compute(Y.encodeStateAsUpdate(document.doc));
      // Decoding validates the update (throws on malformed input) before anything is stored.
      if (update && Y.decodeUpdate(update).structs.length === 0 && Y.snapshotContainsUpdate(Y.snapshot(document.doc), update)) update = null;
    } catch (error) {
      return change.reject(error);
    }
    if (!update) return change.resolve(true);
    if (!(await store(document, [update]))) {
      // store() gave up: the server is shutting down, or the notebook is gone.
      return closing ? change.reject(new Error('the sync server is shutting down')) : change.resolve(false);
    }
    if (!apply(document, update, ORIGIN.server)) return change.reject(new Error(`the change to notebook ${document.notebookId} does not apply`));
    acknowledge(document);
    afterApply(document);
    change.resolve(true);
  }

  function acknowledge(document: LiveDocument): void {
    const subscribers = [...document.members].filter((connection) => connection.subscribedPersisted);
    if (!subscribers.length) return;
    const stateVector = Y.encodeStateVector(document.doc);
    for (const connection of subscribers) connection.send(encodePersisted({ updates: connection.durableUpdates, stateVector }));
  }

  async function acquire(notebookId: string): Promise<LiveDocument> {
    for (;;) {
      const existing = documents.get(notebookId);
      if (existing?.unloaded) {
        await existing.unloaded;
        continue;
      }
      const document = existing ?? load(notebookId);
      clearTimeout(document.idleTimer);
      await document.ready;
      if (document.state === 'ready') return document;
    }
  }

  function load(notebookId: string): LiveDocument {
    const document = new LiveDocument(notebookId);
    documents.set(notebookId, document);
    // Subscribed before reading storage, so no update published meanwhile is missed.
    document.unsubscribe = fanOut.subscribe(notebookId, (from, message) => {
      if (from === serverId || document.state === 'unloading') return;
      if (message.kind === 'update') return enqueue(document, { kind: 'update', update: message.payload, from: null, stored: true });
      if (document.state !== 'ready') return;
      try {
        awarenessProtocol.applyAwarenessUpdate(document.awareness, message.payload, fanOutOrigin);
      } catch (error) {
        log(`an awareness update from another sync server for notebook ${notebookId} did not apply`, error);
      }
    });
    document.ready = (async () => {
      const stored: Uint8Array[] = [];
      for (const extension of extensions) if (extension.onLoadDocument) stored.push(...(await extension.onLoadDocument({ notebookId })));
      for (const update of stored) {
        try {
          Y.applyUpdate(document.doc, update, 'server');
        } catch (error) {
          log(`a stored update of notebook ${notebookId} does not apply; skipped`, error);
        }
      }
      document.doc.on('update', (update: Uint8Array, origin: unknown) => broadcastUpdate(document, update, origin));
      document.awareness.on('update', (change: AwarenessChange, origin: unknown) => broadcastAwareness(document, change, origin));
      document.state = 'ready';
      for (const extension of extensions) extension.afterLoadDocument?.(document);
      drain(document);
    })();
    document.ready.catch(() => {
      documents.delete(notebookId);
      document.unsubscribe();
      document.awareness.destroy();
      document.doc.destroy();
    });
    return document;
  }

  function broadcastUpdate(document: LiveDocument, update: Uint8Array, origin: unknown): void {
    const frame = syncFrame(syncMessageTypes.update, update);
    for (const connection of document.members) if (connection !== origin) connection.send(frame);
    if (origin !== fanOutOrigin) fanOut.publish(document.notebookId, serverId, { kind: 'update', payload: update });
  }

  function broadcastAwareness(document: LiveDocument, { added, updated, removed }: AwarenessChange, origin: unknown): void {
    const changed = [...added, ...updated, ...removed];
    if (origin instanceof Connection) {
      for (const clientId of changed) {
        const previous = document.owners.get(clientId);
        if (previous && previous !== origin) previous.awarenessClients.delete(clientId);
        document.owners.set(clientId, origin);
        origin.awarenessClients.add(clientId);
      }
    }
    const update = awarenessProtocol.encodeAwarenessUpdate(document.awareness, changed);
    // The sender gets its own state back too: the stock client counts it as a sign of life.
    const frame = awarenessFrame(update);
    for (const connection of document.members) connection.send(frame);
    if (origin !== fanOutOrigin) fanOut.publish(document.notebookId, serverId, { kind: 'awareness', payload: update });
  }

  function attach(document: LiveDocument, connection: Connection): void {
    clearTimeout(document.idleTimer);
    document.members.add(connection);
    connection.document = document;
    connection.send(syncFrame(syncMessageTypes.step1, Y.encodeStateVector(document.doc)));
    const clients = [...document.awareness.getStates().keys()];
    if (clients.length) connection.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(document.awareness, clients)));
    const buffered = connection.buffered;
    connection.buffered = [];
    for (const frame of buffered) if (!connection.closing) handleFrame(document, connection, frame);
  }

  function detach(document: LiveDocument, connection: Connection): void {
    document.members.delete(connection);
    const owned = [...connection.awarenessClients].filter((clientId) => document.owners.get(clientId) === connection);
    for (const clientId of owned) document.owners.delete(clientId);
    if (owned.length && document.state === 'ready') awarenessProtocol.removeAwarenessStates(document.awareness, owned, 'disconnect');
    if (!document.members.size) scheduleUnload(document);
  }

  function scheduleUnload(document: LiveDocument): void {
    if (closing || document.unloaded) return;
    clearTimeout(document.idleTimer);
    document.idleTimer = setTimeout(() => {
      if (extensions.some((extension) => extension.holdsDocument?.(document.notebookId))) scheduleUnload(document);
      else void unload(document);
    }, options.idleUnloadMs).unref();
  }

  function unload(document: LiveDocument): Promise<void> {
    clearTimeout(document.idleTimer);
    document.unloaded ??= (async () => {
      // A document that failed to load was dropped already.
      if (!(await document.ready.then(() => true, () => false))) return;
      document.state = 'unloading';
      await drained(document);
      for (const extension of extensions) {
        try {
          await extension.beforeUnloadDocument?.({ notebookId: document.notebookId });
        } catch (error) {
          log(`unloading notebook ${document.notebookId}: a hook failed; its log stays as it was`, error);
        }
      }
      document.unsubscribe();
      document.awareness.destroy();
      document.doc.destroy();
      documents.delete(document.notebookId);
      for (const extension of extensions) extension.afterUnloadDocument?.({ notebookId: document.notebookId });
    })();
    return document.unloaded;
  }

  return {
    handleUpgrade,
    documents: () => [...documents.keys()],
    liveState(notebookId) {
      const document = documents.get(notebookId);
      return document && document.state !== 'loading' ? Y.encodeStateAsUpdate(document.doc) : null;
    },
    async change(notebookId, compute) {
      if (closing) throw new Error('the sync server is shutting down');
      let document: LiveDocument;
      try {
        document = await acquire(notebookId);
      } catch (error) {
        if (error instanceof SyncRefusal && error.code === closeCodes.notFound) return false;
        throw error;
      }
      try {
        return await new Promise<boolean>((resolve, reject) => enqueue(document, { kind: 'change', compute, resolve, reject }));
      } finally {
        if (!document.members.size) scheduleUnload(document);
      }
    },
    close() {
      closing ??= (async () => {
        clearInterval(pingTimer);
        await Promise.all(
          [...live].map((connection) => {
            connection.close(goingAway, 'server shutting down');
            const terminate = setTimeout(() => connection.ws.terminate(), 1_000);
            return connection.closed.finally(() => clearTimeout(terminate));
          }),
        );
        await Promise.all([...documents.values()].map(unload));
        wss.close();
        for (const extension of extensions) await extension.onDestroy?.();
      })();
      return closing;
    },
  };
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}
