import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../test-support/mulberry32.ts';
import { textEdits, type TextEdit } from './text-edits.ts';

function apply(text: string, edits: TextEdit[]): string {
  return edits.reduce((t, e) => t.slice(0, e.index) + e.insert + t.slice(e.index + e.deleteCount), text);
}

describe('textEdits', () => {
  it('edits only the characters that differ, line run by line run', () => {
    expect(textEdits('x = 1\ny = 2\nz = 3\n', 'x = 1\ny = 20\nz = 3\nw = 4\n')).toEqual([
      { index: 11, deleteCount: 0, insert: '0' },
      { index: 19, deleteCount: 0, insert: 'w = 4\n' },
    ]);
    expect(textEdits('same', 'same')).toEqual([]);
    expect(textEdits('', 'new')).toEqual([{ index: 0, deleteCount: 0, insert: 'new' }]);
    expect(textEdits('old', '')).toEqual([{ index: 0, deleteCount: 3, insert: '' }]);
  });

  it('never splits a surrogate pair', () => {
    const edits = textEdits('a 😀 b', 'a 😃 b');
    expect(edits).toEqual([{ index: 2, deleteCount: 2, insert: '😃' }]);
    expect(apply('a 😀 b', edits)).toBe('a 😃 b');
  });

  it('turns any text into any other (random texts)', () => {
    const seed = 7;
    const random = mulberry32(seed);
    const pieces = ['a', 'b', '\n', '🙂', 'xy', ''];
    const text = () => Array.from({ length: Math.floor(random() * 15) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
    for (let round = 0; round < 500; round++) {
      const [before, after] = [text(), text()];
      expect(apply(before, textEdits(before, after)), `seed ${seed} round ${round}: ${JSON.stringify([before, after])}`).toBe(after);
    }
  });
});
