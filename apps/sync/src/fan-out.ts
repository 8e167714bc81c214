/** What one sync server tells the others holding the same document: already durable updates, awareness. */
export interface FanOutMessage {
  kind: 'update' | 'awareness';
  payload: Uint8Array;
}

/**
 * Delivery of messages between sync servers, per notebook. In-process here; a Redis pub/sub
 * implementation of the same two methods lets several sync processes share documents.
 * `from` names the publishing server, so a server skips its own messages.
 */
export interface FanOut {
  publish(notebookId: string, from: string, message: FanOutMessage): void;
  subscribe(notebookId: string, listener: (from: string, message: FanOutMessage) => void): () => void;
}

export function createLocalFanOut(): FanOut {
  const listeners = new Map<string, Set<(from: string, message: FanOutMessage) => void>>();
  return {
    publish(notebookId, from, message) {
      for (const listener of listeners.get(notebookId) ?? []) listener(from, message);
    },
    subscribe(notebookId, listener) {
      const set = listeners.get(notebookId) ?? new Set();
      listeners.set(notebookId, set.add(listener));
      return () => {
        set.delete(listener);
        if (!set.size) listeners.delete(notebookId);
      };
    },
  };
}
