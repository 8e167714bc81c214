import { IndexeddbPersistence } from 'y-indexeddb';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createUndoManager, openNotebook, type Notebook } from '@cohort/notebook';
import { closeCodes, decodePersisted, encodeSubscribePersisted, isUpdateFrame, messageTypes, type SyncRole } from '@cohort/sync-auth';
import { callApi } from '@/lib/api-client';
import { syncState, type SocketPhase, type SyncFacts, type SyncState } from './sync-state.ts';

interface SyncGrant {
  token: string;
  /** `/sync/<notebookId>` on this origin. */
  url: string;
  role: SyncRole;
  expiresAt: string;
}

export interface LiveSnapshot {
  state: SyncState;
  /** Cells can be shown: local (IndexedDB) or server state arrived, or there is none to wait for. */
  loaded: boolean;
  /** The role of the latest sync token; null before the first. */
  role: SyncRole | null;
  /** Why the server closed the connection for good. */
  refusal: string | null;
}

export interface LiveSession {
  readonly notebook: Notebook;
  readonly awareness: Awareness;
  readonly undoManager: Y.UndoManager;
  snapshot(): LiveSnapshot;
  /** Calls `listener` whenever the snapshot may have changed; returns an unsubscribe. */
  subscribe(listener: () => void): () => void;
  destroy(): void;
}

const refusals: Record<number, string> = {
  [closeCodes.forbidden]: 'Your access to this notebook changed. Reload the page.',
  [closeCodes.notFound]: 'This notebook was deleted or moved to the trash.',
  [closeCodes.tooLarge]: 'A change was too large to send.',
  [closeCodes.badMessage]: 'The server could not read a change. Reload the page.',
  [closeCodes.flood]: 'Too many messages. Reload the page.',
};

const stateVector = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));

/**
 * One open notebook: the Y.Doc, kept in IndexedDB (edits made offline survive a reload) and
 * synced over the stock y-websocket provider, plus awareness and undo. Each connection uses a
 * fresh short-lived token from the API, so this session, not the provider, decides when to
 * reconnect. It subscribes to the server's `persisted` acknowledgements to tell Saved from Syncing.
 */
export function createLiveSession({ notebookId, storageKey }: { notebookId: string; storageKey: string }): LiveSession {
  const doc = new Y.Doc();
  const notebook = openNotebook(doc);
  const awareness = new Awareness(doc);
  awareness.setLocalState({ cursor: null });
  const undoManager = createUndoManager(doc);
  const local = new IndexeddbPersistence(storageKey, doc);
  const listeners = new Set<() => void>();

  let socket: SessionSocket | null = null;
  let phase: SocketPhase = 'connecting';
  let online = navigator.onLine;
  let persisted: SyncFacts['persisted'] = null;
  let localChanges = new Map<number, number>();
  let localLoaded = false;
  let snapshot: LiveSnapshot = { state: 'syncing', loaded: false, role: null, refusal: null };
  let fetchingGrant = false;
  let attempts = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let destroyed = false;

  /** Recomputes the snapshot (with `changes` applied) and tells the listeners when it changed. */
  function refresh(changes: Partial<LiveSnapshot> = {}): void {
    const next: LiveSnapshot = {
      ...snapshot,
      ...changes,
      state: syncState({ online, socket: phase, synced: provider.synced, sentUpdates: socket?.sentUpdates ?? 0, persisted, localChanges }),
      loaded:
        snapshot.loaded || provider.synced || (localLoaded && (notebook.cellIds().length > 0 || phase === 'closed' || phase === 'refused' || !online)),
    };
    if ((Object.keys(next) as (keyof LiveSnapshot)[]).every((key) => next[key] === snapshot[key])) return;
    snapshot = next;
    for (const listener of listeners) listener();
  }

  /** Counts the update frames sent on this socket, and asks for `persisted` acknowledgements. */
  class SessionSocket extends WebSocket {
    sentUpdates = 0;

    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      socket = this;
      persisted = null;
      this.addEventListener('open', () => this.send(encodeSubscribePersisted()));
    }

    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (data instanceof Uint8Array && isUpdateFrame(data)) this.sentUpdates++;
      super.send(data);
      refresh();
    }
  }

  const provider = new WebsocketProvider('', notebookId, doc, { connect: false, awareness, disableBc: true, WebSocketPolyfill: SessionSocket });
  provider.messageHandlers[messageTypes.persisted] = (_encoder, decoder) => {
    const frame = decodePersisted(decoder.arr);
    decoder.pos = decoder.arr.length;
    if (frame) persisted = { updates: frame.updates, stateVector: Y.decodeStateVector(frame.stateVector) };
    refresh();
  };
  provider.on('status', ({ status }) => {
    if (phase === 'refused') return;
    phase = status === 'connected' ? 'open' : status === 'connecting' ? 'connecting' : 'closed';
    refresh();
  });
  provider.on('sync', (synced) => {
    if (synced) attempts = 0;
    refresh();
  });
  provider.on('connection-close', (event) => {
    // The provider would reconnect with the token it has, which may have expired: take over.
    provider.shouldConnect = false;
    const refusal = event ? refusals[event.code] : undefined;
    if (refusal) {
      phase = 'refused';
      refresh({ refusal });
      return;
    }
    phase = 'closed';
    refresh();
    retryLater();
  });

  async function connect(): Promise<void> {
    clearTimeout(retryTimer);
    if (destroyed || !online || fetchingGrant || provider.ws || phase === 'refused') return;
    fetchingGrant = true;
    phase = 'connecting';
    refresh();
    const grant = await callApi<SyncGrant>('GET', `/notebooks/${notebookId}/sync-token`);
    fetchingGrant = false;
    if (destroyed || snapshot.refusal) return;
    if (!grant.ok) {
      if (grant.status === 404) {
        phase = 'refused';
        refresh({ refusal: 'This notebook was deleted, or your access to it was removed.' });
        return;
      }
      phase = 'closed';
      refresh();
      retryLater();
      return;
    }
    if (!online) {
      phase = 'closed';
      refresh();
      return;
    }
    const url = new URL(grant.data.url, window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const slash = url.href.lastIndexOf('/');
    provider.serverUrl = url.href.slice(0, slash);
    provider.roomname = url.href.slice(slash + 1);
    provider.params = { token: grant.data.token };
    refresh({ role: grant.data.role });
    provider.connect();
  }

  function retryLater(): void {
    clearTimeout(retryTimer);
    if (destroyed || !online) return;
    const delay = Math.min(250 * 2 ** attempts++, 10_000) * (0.5 + Math.random() / 2);
    retryTimer = setTimeout(() => void connect(), delay);
  }

  const goOnline = () => {
    online = true;
    attempts = 0;
    refresh();
    void connect();
  };
  const goOffline = () => {
    online = false;
    clearTimeout(retryTimer);
    provider.disconnect();
    refresh();
  };
  window.addEventListener('online', goOnline);
  window.addEventListener('offline', goOffline);

  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    // What came from the server is stored there already; everything else must be acknowledged.
    if (origin !== provider) localChanges = stateVector(doc);
    refresh();
  });
  void local.whenSynced.then(() => {
    localLoaded = true;
    refresh();
  });
  void connect();

  return {
    notebook,
    awareness,
    undoManager,
    snapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      destroyed = true;
      clearTimeout(retryTimer);
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
      awareness.setLocalState(null);
      provider.destroy();
      awareness.destroy();
      undoManager.destroy();
      void local.destroy();
      doc.destroy();
    },
  };
}
