import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createCellMap } from './cell-map.ts';
import { orderCells, placeAt } from './cell-order.ts';

/** A cells map with the given id -> position entries. */
function cellsAt(positions: Record<string, string>): Y.Map<unknown> {
  const doc = new Y.Doc();
  const cells = doc.getMap('cells');
  for (const [id, position] of Object.entries(positions)) cells.set(id, createCellMap({ cell_type: 'code' }, position));
  return cells;
}

describe('cell order', () => {
  it('orders cells by position, then id', () => {
    expect(orderCells(cellsAt({ b: 'V', a: 'V', c: 'F', d: 'k' })).map((cell) => cell.id)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('leaves out cells with an invalid id or a malformed map', () => {
    const cells = cellsAt({ ok: 'V', 'bad id': 'W' });
    cells.set('broken', new Y.Map([['cell_type', 'code']]));
    expect(orderCells(cells).map((cell) => cell.id)).toEqual(['ok']);
  });

  it('placeAt picks a position between distinct neighbours and moves nothing else', () => {
    const ordered = orderCells(cellsAt({ a: 'F', b: 'V' }));
    const placement = placeAt(ordered, 1, 1);
    expect(placement.respace).toEqual([]);
    expect(placement.positions[0]! > 'F' && placement.positions[0]! < 'V').toBe(true);
  });

  it('placeAt between cells sharing a position spreads that run so the new cell lands at the index', () => {
    const ordered = orderCells(cellsAt({ a: 'F', x: 'V', y: 'V', z: 'V', b: 'k' }));
    const { positions, respace } = placeAt(ordered, 2, 1);
    const after = new Map<string, string>([['a', 'F'], ['b', 'k'], ...respace.map(({ id, position }): [string, string] => [id, position]), ['new', positions[0]!]]);
    const order = [...after].sort(([, p], [, q]) => (p < q ? -1 : 1)).map(([id]) => id);
    expect(order).toEqual(['a', 'x', 'new', 'y', 'z', 'b']);
    expect(new Set(after.values()).size).toBe(after.size);
  });
});
