/** `.ipynb` (nbformat 4.0 to 4.5) -> notebook content, or the errors, each at a JSON Pointer. */
import { CELL_TYPES, type Cell, type ContentError, type ImportResult } from './api.ts';
import { createCellId, createIdSource, isCellId } from './cell-id.ts';
import { isCellType } from './cell-map.ts';
import { isRecord } from './json.ts';
import {
  checkAttachments,
  checkCellMetadata,
  checkCount,
  checkMultiline,
  checkNotebookMetadata,
  checkOutput,
  pointer,
} from './nbformat-check.ts';

export interface ImportOptions {
  /** Ids for cells that have none (before 4.5) or an invalid or repeated one. */
  idFactory?: () => string;
  /** The title when the file's metadata has none (e.g. from the file name). */
  title?: string;
}

/**
 * Reads an nbformat 4 notebook (already parsed from JSON). Cells keep their ids when valid and
 * unique; others get new ones. Outputs and attachments are kept; multi-line strings are joined;
 * kernelspec and language_info are dropped (export writes Cohort's own). Content is never written
 * into a live document from here: seed a new document with the result (`seedNotebook`).
 */
export function importIpynb(json: unknown, options: ImportOptions = {}): ImportResult {
  if (!isRecord(json)) return { ok: false, errors: [{ path: '', message: 'expected a notebook: a JSON object' }] };
  if (json['nbformat'] !== 4) {
    const found = JSON.stringify(json['nbformat']) ?? 'nothing';
    return { ok: false, errors: [{ path: '/nbformat', message: `expected nbformat 4 (4.0 to 4.5), found ${found}` }] };
  }
  const errors: ContentError[] = [];
  const minor = json['nbformat_minor'];
  if (!Number.isInteger(minor) || (minor as number) < 0) errors.push({ path: '/nbformat_minor', message: 'expected a non-negative integer' });
  const metadata = checkNotebookMetadata(json['metadata'], '/metadata', errors);
  const title = isRecord(json['metadata']) ? json['metadata']['title'] : undefined;
  if (title !== undefined && typeof title !== 'string') errors.push({ path: '/metadata/title', message: 'expected a string' });
  const cellsIn = json['cells'];
  if (!Array.isArray(cellsIn)) {
    errors.push({ path: '/cells', message: 'expected an array of cells' });
    return { ok: false, errors };
  }
  const ids = assignIds(
    cellsIn.map((cell: unknown) => (isRecord(cell) ? cell['id'] : undefined)),
    createIdSource(options.idFactory ?? createCellId),
  );
  const cells = cellsIn.map((cell, i) => readCell(cell, ids[i] as string, pointer('/cells', i), errors));
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    notebook: {
      title: typeof title === 'string' ? title : (options.title ?? ''),
      runtime: 'browser',
      metadata,
      cells: cells as Cell[],
    },
  };
}

/** One cell; undefined when it has errors. */
function readCell(value: unknown, id: string, path: string, errors: ContentError[]): Cell | undefined {
  if (!isRecord(value)) {
    errors.push({ path, message: 'expected a cell object' });
    return undefined;
  }
  const type = value['cell_type'];
  if (!isCellType(type)) {
    const found = type === undefined ? 'none' : JSON.stringify(type);
    errors.push({ path: pointer(path, 'cell_type'), message: `expected cell_type ${CELL_TYPES.join(', ')}; found ${found}` });
    return undefined;
  }
  // Editors (Monaco) hold sources with \n only; a CRLF file would otherwise shift their offsets.
  const source = (checkMultiline(value['source'], pointer(path, 'source'), errors) ?? '').replace(/\r\n?/g, '\n');
  const metadata = checkCellMetadata(value['metadata'], type, pointer(path, 'metadata'), errors);
  if (type === 'code') {
    const outputsIn = value['outputs'] ?? [];
    if (!Array.isArray(outputsIn)) errors.push({ path: pointer(path, 'outputs'), message: 'expected an array of outputs' });
    const outputs = Array.isArray(outputsIn) ? outputsIn.map((output, i) => checkOutput(output, pointer(pointer(path, 'outputs'), i), errors)) : [];
    const execution_count = checkCount(value, path, errors);
    return { id, cell_type: type, source, metadata, outputs: outputs.filter((o) => o !== undefined), execution_count };
  }
  const attachments = value['attachments'] === undefined ? undefined : checkAttachments(value['attachments'], pointer(path, 'attachments'), errors);
  return { id, cell_type: type, source, metadata, ...(attachments ? { attachments } : {}) };
}

/** Keeps valid, first-seen ids; gives the other cells new ids that no cell in the file uses. */
function assignIds(found: unknown[], newId: (taken: (id: string) => boolean) => string): string[] {
  const inFile = new Set(found.filter(isCellId));
  const used = new Set<string>();
  return found.map((id) => {
    const kept = isCellId(id) && !used.has(id) ? id : newId((candidate) => inFile.has(candidate) || used.has(candidate));
    used.add(kept);
    return kept;
  });
}
