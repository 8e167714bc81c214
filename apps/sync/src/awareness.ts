import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { z } from 'zod';
import type { AwarenessUser } from '@cohort/sync-auth';
import type { ConnectionHandle, SyncExtension } from './extension.ts';

/** An awareness state as y-protocols sends it: a JSON object, or null when the client leaves. */
const AwarenessState = z.record(z.string(), z.unknown()).nullable();

/**
 * Re-encodes a client's awareness update (y-protocols format: count, then client id, clock and
 * JSON state per entry): entries for client ids it may not control are dropped, and the `user`
 * of every state is replaced. Null when no entry is left. Throws on a malformed update.
 */
export function rewriteAwarenessUpdate(
  update: Uint8Array,
  user: AwarenessUser,
  mayControl: (clientId: number) => boolean,
): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const encoder = encoding.createEncoder();
  const count = decoding.readVarUint(decoder);
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = AwarenessState.parse(JSON.parse(decoding.readVarString(decoder)));
    if (!mayControl(clientId)) continue;
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state && { ...state, user }));
    kept++;
  }
  if (!kept) return null;
  const rewritten = encoding.createEncoder();
  encoding.writeVarUint(rewritten, kept);
  encoding.writeUint8Array(rewritten, encoding.toUint8Array(encoder));
  return encoding.toUint8Array(rewritten);
}

const sameUser = (a: ConnectionHandle, b: ConnectionHandle) => a.identity.userId !== null && a.identity.userId === b.identity.userId;

/**
 * Awareness identity: every state shows the name, handle and colour of the socket's token, and a
 * socket sets states only for client ids that are its own (taking over from the same user's
 * earlier socket is allowed: that is a reconnect), at most `maxClientsPerSocket` of them.
 */
export function createAwarenessIdentity({ maxClientsPerSocket = 4 }: { maxClientsPerSocket?: number } = {}): SyncExtension {
  return {
    beforeApplyAwareness({ document, connection, update }) {
      let claimed = connection.awarenessClients.size;
      return rewriteAwarenessUpdate(update, connection.identity.user, (clientId) => {
        // The server's own state (the remote kernel's, SYNC-RUN-4) is the server's alone.
        if (clientId === document.awareness.clientID) return false;
        const owner = document.awarenessOwner(clientId);
        if (owner === connection) return true;
        if (owner && !sameUser(owner, connection)) return false;
        return claimed++ < maxClientsPerSocket;
      });
    },
  };
}
