import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deltaToTextEdits, modelChangesToTextEdits, transformOffset, type DeltaOp, type TextEdit } from './text-deltas.ts';

/** Applies edits whose offsets refer to the original text, as Monaco applies one edit operation. */
function applyAtOnce(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].reverse()) result = result.slice(0, edit.offset) + edit.text + result.slice(edit.offset + edit.deleteCount);
  return result;
}

/** The delta a peer's transaction produces on a Y.Text holding `before`. */
function deltaOf(before: string, change: (text: Y.Text) => void): { delta: DeltaOp[]; after: string } {
  const doc = new Y.Doc();
  const text = doc.getText('source');
  text.insert(0, before);
  let delta: DeltaOp[] = [];
  text.observe((event) => (delta = event.delta as DeltaOp[]));
  doc.transact(() => change(text));
  return { delta, after: text.toString() };
}

describe('modelChangesToTextEdits', () => {
  it('applies a multi-cursor edit to Y.Text from the end backwards, so every offset stays valid', () => {
    const doc = new Y.Doc();
    const text = doc.getText('source');
    text.insert(0, 'let a = 1;\nlet b = 2;\nlet c = 3;');
    // Three cursors, each typing "const" over "let" (Monaco lists changes in any order, offsets against the text before).
    const changes = [0, 11, 22].map((rangeOffset) => ({ rangeOffset, rangeLength: 3, text: 'const' }));
    doc.transact(() => {
      for (const edit of modelChangesToTextEdits(changes)) {
        text.delete(edit.offset, edit.deleteCount);
        text.insert(edit.offset, edit.text);
      }
    });
    expect(text.toString()).toBe('const a = 1;\nconst b = 2;\nconst c = 3;');
  });
});

describe('deltaToTextEdits', () => {
  it('turns a remote transaction with several inserts and deletes into edits against the text before it', () => {
    const before = 'function f() {\n  return 1;\n}';
    const { delta, after } = deltaOf(before, (text) => {
      text.insert(text.length, '\nf();');
      text.delete(17, 6);
      text.insert(17, 'yield');
      text.insert(0, '// Ben\n');
    });
    const edits = deltaToTextEdits(delta);
    expect(applyAtOnce(before, edits)).toBe(after);
    expect(edits.map((edit) => edit.offset)).toEqual([...edits.map((edit) => edit.offset)].sort((a, b) => a - b));
  });

  it('merges a deletion and an insertion at one place into one replacement', () => {
    const { delta } = deltaOf('abc', (text) => {
      text.delete(1, 1);
      text.insert(1, 'XY');
    });
    expect(deltaToTextEdits(delta)).toEqual([{ offset: 1, deleteCount: 1, text: 'XY' }]);
  });

  it('keeps surrogate pairs whole', () => {
    const before = 'a😀b';
    const { delta, after } = deltaOf(before, (text) => text.insert(3, '🎉'));
    expect(applyAtOnce(before, deltaToTextEdits(delta))).toBe(after);
    expect(after).toBe('a😀🎉b');
  });
});

describe('transformOffset', () => {
  const edits: TextEdit[] = [
    { offset: 2, deleteCount: 0, text: 'XX' },
    { offset: 6, deleteCount: 3, text: '' },
    { offset: 12, deleteCount: 0, text: '!' },
  ];

  it('moves a caret by the text inserted and deleted before it', () => {
    expect(transformOffset(1, edits)).toBe(1);
    expect(transformOffset(4, edits)).toBe(6);
    expect(transformOffset(10, edits)).toBe(9);
  });

  it('leaves a caret before text a collaborator inserts right at it', () => {
    expect(transformOffset(2, edits)).toBe(2);
    expect(transformOffset(12, edits)).toBe(11);
  });

  it('puts a caret inside deleted text where that text was', () => {
    expect(transformOffset(7, edits)).toBe(8);
    expect(transformOffset(9, edits)).toBe(8);
  });
});
