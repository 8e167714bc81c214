/**
 * The visible order of cells: well-formed cells with valid ids sorted by (position, id). Placing cells picks
 * fractional positions between neighbours; when the neighbours share a position (two peers
 * placed cells in the same gap concurrently), that run of equal positions is spread out again.
 */
import type * as Y from 'yjs';
import { isCellId } from './cell-id.ts';
import { cellParts, type CellParts } from './cell-map.ts';
import { positionsBetween } from './position.ts';

export interface OrderedCell {
  id: string;
  parts: CellParts;
}

export function orderCells(cells: Y.Map<unknown>): OrderedCell[] {
  const ordered: OrderedCell[] = [];
  for (const [id, value] of cells) {
    const parts = isCellId(id) ? cellParts(value) : null;
    if (parts) ordered.push({ id, parts });
  }
  return ordered.sort((a, b) => compare(a.parts.position, b.parts.position) || compare(a.id, b.id));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Placement {
  /** Positions for the new cells, ascending. */
  positions: string[];
  /** Neighbours whose positions must change so the new cells fit between them. */
  respace: { id: string; position: string }[];
}

/** Positions that put `count` cells at `index` of `ordered` (which must not contain them). */
export function placeAt(ordered: readonly OrderedCell[], index: number, count: number): Placement {
  const position = (i: number) => ordered[i]?.parts.position ?? null;
  const before = position(index - 1);
  const after = position(index);
  if (before === null || after === null || before < after) {
    return { positions: positionsBetween(before, after, count), respace: [] };
  }
  let low = index - 1;
  while (position(low - 1) === before) low--;
  let high = index;
  while (position(high + 1) === after) high++;
  const keys = positionsBetween(position(low - 1), position(high + 1), high - low + 1 + count);
  const newStart = index - low;
  const respace = ordered.slice(low, high + 1).map((cell, i) => ({
    id: cell.id,
    position: keys[i < newStart ? i : i + count] as string,
  }));
  return { positions: keys.slice(newStart, newStart + count), respace };
}
