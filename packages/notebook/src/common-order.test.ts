import { describe, expect, it } from 'vitest';
import { commonOrder } from './common-order.ts';

describe('commonOrder', () => {
  it('keeps the longest run of shared ids already in order; the rest moved', () => {
    expect([...commonOrder(['d', 'a', 'b', 'c'], ['a', 'b', 'c', 'd'])].sort()).toEqual(['a', 'b', 'c']);
    expect([...commonOrder(['a', 'b', 'c'], ['a', 'b', 'c'])].sort()).toEqual(['a', 'b', 'c']);
    expect(commonOrder(['c', 'b', 'a'], ['a', 'b', 'c']).size).toBe(1);
  });

  it('ignores ids only one side has', () => {
    expect([...commonOrder(['x', 'a', 'y', 'b'], ['a', 'z', 'b'])].sort()).toEqual(['a', 'b']);
    expect(commonOrder([], ['a']).size).toBe(0);
  });
});
