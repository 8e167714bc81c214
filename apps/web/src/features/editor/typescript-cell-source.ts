/**
 * How a code cell is shown to TypeScript. The kernel runs every cell in one global scope, so a
 * cell sees what earlier cells declared and imported. TypeScript gets, for each cell, one virtual
 * file: the code of the cells above it (in notebook order) followed by the cell itself. Only the
 * cell's own part is ever reported or edited; positions move by the length of what precedes it.
 */

/** The extra lib through which the page tells the worker the notebook's code cells (JSON `CellCode[]`, notebook order). */
export const notebookCellsLib = 'file:///cohort/notebook-cells.json';

/** A code cell's source, as listed in notebook order. */
export interface CellCode {
  id: string;
  source: string;
}

/** Where the virtual file of a cell puts the cell's own text. */
export interface CellFile {
  text: string;
  /** Offset of the cell's own text in `text`. */
  offset: number;
}

export interface TextSpan {
  start: number;
  length: number;
}

const cellUriPattern = /^file:\/\/\/notebook\/([A-Za-z0-9_-]+)\/\d+\.ts$/;

/**
 * The Monaco model URI of a mounted cell editor. `mount` tells apart two editors of one cell at a
 * time (a remount before the old model is gone); the cell id is what TypeScript's side reads.
 */
export function cellModelUri(cellId: string, mount: number): string {
  return `file:///notebook/${cellId}/${mount}.ts`;
}

/** The cell id of a cell editor's model URI; null for any other file (libraries, globals). */
export function cellIdOfUri(uri: string): string | null {
  return cellUriPattern.exec(uri)?.[1] ?? null;
}

/**
 * The code that precedes `cellId`: each earlier cell that parses, then `;` on a line of its own, so
 * an earlier cell's last expression never runs into the next cell (`a` then `(b)` would be a call).
 * A cell with a syntax error (someone is typing in it) is left out rather than swallowing every
 * cell after it. A cell not in the list (just added, the list not yet updated) gets no prelude.
 */
export function cellPrelude(cells: readonly CellCode[], cellId: string, parses: (source: string) => boolean): string {
  const index = cells.findIndex((cell) => cell.id === cellId);
  if (index < 0) return '';
  return cells
    .slice(0, index)
    .filter((cell) => cell.source.trim() !== '' && parses(cell.source))
    .map((cell) => `${cell.source}\n;\n`)
    .join('');
}

export function cellFile(prelude: string, source: string): CellFile {
  return { text: prelude + source, offset: prelude.length };
}

/** A span of the virtual file as a span of the cell; null when it is not (wholly) inside the cell. */
export function toCellSpan(span: TextSpan, file: CellFile): TextSpan | null {
  const start = span.start - file.offset;
  if (start < 0 || start + span.length > file.text.length - file.offset) return null;
  return { start, length: span.length };
}
