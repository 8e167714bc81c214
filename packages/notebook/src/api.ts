/**
 * The notebook model's interface: plain data shapes (named after nbformat so `.ipynb` export is
 * direct) and the `Notebook` operations. The Yjs implementation is `openNotebook` (notebook.ts).
 */
import type * as Y from 'yjs';

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export const CELL_TYPES = ['code', 'markdown', 'raw'] as const;
export type CellType = (typeof CELL_TYPES)[number];

/** Transaction origins. Every mutation is tagged with one, so observers can tell who wrote it. */
export const ORIGIN = { user: 'user', kernel: 'kernel', server: 'server', import: 'import' } as const;
export type Origin = (typeof ORIGIN)[keyof typeof ORIGIN];

export const RUNTIMES = ['browser', 'remote'] as const;
export type Runtime = (typeof RUNTIMES)[number];

export const RUN_STATES = ['queued', 'running', 'done', 'error', 'aborted'] as const;
export type RunState = (typeof RUN_STATES)[number];
export type FinishedRunState = Exclude<RunState, 'queued' | 'running'>;

/** MIME type -> value. Text types hold a string; JSON types (`application/json`, `+json`) any JSON. */
export interface MimeBundle {
  [mimeType: string]: JsonValue;
}

/** Markdown and raw cell attachments: file name -> MIME bundle. */
export interface Attachments {
  [fileName: string]: MimeBundle;
}

export interface StreamOutput {
  output_type: 'stream';
  name: string;
  text: string;
}

export interface DisplayDataOutput {
  output_type: 'display_data';
  data: MimeBundle;
  metadata: JsonObject;
  /** As in Jupyter's display_data message: a display id lets `update_display_data` replace it. Not exported. */
  transient?: { display_id: string };
}

export interface ExecuteResultOutput {
  output_type: 'execute_result';
  execution_count: number | null;
  data: MimeBundle;
  metadata: JsonObject;
}

export interface ErrorOutput {
  output_type: 'error';
  ename: string;
  evalue: string;
  traceback: string[];
}

/** A Jupyter output, as stored in the document (multi-line strings joined). */
export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

export interface CodeCell {
  id: string;
  cell_type: 'code';
  source: string;
  metadata: JsonObject;
  outputs: Output[];
  execution_count: number | null;
}

export interface MarkdownCell {
  id: string;
  cell_type: 'markdown';
  source: string;
  metadata: JsonObject;
  attachments?: Attachments;
}

export interface RawCell {
  id: string;
  cell_type: 'raw';
  source: string;
  metadata: JsonObject;
  attachments?: Attachments;
}

/** A snapshot of one cell. */
export type Cell = CodeCell | MarkdownCell | RawCell;

/** A cell to seed a document with; a missing id is generated. */
export interface CellSeed {
  cell_type: CellType;
  id?: string;
  source?: string;
  metadata?: JsonObject;
  outputs?: Output[];
  execution_count?: number | null;
  attachments?: Attachments;
}

/** A snapshot of a whole notebook. */
export interface NotebookContent {
  title: string;
  runtime: Runtime;
  /** Notebook-level nbformat metadata (kernelspec and language_info are added on export). */
  metadata: JsonObject;
  cells: Cell[];
}

export interface NotebookSeed {
  title?: string;
  runtime?: Runtime;
  metadata?: JsonObject;
  cells?: CellSeed[];
}

export interface RunRequest {
  id: string;
  cellId: string;
  /** User id of whoever pressed Run. */
  requestedBy: string;
  runtime: Runtime;
  /** ISO 8601. */
  requestedAt: string;
  state: RunState;
  /** Who took the request off the queue (a session id); null while queued. */
  claimedBy: string | null;
}

/** What one transaction changed. */
export interface NotebookChange {
  /** The tagged origin of a local transaction; null for remote updates and untagged writes. */
  origin: Origin | null;
  local: boolean;
  /** Cells were inserted, deleted or moved. */
  order: boolean;
  /** Cells whose content changed (type, source, outputs, execution count, metadata, attachments). */
  cellIds: string[];
  /** Title, runtime, schema version or notebook metadata. */
  meta: boolean;
  runQueue: boolean;
}

/** A problem in user content, at a JSON Pointer (RFC 6901) into it, e.g. `/cells/3/source`. */
export interface ContentError {
  path: string;
  message: string;
}

