/**
 * Where each stretch of a compiled cell's code comes from, as a flat list of segments
 * `[generatedLine, generatedColumn, sourceLine, sourceColumn, kind]` (0-based, sorted): a compact,
 * JSON-serialisable stand-in for a source map, enough to map stack frames back to the cell.
 */
export interface PositionMap {
  version: 1;
  segments: number[];
}

const SEGMENT_SIZE = 5;
const SegmentKind = {
  /** Copied source: positions map one to one (same column offset on the first line, same column after a line break). */
  source: 0,
  /** Generated text that stands for one source position (an import's start, for instance). */
  fixed: 1,
  /** Wrapper code: maps to nothing. */
  none: 2,
} as const;

interface LineAndCharacter {
  line: number;
  character: number;
}

export function createPositionMapBuilder() {
  const segments: number[] = [];
  const push = (line: number, column: number, at: LineAndCharacter | null, kind: number) => {
    // A later segment at the same generated position supersedes an empty one before it.
    const last = segments.length - SEGMENT_SIZE;
    if (last >= 0 && segments[last] === line && segments[last + 1] === column) segments.length = last;
    segments.push(line, column, at?.line ?? -1, at?.character ?? -1, kind);
  };
  return {
    source: (line: number, column: number, at: LineAndCharacter) => push(line, column, at, SegmentKind.source),
    fixed: (line: number, column: number, at: LineAndCharacter) => push(line, column, at, SegmentKind.fixed),
    none: (line: number, column: number) => push(line, column, null, SegmentKind.none),
    build: (): PositionMap => ({ version: 1, segments }),
  };
}

/** Maps a 0-based position in the generated code to a 0-based source position, or null for wrapper code. */
export function mapPosition(map: PositionMap, line: number, column: number): { line: number; column: number } | null {
  const { segments } = map;
  // Binary search for the last segment starting at or before (line, column).
  let low = 0;
  let high = segments.length / SEGMENT_SIZE - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = middle * SEGMENT_SIZE;
    const segmentLine = segments[at]!;
    if (segmentLine < line || (segmentLine === line && segments[at + 1]! <= column)) {
      found = at;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (found < 0) return null;
  const [segmentLine, segmentColumn, sourceLine, sourceColumn, kind] = segments.slice(found, found + SEGMENT_SIZE) as [number, number, number, number, number];
  if (kind === SegmentKind.none) return null;
  if (kind === SegmentKind.fixed) return { line: sourceLine, column: sourceColumn };
  if (line === segmentLine) return { line: sourceLine, column: sourceColumn + column - segmentColumn };
  return { line: sourceLine + line - segmentLine, column };
}

export function isPositionMap(value: unknown): value is PositionMap {
  return typeof value === 'object' && value !== null && (value as PositionMap).version === 1 && Array.isArray((value as PositionMap).segments);
}
