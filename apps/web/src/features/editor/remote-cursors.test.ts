import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { collaborators } from './collaborators.ts';
import { cursorState, remoteCursors } from './remote-cursors.ts';

const ben = { name: 'Ben', handle: 'ben', color: '#0090FF' };

describe('remoteCursors', () => {
  it("places a collaborator's selection in the cell they are in, following later edits before it", () => {
    const benDoc = new Y.Doc();
    const benText = benDoc.getMap('cells').set('c1', new Y.Text('const x = 1;'));
    const cursor = cursorState('c1', benText, 6, 7);

    const anaDoc = new Y.Doc();
    Y.applyUpdate(anaDoc, Y.encodeStateAsUpdate(benDoc));
    const anaText = anaDoc.getMap('cells').get('c1') as Y.Text;
    anaText.insert(0, '// Ana\n');
    const people = collaborators(new Map([[benDoc.clientID, { user: ben, cursor: JSON.parse(JSON.stringify(cursor)) }]]), anaDoc.clientID);

    expect(remoteCursors(people, 'c1', anaText)).toEqual([{ clientId: benDoc.clientID, name: 'Ben', color: '#0090ff', anchor: 13, head: 14 }]);
    expect(remoteCursors(people, 'c2', anaText)).toEqual([]);
  });

  it('shows no caret for a selected cell without a position, or for a malformed position', () => {
    const doc = new Y.Doc();
    const text = doc.getMap('cells').set('c1', new Y.Text('x'));
    const people = collaborators(
      new Map<number, unknown>([
        [2, { user: ben, cursor: { cellId: 'c1', anchor: null, head: null } }],
        [3, { user: { ...ben, handle: 'ben2' }, cursor: { cellId: 'c1', anchor: 'nonsense', head: { item: 42 } } }],
      ]),
      1,
    );
    expect(remoteCursors(people, 'c1', text)).toEqual([]);
  });
});
