import { describe, expect, it } from 'vitest';
import { sameJson } from './same-json.ts';

describe('sameJson', () => {
  it('treats two snapshots of the same outputs as equal', () => {
    const read = () => [{ output_type: 'display_data', data: { 'image/png': 'iVBOR', 'text/plain': 'fig' }, metadata: { 'image/png': { width: 10 } } }];
    expect(sameJson(read(), read())).toBe(true);
  });

  it('sees appended stream text, a changed nested value, and a missing key', () => {
    expect(sameJson([{ name: 'stdout', text: 'a' }], [{ name: 'stdout', text: 'ab' }])).toBe(false);
    expect(sameJson({ data: { values: [1, 2] } }, { data: { values: [1, 3] } })).toBe(false);
    expect(sameJson({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(sameJson([1], { 0: 1 })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
  });

  it('ignores key order and absent optional fields', () => {
    expect(sameJson({ a: 1, b: [true, null] }, { b: [true, null], a: 1, c: undefined })).toBe(true);
  });
});
