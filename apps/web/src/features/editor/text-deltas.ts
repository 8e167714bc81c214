/**
 * The pure half of the Monaco ↔ Y.Text binding: translating one side's change into the other's
 * edits. Offsets count UTF-16 code units on both sides (Monaco models and Y.Text agree on that),
 * and models use '\n' line endings so offsets match character for character.
 */

/** A Monaco content change (`IModelContentChange`): a range of the text before the event, replaced. */
export interface ModelChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

/** One replacement: `deleteCount` characters at `offset` give way to `text`. */
export interface TextEdit {
  offset: number;
  deleteCount: number;
  text: string;
}

/** A Y.Text delta operation (`YTextEvent.delta`). Cell sources hold plain strings only. */
export interface DeltaOp {
  retain?: number;
  insert?: unknown;
  delete?: number;
}

/**
 * The changes of one Monaco event (all against the text before it) as Y.Text edits in the order
 * to apply them: from the end backwards, so no edit moves the offset of one still to come.
 */
export function modelChangesToTextEdits(changes: readonly ModelChange[]): TextEdit[] {
  return [...changes]
    .sort((a, b) => b.rangeOffset - a.rangeOffset)
    .map((change) => ({ offset: change.rangeOffset, deleteCount: change.rangeLength, text: change.text }));
}

/**
 * A Y.Text delta as edits whose offsets all refer to the text before the change, ascending and
 * not overlapping: the shape of one `pushEditOperations` call. An insertion next to a deletion
 * becomes one replacement.
 */
export function deltaToTextEdits(delta: readonly DeltaOp[]): TextEdit[] {
  const edits: TextEdit[] = [];
  let offset = 0;
  const add = (deleteCount: number, text: string) => {
    const last = edits.at(-1);
    if (last && last.offset + last.deleteCount === offset) {
      last.deleteCount += deleteCount;
      last.text += text;
    } else {
      edits.push({ offset, deleteCount, text });
    }
  };
  for (const op of delta) {
    if (op.retain !== undefined) {
      offset += op.retain;
    } else if (op.delete !== undefined) {
      add(op.delete, '');
      offset += op.delete;
    } else if (typeof op.insert === 'string') {
      add(0, op.insert);
    }
  }
  return edits;
}

/**
 * Where a caret at `offset` ends up after `edits` (from `deltaToTextEdits`): text inserted at the
 * caret lands after it, so someone typing where my caret rests does not push it along; a caret
 * inside a deleted range moves to where the range was.
 */
export function transformOffset(offset: number, edits: readonly TextEdit[]): number {
  let shift = 0;
  for (const edit of edits) {
    if (edit.offset >= offset) break;
    if (edit.offset + edit.deleteCount > offset) return edit.offset + shift;
    shift += edit.text.length - edit.deleteCount;
  }
  return offset + shift;
}
