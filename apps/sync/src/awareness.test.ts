import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { rewriteAwarenessUpdate } from './awareness.ts';
import { awarenessUpdate } from './raw-socket.ts';

const ana = { name: 'Ana', handle: 'ana', color: '#3b82f6' };

/** The states an awareness update sets, as y-protocols reads them. */
function statesOf(update: Uint8Array): Map<number, unknown> {
  const awareness = new Awareness(new Y.Doc());
  awareness.setLocalState(null);
  applyAwarenessUpdate(awareness, update, null);
  return awareness.getStates();
}

describe('rewriteAwarenessUpdate', () => {
  it('SYNC-AWARE-1: replaces the user of every state and keeps the rest', () => {
    const update = awarenessUpdate([
      [1, 1, { user: { name: 'Mallory', color: '#000000' }, cursor: { line: 3 } }],
      [2, 5, { cursor: null }],
    ]);
    const rewritten = rewriteAwarenessUpdate(update, ana, () => true)!;
    expect(statesOf(rewritten)).toEqual(new Map([[1, { user: ana, cursor: { line: 3 } }], [2, { user: ana, cursor: null }]]));
  });

  it('SYNC-AWARE-2: drops entries for client ids the socket may not control, and returns null when none is left', () => {
    const update = awarenessUpdate([[1, 1, { cursor: 1 }], [2, 1, { cursor: 2 }]]);
    expect(statesOf(rewriteAwarenessUpdate(update, ana, (id) => id === 2)!)).toEqual(new Map([[2, { user: ana, cursor: 2 }]]));
    expect(rewriteAwarenessUpdate(update, ana, () => false)).toBeNull();
  });

  it('keeps a null state, by which a client leaves', () => {
    const rewritten = rewriteAwarenessUpdate(awarenessUpdate([[1, 2, null]]), ana, () => true)!;
    expect(rewritten).toEqual(awarenessUpdate([[1, 2, null]]));
  });

  it('throws on an update that is not one, so the socket is closed with 4400', () => {
    expect(() => rewriteAwarenessUpdate(Uint8Array.of(1, 1), ana, () => true)).toThrow();
    expect(() => rewriteAwarenessUpdate(awarenessUpdate([[1, 1, [1, 2]]]), ana, () => true)).toThrow();
    expect(() => rewriteAwarenessUpdate(awarenessUpdate([[1, 1, 'text']]), ana, () => true)).toThrow();
  });
});
