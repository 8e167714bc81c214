import { describe, expect, it } from 'vitest';
import { createCellId, isCellId } from './cell-id.ts';

describe('cell ids', () => {
  it('createCellId makes nbformat-valid ids that do not repeat', () => {
    const ids = Array.from({ length: 1000 }, createCellId);
    expect(ids.every(isCellId)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('isCellId accepts 1 to 64 letters, digits, - and _ only', () => {
    expect(isCellId('a')).toBe(true);
    expect(isCellId('Ab-_09')).toBe(true);
    expect(isCellId('x'.repeat(64))).toBe(true);
    expect(isCellId('x'.repeat(65))).toBe(false);
    expect(isCellId('')).toBe(false);
    expect(isCellId('a b')).toBe(false);
    expect(isCellId('é')).toBe(false);
    expect(isCellId(7)).toBe(false);
  });
});
