import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { CellType, Notebook, Output } from '@cohort/notebook';
import { sameJson } from '../outputs/same-json.ts';

/** What the cell list needs to know of a cell; the source is the live Y.Text, read by its own editor. */
export interface CellInfo {
  id: string;
  type: CellType;
  source: Y.Text;
  executionCount: number | null;
  outputs: readonly Output[];
}

const noOutputs: readonly Output[] = [];

function readInfo(notebook: Notebook, id: string): CellInfo | null {
  const cell = notebook.cell(id);
  const source = notebook.sourceText(id);
  if (!cell || !source) return null;
  const code = cell.cell_type === 'code';
  return { id, type: cell.cell_type, source, executionCount: code ? cell.execution_count : null, outputs: code && cell.outputs.length > 0 ? cell.outputs : noOutputs };
}

const same = (a: CellInfo, b: CellInfo) => a.type === b.type && a.source === b.source && a.executionCount === b.executionCount && sameJson(a.outputs, b.outputs);

/**
 * The cells in order. Entries keep their identity while a cell's type, source object,
 * execution count and outputs stay the same, so typing in one cell re-renders no other.
 */
export function useCells(notebook: Notebook | null): CellInfo[] {
  const [cells, setCells] = useState<CellInfo[]>([]);
  useEffect(() => {
    if (!notebook) return;
    const readAll = () => notebook.cellIds().flatMap((id) => readInfo(notebook, id) ?? []);
    setCells(readAll());
    return notebook.onChange((change) => {
      if (!change.order && change.cellIds.length === 0) return;
      setCells((previous) => {
        if (change.order) {
          const before = new Map(previous.map((info) => [info.id, info]));
          const next = readAll().map((info) => {
            const old = before.get(info.id);
            return old && same(old, info) ? old : info;
          });
          return next.length === previous.length && next.every((info, i) => info === previous[i]) ? previous : next;
        }
        let changed = false;
        const next = previous.map((info) => {
          if (!change.cellIds.includes(info.id)) return info;
          const fresh = readInfo(notebook, info.id);
          if (!fresh || same(info, fresh)) return info;
          changed = true;
          return fresh;
        });
        return changed ? next : previous;
      });
    });
  }, [notebook]);
  return cells;
}
