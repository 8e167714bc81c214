import { describe, expect, it } from 'vitest';
import { alignToCodePoint } from './code-point.ts';

describe('alignToCodePoint', () => {
  const text = 'a🙂b'; // a, high, low, b

  it('moves an offset inside a surrogate pair to either side of it', () => {
    expect(alignToCodePoint(text, 2, 'down')).toBe(1);
    expect(alignToCodePoint(text, 2, 'up')).toBe(3);
  });

  it('leaves offsets between code points alone', () => {
    for (const index of [0, 1, 3, 4]) {
      expect(alignToCodePoint(text, index, 'down')).toBe(index);
      expect(alignToCodePoint(text, index, 'up')).toBe(index);
    }
  });
});
