import type { IncomingMessage } from 'node:http';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { AwarenessUser, CloseCode, SyncRole } from '@cohort/sync-auth';

/** Thrown by a hook to refuse a connection, or to close sockets, with a documented close code. */
export class SyncRefusal extends Error {
  readonly code: CloseCode;
  constructor(code: CloseCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Who is on a socket, as the onAuthenticate hooks established it. */
export interface Identity {
  /** null: an anonymous viewer of a notebook with link access. */
  userId: string | null;
  user: AwarenessUser;
  /** The most the socket may ever do: the role its token granted, possibly lowered at connect. */
  role: SyncRole;
}

export interface ConnectionHandle {
  readonly notebookId: string;
  readonly identity: Identity;
  /** The role enforced on the next message; starts as `identity.role`. */
  readonly role: SyncRole;
  /** Awareness client ids this socket has set states for. */
  readonly awarenessClients: ReadonlySet<number>;
  setRole(role: SyncRole): void;
  close(code: CloseCode, reason: string): void;
}

export interface DocumentHandle {
  readonly notebookId: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  connections(): ConnectionHandle[];
  /** The socket that set the awareness state of `clientId`, if one did. */
  awarenessOwner(clientId: number): ConnectionHandle | undefined;
}

/**
 * Lifecycle hooks through which the protocol core (sync-core.ts) reaches auth, roles, storage and
 * identity: the core knows none of them. Hooks run in the order the extensions are listed.
 */
export interface SyncExtension {
  /** Checks the HTTP upgrade request; a SyncRefusal answers 403 and no WebSocket is opened. */
  onUpgrade?(data: { request: IncomingMessage; notebookId: string }): void;
  /** Establishes or narrows the identity of a new socket; each hook gets the previous one's result. */
  onAuthenticate?(data: { request: IncomingMessage; notebookId: string; identity: Identity | null }): Promise<Identity | null>;
  /** Returns the updates that make up the stored document (seeding it when it has none). */
  onLoadDocument?(data: { notebookId: string }): Promise<Uint8Array[]>;
  afterLoadDocument?(document: DocumentHandle): void;
  /**
   * Resolves once `updates` are durable: the core applies, broadcasts and acknowledges them only
   * then. A rejection is retried; a SyncRefusal closes the document's sockets instead.
   */
  beforeApplyUpdates?(data: { notebookId: string; updates: Uint8Array[] }): Promise<void>;
  /**
   * Runs after updates this server stored (from clients or server changes) were applied to the
   * document. Must not throw or block: work it starts runs on its own.
   */
  afterApplyUpdates?(document: DocumentHandle): void;
  /** Rewrites a client's awareness update before it is applied and broadcast; null drops it. */
  beforeApplyAwareness?(data: { document: DocumentHandle; connection: ConnectionHandle; update: Uint8Array }): Uint8Array | null;
  /**
   * True while the extension needs the document in memory although no socket is open (a remote
   * run writing its outputs): the core asks again after another idle period (SYNC-LIFE-3).
   */
  holdsDocument?(notebookId: string): boolean;
  /** Runs when no update is pending, before the in-memory document is dropped. */
  beforeUnloadDocument?(data: { notebookId: string }): Promise<void>;
  afterUnloadDocument?(data: { notebookId: string }): void;
  onDestroy?(): Promise<void> | void;
}
