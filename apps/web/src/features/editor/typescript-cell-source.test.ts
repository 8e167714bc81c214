import { describe, expect, it } from 'vitest';
import { cellFile, cellIdOfUri, cellModelUri, cellPrelude, toCellSpan } from './typescript-cell-source.ts';

const cells = [
  { id: 'a', source: 'const x = 1' },
  { id: 'b', source: '' },
  { id: 'c', source: 'const y = {' },
  { id: 'd', source: '(x)' },
];
const parses = (source: string) => !source.endsWith('{');

describe('the virtual file of a cell', () => {
  it('is the earlier cells that parse, in notebook order, each closed by a line with ";", then the cell', () => {
    expect(cellPrelude(cells, 'd', parses)).toBe('const x = 1\n;\n');
    const file = cellFile(cellPrelude(cells, 'd', parses), '(x)');
    expect(file.text).toBe('const x = 1\n;\n(x)');
    expect(file.text.slice(file.offset)).toBe('(x)');
  });

  it('has no prelude for the first cell or for a cell the list does not know yet', () => {
    expect(cellPrelude(cells, 'a', parses)).toBe('');
    expect(cellPrelude(cells, 'new', parses)).toBe('');
  });

  it('maps spans inside the cell back to the cell and drops those in earlier cells', () => {
    const file = cellFile('const x = 1\n;\n', 'x + 1');
    expect(toCellSpan({ start: 14, length: 1 }, file)).toEqual({ start: 0, length: 1 });
    expect(toCellSpan({ start: 6, length: 1 }, file)).toBeNull();
    expect(toCellSpan({ start: 18, length: 2 }, file)).toBeNull();
  });

  it('names each cell editor’s model so the worker can tell its cell', () => {
    expect(cellIdOfUri(cellModelUri('Ab-3_x', 2))).toBe('Ab-3_x');
    expect(cellIdOfUri('file:///node_modules/@tensorflow/tfjs/dist/index.d.ts')).toBeNull();
  });
});
