// The vocabulary of Cohort's sync endpoint, shared by the sync server and the browser client.
// Rules and their ids are in apps/sync/SPEC.md. No Node built-ins in this file.

/** The first varUint of every frame. 0–3 are y-websocket's; 100 and up are Cohort's opt-in extension. */
export const messageTypes = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /** Client → server: "tell me what is durably stored". The stock WebsocketProvider never sends it. */
  subscribePersisted: 100,
  /** Server → subscribed client, after each durable write: see `encodePersisted`. */
  persisted: 101,
} as const;

/** Sub-types of a `sync` frame (y-protocols/sync). */
export const syncMessageTypes = { step1: 0, step2: 1, update: 2 } as const;

/**
 * Close codes of the sync server (SPEC.md § Close codes). They mirror HTTP statuses; the stock
 * client treats 4400–4499 as final and does not reconnect.
 */
export const closeCodes = {
  /** A frame that is not a well-formed message of the protocol. */
  badMessage: 4400,
  /** Missing, forged or expired token, or a token for another notebook. */
  unauthenticated: 4401,
  /** A document update from a read-only role, or access removed while connected. */
  forbidden: 4403,
  /** The notebook does not exist or is in the trash. */
  notFound: 4404,
  /** A frame larger than the server's cap. */
  tooLarge: 4413,
  /** Too many frames, or too many bytes, sent before authentication completed. */
  flood: 4429,
} as const;
export type CloseCode = (typeof closeCodes)[keyof typeof closeCodes];

export const syncRoles = ['owner', 'editor', 'commenter', 'viewer'] as const;
export type SyncRole = (typeof syncRoles)[number];

/** Owners and editors change the document; commenters and viewers only read it. */
export const canEdit = (role: SyncRole): boolean => role === 'owner' || role === 'editor';

/** The identity the server shows in a client's awareness state, whatever the client sent. */
export interface AwarenessUser {
  name: string;
  handle: string;
  color: string;
}

/** The frame a client sends once per socket to receive `persisted` frames. */
export function encodeSubscribePersisted(): Uint8Array {
  return Uint8Array.of(messageTypes.subscribePersisted);
}

export interface Persisted {
  /**
   * How many of the update-carrying frames (sync step 2 and update) this socket sent are durably
   * stored, or were found to change nothing; they are counted in the order they were sent.
   * A client whose count of such frames sent equals this number has nothing unsaved.
   */
  updates: number;
  /** Yjs-encoded state vector of the document as durably stored (Y.decodeStateVector reads it). */
  stateVector: Uint8Array;
}

/** `[101, varUint updates, ...stateVector]`: the state vector is the rest of the frame. */
export function encodePersisted({ updates, stateVector }: Persisted): Uint8Array {
  const count: number[] = [];
  let rest = updates;
  while (rest > 0x7f) {
    count.push(0x80 | (rest & 0x7f));
    rest = Math.floor(rest / 0x80);
  }
  count.push(rest);
  const frame = new Uint8Array(1 + count.length + stateVector.length);
  frame[0] = messageTypes.persisted;
  frame.set(count, 1);
  frame.set(stateVector, 1 + count.length);
  return frame;
}

/** Reads a `persisted` frame; null for any other frame, or a truncated one. */
export function decodePersisted(frame: Uint8Array): Persisted | null {
  if (frame[0] !== messageTypes.persisted) return null;
  let updates = 0;
  let scale = 1;
  for (let i = 1; i < frame.length && i <= 8; i++) {
    const byte = frame[i]!;
    updates += (byte & 0x7f) * scale;
    if (byte < 0x80) return { updates, stateVector: frame.subarray(i + 1) };
    scale *= 0x80;
  }
  return null;
}

/** Whether a frame carries document content: sync step 2 or update. */
export function isUpdateFrame(frame: Uint8Array): boolean {
  return frame[0] === messageTypes.sync && (frame[1] === syncMessageTypes.step2 || frame[1] === syncMessageTypes.update);
}
