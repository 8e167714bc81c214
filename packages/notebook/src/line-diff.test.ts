import { describe, expect, it } from 'vitest';
import { diffLines } from './line-diff.ts';

describe('diffLines', () => {
  it('lists every line of both texts, kept, removed or added', () => {
    expect(diffLines('const a = 1;\nconst b = 2;\nprint(a)', 'const a = 1;\nconst b = 3;\nprint(a)\nprint(b)')).toEqual([
      { kind: 'same', text: 'const a = 1;' },
      { kind: 'removed', text: 'const b = 2;' },
      { kind: 'added', text: 'const b = 3;' },
      { kind: 'same', text: 'print(a)' },
      { kind: 'added', text: 'print(b)' },
    ]);
  });

  it('treats an empty text as no lines, and a final line break as an empty last line', () => {
    expect(diffLines('', 'x')).toEqual([{ kind: 'added', text: 'x' }]);
    expect(diffLines('x', '')).toEqual([{ kind: 'removed', text: 'x' }]);
    expect(diffLines('x', 'x\n')).toEqual([{ kind: 'same', text: 'x' }, { kind: 'added', text: '' }]);
  });
});
