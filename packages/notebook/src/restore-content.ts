import type { Cell, JsonObject, JsonValue, Notebook, NotebookContent, Origin } from './api.ts';
import { commonOrder } from './common-order.ts';
import { jsonEqual } from './json.ts';
import { textEdits } from './text-edits.ts';

/**
 * Turns the notebook's content into `target` (an earlier `toJSON()`, e.g. a stored version) with
 * the model's ordinary operations, in one transaction: cells added since are deleted, deleted
 * cells are inserted again under their ids, sources get small text edits, types, outputs,
 * execution counts, metadata and attachments are set where they differ, and the cells that moved
 * (all but a longest run already in order) are moved. Nothing is rebuilt, so for collaborators it
 * is one ordinary change, and text left as it was keeps what peers anchored to it.
 */
export function restoreContent(notebook: Notebook, target: NotebookContent, origin: Origin): void {
  notebook.doc.transact(() => {
    if (notebook.title !== target.title) notebook.setTitle(target.title, origin);
    if (notebook.runtime !== target.runtime) notebook.setRuntime(target.runtime, origin);
    forChangedKeys(notebook.metadata, target.metadata, (key, value) => notebook.setMetadata(key, value, origin));

    const targetIds = target.cells.map((cell) => cell.id);
    const wanted = new Set(targetIds);
    for (const id of notebook.cellIds()) if (!wanted.has(id)) notebook.deleteCell(id, origin);
    const kept = commonOrder(notebook.cellIds(), targetIds);
    // Each cell that is not kept in place goes right after its predecessor in `target`, in
    // target order, so each lands glued to a cell that is already where it belongs.
    target.cells.forEach((cell, i) => {
      const order = notebook.cellIds().filter((id) => id !== cell.id);
      const at = i === 0 ? 0 : order.indexOf(targetIds[i - 1]!) + 1;
      if (!notebook.cell(cell.id)) notebook.insertCell(at, { type: cell.cell_type, source: cell.source, id: cell.id }, origin);
      else if (!kept.has(cell.id)) notebook.moveCell(cell.id, at, origin);
      restoreCell(notebook, cell, origin);
    });
  }, origin);
}

function restoreCell(notebook: Notebook, target: Cell, origin: Origin): void {
  const current = notebook.cell(target.id)!;
  if (current.cell_type !== target.cell_type) notebook.setCellType(target.id, target.cell_type, origin);
  for (const edit of textEdits(current.source, target.source)) notebook.editSource(target.id, edit.index, edit.deleteCount, edit.insert, origin);
  forChangedKeys(current.metadata, target.metadata, (key, value) => notebook.setCellMetadata(target.id, key, value, origin));
  // Read again: a change of type cleared outputs and the execution count.
  const now = notebook.cell(target.id)!;
  if (target.cell_type === 'code' && now.cell_type === 'code') {
    if (!jsonEqual(now.outputs, target.outputs)) notebook.setOutputs(target.id, target.outputs, origin);
    if (now.execution_count !== target.execution_count) notebook.setExecutionCount(target.id, target.execution_count, origin);
  } else if (target.cell_type !== 'code' && now.cell_type !== 'code' && !jsonEqual(now.attachments, target.attachments)) {
    notebook.setAttachments(target.id, target.attachments, origin);
  }
}

/** Calls `set` for every key whose value differs between the objects (undefined: the key goes). */
function forChangedKeys(current: JsonObject, target: JsonObject, set: (key: string, value: JsonValue | undefined) => void): void {
  for (const key of new Set([...Object.keys(current), ...Object.keys(target)])) {
    if (!jsonEqual(current[key], target[key])) set(key, target[key]);
  }
}
