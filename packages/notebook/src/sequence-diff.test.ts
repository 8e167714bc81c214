import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../test-support/mulberry32.ts';
import { diffSequences, type SequenceEdit } from './sequence-diff.ts';

/** Replays the script on `a`; must give `b`. */
function apply(a: string[], b: string[], edits: SequenceEdit[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  for (const edit of edits) {
    if (edit === 'same') {
      expect(a[i]).toBe(b[j]);
      out.push(a[i++]!);
      j++;
    } else if (edit === 'removed') i++;
    else out.push(b[j++]!);
  }
  expect([i, j]).toEqual([a.length, b.length]);
  return out;
}

/** The length of a longest common subsequence, by dynamic programming. */
function lcsLength(a: string[], b: string[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      table[i]![j] = a[i - 1] === b[j - 1] ? table[i - 1]![j - 1]! + 1 : Math.max(table[i - 1]![j]!, table[i]![j - 1]!);
    }
  }
  return table[a.length]![b.length]!;
}

describe('diffSequences', () => {
  it('keeps what both share and lists each run of changes as removals, then additions', () => {
    expect(diffSequences(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'y', 'd'])).toEqual(['same', 'removed', 'added', 'same', 'added', 'same']);
    expect(diffSequences([], ['a'])).toEqual(['added']);
    expect(diffSequences(['a'], [])).toEqual(['removed']);
    expect(diffSequences([], [])).toEqual([]);
  });

  it('finds a shortest edit script (as many kept items as a longest common subsequence) on random sequences', () => {
    const seed = 20250101;
    const random = mulberry32(seed);
    for (let round = 0; round < 300; round++) {
      const sequence = () => Array.from({ length: Math.floor(random() * 12) }, () => 'abcd'[Math.floor(random() * 4)]!);
      const a = sequence();
      const b = sequence();
      const edits = diffSequences(a, b);
      expect(apply(a, b, edits), `seed ${seed} round ${round}`).toEqual(b);
      expect(edits.filter((e) => e === 'same').length, `seed ${seed} round ${round}`).toBe(lcsLength(a, b));
    }
  });

  it('still gives a correct script, if not a shortest one, past its cost limit', () => {
    const a = Array.from({ length: 800 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 800 }, (_, i) => `b${i}`);
    const edits = diffSequences(['same', ...a, 'end'], ['same', ...b, 'end']);
    expect(apply(['same', ...a, 'end'], ['same', ...b, 'end'], edits)).toEqual(['same', ...b, 'end']);
    expect(edits.filter((e) => e === 'same')).toHaveLength(2);
  });
});
