/**
 * A simulated network between Y.Docs (after yjs's tests/testHelper.js): every update a peer makes
 * is queued to every other connected peer; queued messages are delivered one at a time in random
 * order; a disconnected peer sends and receives nothing and, on reconnecting, syncs with every
 * connected peer through state vectors, as y-websocket's sync steps 1 and 2 do.
 */
import * as Y from 'yjs';

const NETWORK = Symbol('network');

export class SimulatedNetwork {
  readonly docs: readonly Y.Doc[];
  readonly #random: () => number;
  readonly #online: boolean[];
  /** #queues[from][to]: updates in flight. */
  readonly #queues: Uint8Array[][][];

  constructor(docs: readonly Y.Doc[], random: () => number) {
    this.docs = docs;
    this.#random = random;
    this.#online = docs.map(() => true);
    this.#queues = docs.map(() => docs.map(() => []));
    docs.forEach((doc, from) => {
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === NETWORK || !this.#online[from]) return;
        docs.forEach((_, to) => {
          if (to !== from && this.#online[to]) this.#queues[from]![to]!.push(update);
        });
      });
    });
  }

  isOnline(peer: number): boolean {
    return this.#online[peer]!;
  }

  /** Delivers one queued update, picked at random; false when nothing is in flight. */
  deliverOne(): boolean {
    const pending: [number, number][] = [];
    this.#queues.forEach((row, from) => row.forEach((queue, to) => queue.length > 0 && pending.push([from, to])));
    if (pending.length === 0) return false;
    const [from, to] = pending[Math.floor(this.#random() * pending.length)]!;
    const queue = this.#queues[from]![to]!;
    const [update] = queue.splice(Math.floor(this.#random() * queue.length), 1);
    Y.applyUpdate(this.docs[to]!, update!, NETWORK);
    return true;
  }

  /** The peer goes offline: what was in flight to or from it is lost. */
  disconnect(peer: number): void {
    this.#online[peer] = false;
    this.#queues[peer] = this.docs.map(() => []);
    for (const row of this.#queues) row[peer] = [];
  }

  /** The peer comes back and syncs with every connected peer by state vector. */
  reconnect(peer: number): void {
    this.#online[peer] = true;
    this.docs.forEach((other, i) => {
      if (i === peer || !this.#online[i]) return;
      const doc = this.docs[peer]!;
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), NETWORK);
      Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)), NETWORK);
    });
  }

  /** Everyone reconnects and every message is delivered. */
  settle(): void {
    this.docs.forEach((_, peer) => {
      if (!this.#online[peer]) this.reconnect(peer);
    });
    while (this.deliverOne());
  }
}
