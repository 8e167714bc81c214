import { describe, expect, it } from 'vitest';
import { inspect } from './inspect.ts';

describe('inspect (KERNEL-DISPLAY-4)', () => {
  it('shows values the way Node prints them', () => {
    expect(inspect('it\'s')).toBe("'it\\'s'");
    expect(inspect(42)).toBe('42');
    expect(inspect(10n)).toBe('10n');
    expect(inspect([1, 'a', null, undefined])).toBe("[ 1, 'a', null, undefined ]");
    expect(inspect({ a: 1, 'b-c': [true] })).toBe("{ a: 1, 'b-c': [ true ] }");
    expect(inspect(new Map([['k', 1]]))).toBe("Map(1) { 'k' => 1 }");
    expect(inspect(new Set([1]))).toBe('Set(1) { 1 }');
    expect(inspect(new Float32Array([1, 2]))).toBe('Float32Array(2) [ 1, 2 ]');
    expect(inspect(function train() {})).toBe('[Function: train]');
    expect(inspect(class Model {})).toBe('[class Model]');
    class Point {
      x = 1;
    }
    expect(inspect(new Point())).toBe('Point { x: 1 }');
  });

  it('bounds depth, entries and length, and survives cycles', () => {
    expect(inspect({ a: { b: { c: { d: 1 } } } })).toBe('{ a: { b: { c: [Object] } } }');
    expect(inspect(Array.from({ length: 150 }, () => 0))).toMatch(/, \.\.\. 50 more items \]$/);
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic['self'] = cyclic;
    expect(inspect(cyclic)).toBe("{ name: 'x', self: [Circular] }");
    const long = inspect('x'.repeat(20_000));
    expect(long.length).toBeLessThan(10_100);
    expect(long).toMatch(/… \(10002 more characters\)$/);
  });
});
