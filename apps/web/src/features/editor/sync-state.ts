/**
 * What the Saved / Syncing / Offline indicator says, derived only from facts: the socket, the
 * browser's network state, and the server's "persisted" acknowledgements. Never from a timer.
 */
export type SyncState = 'saved' | 'syncing' | 'offline' | 'refused';

/** The sync socket: being opened, open, closed (a retry is coming), or closed for good by the server. */
export type SocketPhase = 'connecting' | 'open' | 'closed' | 'refused';

export interface SyncFacts {
  online: boolean;
  socket: SocketPhase;
  /** The server's state has arrived on this socket (sync step 2). */
  synced: boolean;
  /** Update-carrying frames sent on this socket. */
  sentUpdates: number;
  /** The latest `persisted` acknowledgement on this socket: how many of those frames are durable, and the stored state vector. */
  persisted: { updates: number; stateVector: Map<number, number> } | null;
  /** The document's state vector just after its latest local change (this tab's edits, or ones loaded from IndexedDB). */
  localChanges: Map<number, number>;
}

/** Whether a stored state vector holds everything of `needed`. */
export function covers(stored: ReadonlyMap<number, number>, needed: ReadonlyMap<number, number>): boolean {
  for (const [client, clock] of needed) if ((stored.get(client) ?? 0) < clock) return false;
  return true;
}

/**
 * Saved: the server acknowledged every update frame this socket sent (which covers deletions,
 * invisible in state vectors) and stores every local change. Updates received from the server
 * need no acknowledgement: it stores them before it sends them.
 */
export function syncState(facts: SyncFacts): SyncState {
  if (facts.socket === 'refused') return 'refused';
  if (!facts.online || facts.socket === 'closed') return 'offline';
  const { persisted } = facts;
  if (facts.socket !== 'open' || !facts.synced || !persisted) return 'syncing';
  return persisted.updates >= facts.sentUpdates && covers(persisted.stateVector, facts.localChanges) ? 'saved' : 'syncing';
}
