/** One cell in the document: a Y.Map keyed by the names in `CELL`, stored under its id in `cells`. */
import * as Y from 'yjs';
import { CELL_TYPES, type Attachments, type Cell, type CellSeed, type CellType, type JsonObject } from './api.ts';
import { CELL } from './keys.ts';
import { sortKeys } from './json.ts';
import { checkAttachments } from './nbformat-check.ts';
import { createOutputMap, readOutputs, type OutputsArray } from './outputs.ts';
import { isPosition } from './position.ts';

/** The parts of a well-formed cell map. */
export interface CellParts {
  type: CellType;
  source: Y.Text;
  position: string;
  metadata: Y.Map<unknown>;
  outputs: OutputsArray;
  executionCount: number | null;
  attachments: Attachments | undefined;
}

export function isCellType(value: unknown): value is CellType {
  return CELL_TYPES.includes(value as CellType);
}

/** A new cell map (not yet in a document). Outputs are kept for code cells, attachments for the others. */
export function createCellMap(seed: CellSeed, position: string): Y.Map<unknown> {
  const code = seed.cell_type === 'code';
  const entries: [string, unknown][] = [
    [CELL.cellType, seed.cell_type],
    [CELL.source, new Y.Text(seed.source ?? '')],
    [CELL.position, position],
    [CELL.metadata, new Y.Map(Object.entries(seed.metadata ?? {}))],
    [CELL.outputs, Y.Array.from(code ? (seed.outputs ?? []).map(createOutputMap) : [])],
    [CELL.executionCount, code ? (seed.execution_count ?? null) : null],
  ];
  if (!code && seed.attachments !== undefined) entries.push([CELL.attachments, seed.attachments]);
  return new Y.Map(entries);
}

/**
 * The parts of `value` when it is a well-formed cell map, else null. Every cell map this package
 * writes is well-formed from the transaction that creates it on; a malformed one can only come
 * from a misbehaving peer, and is neither shown nor exported.
 */
export function cellParts(value: unknown): CellParts | null {
  if (!(value instanceof Y.Map)) return null;
  const type: unknown = value.get(CELL.cellType);
  const source: unknown = value.get(CELL.source);
  const position: unknown = value.get(CELL.position);
  const metadata: unknown = value.get(CELL.metadata);
  const outputs: unknown = value.get(CELL.outputs);
  const executionCount: unknown = value.get(CELL.executionCount);
  const attachments: unknown = value.get(CELL.attachments);
  if (!isCellType(type) || !(source instanceof Y.Text) || !isPosition(position)) return null;
  if (!(metadata instanceof Y.Map) || !(outputs instanceof Y.Array)) return null;
  if (executionCount !== null && !(Number.isInteger(executionCount) && (executionCount as number) >= 0)) return null;
  return {
    type,
    source,
    position,
    metadata,
    outputs: outputs as OutputsArray,
    executionCount: executionCount as number | null,
    attachments: attachments === undefined ? undefined : checkAttachments(attachments, '', []),
  };
}

/** A snapshot of a well-formed cell. */
export function readCell(id: string, parts: CellParts): Cell {
  const source = parts.source.toString();
  const metadata = sortKeys(parts.metadata.toJSON() as JsonObject);
  if (parts.type === 'code') {
    return { id, cell_type: 'code', source, metadata, outputs: readOutputs(parts.outputs), execution_count: parts.executionCount };
  }
  return { id, cell_type: parts.type, source, metadata, ...(parts.attachments ? { attachments: parts.attachments } : {}) };
}
