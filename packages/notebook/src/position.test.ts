import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../test-support/mulberry32.ts';
import { isPosition, positionsBetween } from './position.ts';

function expectAscendingBetween(keys: string[], low: string | null, high: string | null) {
  for (const key of keys) expect(isPosition(key), key).toBe(true);
  const bounded = [...(low === null ? [] : [low]), ...keys, ...(high === null ? [] : [high])];
  for (let i = 1; i < bounded.length; i++) expect(bounded[i - 1]! < bounded[i]!, `${bounded[i - 1]} < ${bounded[i]}`).toBe(true);
}

describe('positionsBetween', () => {
  it('spreads n keys evenly in an empty range, short ones first', () => {
    const keys = positionsBetween(null, null, 100);
    expectAscendingBetween(keys, null, null);
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(3);
  });

  it('always finds room between two keys, however close', () => {
    const random = mulberry32(7);
    let low: string | null = null;
    let high: string | null = null;
    for (let i = 0; i < 2000; i++) {
      const [key] = positionsBetween(low, high, 1) as [string];
      expectAscendingBetween([key], low, high);
      if (random() < 0.5) low = key;
      else high = key;
    }
  });

  it('keeps keys short when cells are appended or prepended one at a time', () => {
    let last: string | null = null;
    let first: string | null = null;
    for (let i = 0; i < 200; i++) {
      [last] = positionsBetween(last, null, 1) as [string];
      [first] = positionsBetween(null, first, 1) as [string];
    }
    expect(last!.length).toBeLessThanOrEqual(40);
    expect(first!.length).toBeLessThanOrEqual(40);
  });

  it('refuses an empty range', () => {
    expect(() => positionsBetween('b', 'a', 1)).toThrow(RangeError);
    expect(() => positionsBetween('a', 'a', 1)).toThrow(RangeError);
  });
});
