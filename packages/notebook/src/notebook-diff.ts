import type { Cell, CellType, NotebookContent } from './api.ts';
import { commonOrder } from './common-order.ts';
import { jsonEqual } from './json.ts';
import { diffLines, type LineChange } from './line-diff.ts';

export const CELL_DIFF_STATUSES = ['added', 'removed', 'changed', 'moved', 'unchanged'] as const;
export type CellDiffStatus = (typeof CELL_DIFF_STATUSES)[number];

export const CELL_PARTS = ['cell_type', 'source', 'metadata', 'outputs', 'execution_count', 'attachments'] as const;
export type CellPart = (typeof CELL_PARTS)[number];

export interface CellDiff {
  id: string;
  /** `changed` wins over `moved`: a changed cell that also moved says so in `moved`. */
  status: CellDiffStatus;
  /** The type in the later notebook (in the earlier one for a removed cell). */
  cellType: CellType;
  /** Its place among the cells both notebooks have changed. */
  moved: boolean;
  /** What differs, for a changed cell. */
  changed: CellPart[];
  /** The source, earlier to later: all added for an added cell, all removed for a removed one. */
  lines: LineChange[];
}

export interface NotebookDiff {
  /** Notebook-level fields that differ. */
  changed: Array<'title' | 'runtime' | 'metadata'>;
  /** In the later notebook's order; a removed cell follows the cell it followed in the earlier one. */
  cells: CellDiff[];
}

function partOf(cell: Cell, part: CellPart): unknown {
  return (cell as unknown as Record<CellPart, unknown>)[part];
}

/** How `later` differs from `earlier`, cell by cell (cells are matched by id). */
export function diffNotebooks(earlier: NotebookContent, later: NotebookContent): NotebookDiff {
  const before = new Map(earlier.cells.map((cell) => [cell.id, cell]));
  const after = new Map(later.cells.map((cell) => [cell.id, cell]));
  const kept = commonOrder(
    earlier.cells.map((cell) => cell.id),
    later.cells.map((cell) => cell.id),
  );

  const describe = (cell: Cell): CellDiff => {
    const old = before.get(cell.id);
    if (!old) return { id: cell.id, status: 'added', cellType: cell.cell_type, moved: false, changed: [], lines: diffLines('', cell.source) };
    const changed = CELL_PARTS.filter((part) => !jsonEqual(partOf(old, part), partOf(cell, part)));
    const moved = !kept.has(cell.id);
    const status = changed.length ? 'changed' : moved ? 'moved' : 'unchanged';
    return { id: cell.id, status, cellType: cell.cell_type, moved, changed, lines: diffLines(old.source, cell.source) };
  };
  const removed = (cell: Cell): CellDiff => ({
    id: cell.id,
    status: 'removed',
    cellType: cell.cell_type,
    moved: false,
    changed: [],
    lines: diffLines(cell.source, ''),
  });

  // Removed cells, grouped under the nearest earlier cell that is still there ('' for the top).
  const removedAfter = new Map<string, CellDiff[]>();
  let anchor = '';
  for (const cell of earlier.cells) {
    if (after.has(cell.id)) anchor = cell.id;
    else removedAfter.set(anchor, [...(removedAfter.get(anchor) ?? []), removed(cell)]);
  }
  const cells = [...(removedAfter.get('') ?? [])];
  for (const cell of later.cells) cells.push(describe(cell), ...(removedAfter.get(cell.id) ?? []));

  const changed = (['title', 'runtime', 'metadata'] as const).filter((field) => !jsonEqual(earlier[field], later[field]));
  return { changed, cells };
}
