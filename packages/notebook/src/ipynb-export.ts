/** Notebook content -> `.ipynb`, nbformat 4.5, valid against the nbformat 4.5 JSON schema. */
import type { Attachments, Cell, JsonObject, MimeBundle, NotebookContent, Output } from './api.ts';
import { checkCellMetadata, checkNotebookMetadata } from './nbformat-check.ts';

export interface Ipynb {
  nbformat: 4;
  nbformat_minor: 5;
  metadata: JsonObject;
  cells: JsonObject[];
}

const KERNELSPEC = { name: 'typescript', display_name: 'TypeScript', language: 'typescript' };
const LANGUAGE_INFO = { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' };
/** Like nbformat's writer: these MIME types (besides text/*) are written as lists of lines. */
const LINE_MIME_TYPES: readonly string[] = ['application/javascript', 'image/svg+xml'];

/**
 * The notebook as nbformat 4.5 JSON (serialize with `JSON.stringify`). Keys are in the sorted
 * order Jupyter writes; text is split into lines as Jupyter does. Metadata values the schema
 * would reject (e.g. tags with commas) are left out, so the result always validates.
 */
export function exportIpynb(notebook: NotebookContent): Ipynb {
  return {
    cells: notebook.cells.map(exportCell),
    metadata: {
      ...checkNotebookMetadata(notebook.metadata, '', []),
      kernelspec: KERNELSPEC,
      language_info: LANGUAGE_INFO,
      ...(notebook.title ? { title: notebook.title } : {}),
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

function exportCell(cell: Cell): JsonObject {
  const metadata = checkCellMetadata(cell.metadata, cell.cell_type, '', []);
  const source = lines(cell.source);
  if (cell.cell_type === 'code') {
    return { cell_type: 'code', execution_count: cell.execution_count, id: cell.id, metadata, outputs: cell.outputs.map(exportOutput), source };
  }
  return {
    ...(cell.attachments ? { attachments: exportAttachments(cell.attachments) } : {}),
    cell_type: cell.cell_type,
    id: cell.id,
    metadata,
    source,
  };
}

function exportOutput(output: Output): JsonObject {
  switch (output.output_type) {
    case 'stream':
      return { name: output.name, output_type: 'stream', text: lines(output.text) };
    case 'display_data':
      return { data: exportBundle(output.data), metadata: output.metadata, output_type: 'display_data' };
    case 'execute_result':
      return { data: exportBundle(output.data), execution_count: output.execution_count, metadata: output.metadata, output_type: 'execute_result' };
    case 'error':
      return { ename: output.ename, evalue: output.evalue, output_type: 'error', traceback: output.traceback };
  }
}

function exportBundle(bundle: MimeBundle): JsonObject {
  return Object.fromEntries(
    Object.entries(bundle).map(([mimeType, data]) => {
      const split = typeof data === 'string' && (mimeType.startsWith('text/') || LINE_MIME_TYPES.includes(mimeType));
      return [mimeType, split ? lines(data) : data];
    }),
  );
}

function exportAttachments(attachments: Attachments): JsonObject {
  return Object.fromEntries(Object.entries(attachments).map(([name, bundle]) => [name, exportBundle(bundle)]));
}

/** Text as nbformat's list of lines, each keeping its '\n'. */
function lines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}
