import { isPositionMap, mapPosition } from './position-map.ts';
import type { CompiledCell } from './types.ts';

/** Maps a 1-based line/column in `cell.code` (as found in an Error's stack frame for fileName) to the TypeScript source; null when it maps to no source (generated wrapper code). */
export function originalPosition(cell: CompiledCell, line: number, column: number): { line: number; column: number } | null {
  if (!isPositionMap(cell.sourceMap)) throw new Error('originalPosition: cell.sourceMap is not a map made by compileCell');
  const position = mapPosition(cell.sourceMap, line - 1, column - 1);
  return position && { line: position.line + 1, column: position.column + 1 };
}