export type ImportResult = { ok: true; notebook: NotebookContent } | { ok: false; errors: ContentError[] };

export interface NotebookOptions {
  /** New cell and run request ids; must return `^[a-zA-Z0-9-_]{1,64}$`. Injected by tests. */
  idFactory?: () => string;
  /** The clock for `requestedAt`. Injected by tests. */
  now?: () => Date;
}

/**
 * A notebook over a Y.Doc. Reads return snapshots (plain data) except `sourceText`, the live
 * Y.Text an editor binds to. Mutations run in one transaction tagged with `origin`; those that
 * name a cell return false (or null) when the cell is not there, since a peer may have deleted it.
 */
export interface Notebook {
  readonly doc: Y.Doc;
  /** null until the document is seeded (a client opens it before the first sync). */
  readonly schemaVersion: number | null;
  readonly title: string;
  readonly runtime: Runtime;
  readonly metadata: JsonObject;

  cellIds(): string[];
  cells(): Cell[];
  cell(id: string): Cell | undefined;
  sourceText(id: string): Y.Text | undefined;
  toJSON(): NotebookContent;

  /**
   * Inserts a cell so that it ends up at `index` (clamped to the cell count); returns its id. An
   * `id` (a deleted cell's, when restoring a version) must be a valid cell id no cell here has.
   */
  insertCell(index: number, init: { type: CellType; source?: string; id?: string }, origin: Origin): string;
  deleteCell(id: string, origin: Origin): boolean;
  /** Moves a cell so that it ends up at `toIndex` (clamped), like remove-then-insert. */
  moveCell(id: string, toIndex: number, origin: Origin): boolean;
  /** Keeps id, source and metadata; a real change of type clears outputs and execution count. */
  setCellType(id: string, type: CellType, origin: Origin): boolean;
  /**
   * The part before `offset` keeps the id; the rest becomes a new cell after it, whose id is
   * returned. Offsets here and in `editSource` count UTF-16 code units, moved off surrogate pairs.
   */
  splitCell(id: string, offset: number, origin: Origin): string | null;
  /** Merges the cells, in notebook order, into the first: sources joined with '\n'. */
  mergeCells(ids: readonly string[], origin: Origin): boolean;
  editSource(id: string, index: number, deleteCount: number, text: string, origin: Origin): boolean;
  /** Sets one metadata key; `undefined` deletes it. */
  setCellMetadata(id: string, key: string, value: JsonValue | undefined, origin: Origin): boolean;
  /** Markdown and raw cells: replaces the attachments; `undefined` removes them. False for code cells. */
  setAttachments(id: string, attachments: Attachments | undefined, origin: Origin): boolean;

  setOutputs(id: string, outputs: readonly Output[], origin: Origin): boolean;
  /** Appends an output; a stream output continues the last output when that is the same stream. */
  appendOutput(id: string, output: Output, origin: Origin): boolean;
  /** `update_display_data`: replaces data and metadata of every display with this id; returns how many. */
  updateDisplay(displayId: string, update: { data: MimeBundle; metadata: JsonObject }, origin: Origin): number;
  clearOutputs(id: string, origin: Origin): boolean;
  setExecutionCount(id: string, count: number | null, origin: Origin): boolean;

  setTitle(title: string, origin: Origin): void;
  setRuntime(runtime: Runtime, origin: Origin): void;
  setMetadata(key: string, value: JsonValue | undefined, origin: Origin): void;

  runRequests(): RunRequest[];
  enqueueRun(request: { cellId: string; requestedBy: string; runtime: Runtime }, origin: Origin): RunRequest;
  /**
   * queued -> running, recording `claimant`. Claims are not exclusive across peers that are not
   * yet synced; after a sync the last writer's claim stands and the other claimant stops.
   */
  claimRun(id: string, claimant: string, origin: Origin): boolean;
  /** queued or running -> done, error or aborted. */
  finishRun(id: string, state: FinishedRunState, origin: Origin): boolean;
  /** Removes finished requests; returns how many. */
  clearFinishedRuns(origin: Origin): number;

  /** Calls `listener` once per transaction that changed the notebook; returns an unsubscribe. */
  onChange(listener: (change: NotebookChange) => void): () => void;
}
