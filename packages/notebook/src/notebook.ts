/**
 * The notebook model on Yjs.
 *
 * Ordering scheme (why moves never duplicate or lose a cell)
 * ----------------------------------------------------------
 * Y.Array has no move, and a move written as delete + re-insert duplicates a cell when two peers
 * move it concurrently: both delete the same item (idempotent) but each inserts its own copy
 * (jupyter-collaboration #594). So cells do not live in an array. `cells` is a Y.Map from cell id
 * to cell map, and each cell map holds a `position`: a fractional index string (position.ts).
 * The visible order is the cells sorted by (position, id).
 *
 * - A cell exists at most once: it is one entry of a map keyed by its id, and a move only sets
 *   its `position`, a last-writer-wins register. Concurrent moves of one cell converge to one of
 *   the written positions; neither can add a second copy or drop the cell.
 * - The order converges: it is a pure function of the map's converged state (sort by position,
 *   ties broken by id), the same on every peer that has the same updates.
 * - Move + delete of one cell: the delete removes the map entry; the concurrent `position` write
 *   lands in a deleted map and is discarded. The cell ends deleted everywhere.
 * - Move + source edit: the move writes only `position`; the Y.Text `source` is untouched, so
 *   concurrent edits survive.
 * - Two peers placing cells in the same gap pick equal positions; the id breaks the tie. Placing
 *   a cell between two equal positions spreads that run out (cell-order.ts `placeAt`), which
 *   rewrites a few neighbours' positions: again last-writer-wins registers, so still convergent.
 *
 * Other concurrent outcomes, by construction: a type change replaces `outputs` with a new array
 * (outputs written concurrently into the old one vanish with it); a split copies the tail of the
 * text when it runs, so text typed concurrently into that tail stays in the first cell; merging
 * deletes the merged cells, so edits made to them concurrently are lost with them.
 */
import * as Y from 'yjs';
import type {
  Attachments,
  Cell,
  CellType,
  FinishedRunState,
  JsonObject,
  JsonValue,
  MimeBundle,
  Notebook,
  NotebookChange,
  NotebookContent,
  NotebookOptions,
  NotebookSeed,
  Origin,
  Output,
  RunRequest,
  Runtime,
} from './api.ts';
import { RUNTIMES } from './api.ts';
import { createCellId, createIdSource, isCellId } from './cell-id.ts';
import { alignToCodePoint } from './code-point.ts';
import { cellParts, createCellMap, readCell, type CellParts } from './cell-map.ts';
import { orderCells, placeAt, type Placement } from './cell-order.ts';
import { sortKeys } from './json.ts';
import { CELL, META, ROOT, SCHEMA_VERSION } from './keys.ts';
import { observeNotebook } from './notebook-changes.ts';
import { appendOutputTo, createOutputMap, updateDisplayIn } from './outputs.ts';
import { positionsBetween } from './position.ts';
import { claimRunIn, clearFinishedIn, createRunMap, finishRunIn, readRunQueue, type RunQueue } from './run-queue.ts';

/**
 * Writes the initial state of a new notebook into an empty document: schemaVersion, title,
 * runtime, metadata and cells. The server calls it once, when it has no stored state; clients
 * only ever open documents. Throws when `doc` already holds a notebook or a seed id is invalid.
 */
export function seedNotebook(doc: Y.Doc, seed: NotebookSeed, origin: Origin, options: NotebookOptions = {}): void {
  const meta = doc.getMap(ROOT.meta);
  const cells = doc.getMap(ROOT.cells);
  if (meta.has(META.schemaVersion) || cells.size > 0) throw new Error('seedNotebook: the document already holds a notebook');
  const seeds = seed.cells ?? [];
  const newId = createIdSource(options.idFactory ?? createCellId);
  const ids: string[] = [];
  for (const cell of seeds) {
    if (cell.id !== undefined && (!isCellId(cell.id) || ids.includes(cell.id))) {
      throw new Error(`seedNotebook: cell id ${JSON.stringify(cell.id)} is invalid or repeated`);
    }
    ids.push(cell.id ?? newId((id) => ids.includes(id) || seeds.some((s) => s.id === id)));
  }
  const positions = positionsBetween(null, null, seeds.length);
  doc.transact(() => {
    meta.set(META.schemaVersion, SCHEMA_VERSION);
    meta.set(META.title, seed.title ?? '');
    meta.set(META.runtime, seed.runtime ?? 'browser');
    const metadata = doc.getMap(ROOT.metadata);
    for (const [key, value] of Object.entries(seed.metadata ?? {})) metadata.set(key, value);
    seeds.forEach((cell, i) => cells.set(ids[i] as string, createCellMap(cell, positions[i] as string)));
  }, origin);
}

/**
 * The notebook in `doc`, for reading and editing. Opening writes nothing (a client opens its
 * document before the first sync; `schemaVersion` is null until then) and keeps no copy: every
 * read goes to the document. Throws when the document has a newer schemaVersion than this code.
 */
export function openNotebook(doc: Y.Doc, options: NotebookOptions = {}): Notebook {
  const version = doc.getMap(ROOT.meta).get(META.schemaVersion);
  if (typeof version === 'number' && version > SCHEMA_VERSION) {
    throw new Error(`openNotebook: schemaVersion ${version} is newer than this code (${SCHEMA_VERSION})`);
  }
  return new YNotebook(doc, options);
}

function clamp(value: number, max: number): number {
  if (!Number.isInteger(value)) throw new RangeError(`expected an integer index, got ${value}`);
  return Math.min(Math.max(value, 0), max);
}

class YNotebook implements Notebook {
  readonly doc: Y.Doc;
  readonly #cells: Y.Map<unknown>;
  readonly #meta: Y.Map<unknown>;
  readonly #metadata: Y.Map<unknown>;
  readonly #runQueue: RunQueue;
  readonly #newId: (taken: (id: string) => boolean) => string;
  readonly #now: () => Date;

  constructor(doc: Y.Doc, options: NotebookOptions) {
    this.doc = doc;
    this.#cells = doc.getMap(ROOT.cells);
    this.#meta = doc.getMap(ROOT.meta);
    this.#metadata = doc.getMap(ROOT.metadata);
    this.#runQueue = doc.getArray(ROOT.runQueue);
    this.#newId = createIdSource(options.idFactory ?? createCellId);
    this.#now = options.now ?? (() => new Date());
  }

  get schemaVersion(): number | null {
    const version = this.#meta.get(META.schemaVersion);
    return typeof version === 'number' ? version : null;
  }

  get title(): string {
    const title = this.#meta.get(META.title);
    return typeof title === 'string' ? title : '';
  }

  get runtime(): Runtime {
    const runtime = this.#meta.get(META.runtime);
    return RUNTIMES.includes(runtime as Runtime) ? (runtime as Runtime) : 'browser';
  }

  get metadata(): JsonObject {
    return sortKeys(this.#metadata.toJSON() as JsonObject);
  }

  cellIds(): string[] {
    return orderCells(this.#cells).map((cell) => cell.id);
  }

  cells(): Cell[] {
    return orderCells(this.#cells).map((cell) => readCell(cell.id, cell.parts));
  }

  cell(id: string): Cell | undefined {
    const parts = this.#parts(id);
    return parts ? readCell(id, parts) : undefined;
  }

  sourceText(id: string): Y.Text | undefined {
    return this.#parts(id)?.source;
  }

  toJSON(): NotebookContent {
    return { title: this.title, runtime: this.runtime, metadata: this.metadata, cells: this.cells() };
  }

  insertCell(index: number, init: { type: CellType; source?: string; id?: string }, origin: Origin): string {
    if (init.id !== undefined && (!isCellId(init.id) || this.#cells.has(init.id))) {
      throw new Error(`insertCell: cell id ${JSON.stringify(init.id)} is invalid or taken`);
    }
    const ordered = orderCells(this.#cells);
    const placement = placeAt(ordered, clamp(index, ordered.length), 1);
    const id = init.id ?? this.#newId((candidate) => this.#cells.has(candidate));
    this.#transact(origin, () => {
      this.#respace(placement);
      this.#cells.set(id, createCellMap({ cell_type: init.type, source: init.source ?? '' }, placement.positions[0] as string));
    });
    return id;
  }

  deleteCell(id: string, origin: Origin): boolean {
    if (!this.#parts(id)) return false;
    this.#transact(origin, () => this.#cells.delete(id));
    return true;
  }

  moveCell(id: string, toIndex: number, origin: Origin): boolean {
    const ordered = orderCells(this.#cells);
    const from = ordered.findIndex((cell) => cell.id === id);
    const cell = ordered[from];
    if (!cell) return false;
    const others = ordered.filter((other) => other !== cell);
    const to = clamp(toIndex, others.length);
    if (to === from) return true;
    const placement = placeAt(others, to, 1);
    this.#transact(origin, () => {
      this.#respace(placement);
      this.#cellMap(id).set(CELL.position, placement.positions[0]);
    });
    return true;
  }

  setCellType(id: string, type: CellType, origin: Origin): boolean {
    const parts = this.#parts(id);
    if (!parts) return false;
    if (parts.type === type) return true;
    const map = this.#cellMap(id);
    this.#transact(origin, () => {
      map.set(CELL.cellType, type);
      map.set(CELL.outputs, new Y.Array());
      map.set(CELL.executionCount, null);
      if (type === 'code') map.delete(CELL.attachments);
    });
    return true;
  }

  splitCell(id: string, offset: number, origin: Origin): string | null {
    const ordered = orderCells(this.#cells);
    const index = ordered.findIndex((cell) => cell.id === id);
    const parts = ordered[index]?.parts;
    if (!parts) return null;
    const text = parts.source.toString();
    const at = alignToCodePoint(text, clamp(offset, text.length), 'down');
    const placement = placeAt(ordered, index + 1, 1);
    const newId = this.#newId((candidate) => this.#cells.has(candidate));
    this.#transact(origin, () => {
      parts.source.delete(at, text.length - at);
      if (parts.type === 'code') this.#clearRun(id, parts);
      this.#respace(placement);
      this.#cells.set(newId, createCellMap({ cell_type: parts.type, source: text.slice(at) }, placement.positions[0] as string));
    });
    return newId;
  }

  mergeCells(ids: readonly string[], origin: Origin): boolean {
    if (new Set(ids).size !== ids.length || ids.length < 2) throw new Error('mergeCells: expected two or more distinct cell ids');
    const chosen = orderCells(this.#cells).filter((cell) => ids.includes(cell.id));
    const [first, ...rest] = chosen;
    if (!first || chosen.length !== ids.length) return false;
    const attachments: Attachments = Object.assign({}, ...rest.map((cell) => cell.parts.attachments), first.parts.attachments);
    const gainsAttachments = Object.keys(attachments).length > Object.keys(first.parts.attachments ?? {}).length;
    this.#transact(origin, () => {
      for (const cell of rest) {
        first.parts.source.insert(first.parts.source.length, `\n${cell.parts.source.toString()}`);
        this.#cells.delete(cell.id);
      }
      if (first.parts.type === 'code') this.#clearRun(first.id, first.parts);
      else if (gainsAttachments) this.#cellMap(first.id).set(CELL.attachments, attachments);
    });
    return true;
  }

  editSource(id: string, index: number, deleteCount: number, text: string, origin: Origin): boolean {
    const source = this.#parts(id)?.source;
    if (!source) return false;
    const current = source.toString();
    const at = alignToCodePoint(current, clamp(index, current.length), 'down');
    const end = alignToCodePoint(current, at + clamp(deleteCount, current.length - at), 'up');
    const count = end - at;
    this.#transact(origin, () => {
      if (count > 0) source.delete(at, count);
      if (text.length > 0) source.insert(at, text);
    });
    return true;
  }

  setCellMetadata(id: string, key: string, value: JsonValue | undefined, origin: Origin): boolean {
    const metadata = this.#parts(id)?.metadata;
    if (!metadata) return false;
    this.#transact(origin, () => (value === undefined ? metadata.delete(key) : metadata.set(key, value)));
    return true;
  }

  setAttachments(id: string, attachments: Attachments | undefined, origin: Origin): boolean {
    const parts = this.#parts(id);
    if (!parts || parts.type === 'code') return false;
    const map = this.#cellMap(id);
    this.#transact(origin, () => (attachments === undefined ? map.delete(CELL.attachments) : map.set(CELL.attachments, attachments)));
    return true;
  }

  setOutputs(id: string, outputs: readonly Output[], origin: Origin): boolean {
    const parts = this.#codeParts(id);
    if (!parts) return false;
    this.#transact(origin, () => {
      parts.outputs.delete(0, parts.outputs.length);
      parts.outputs.push(outputs.map(createOutputMap));
    });
    return true;
  }

  appendOutput(id: string, output: Output, origin: Origin): boolean {
    const parts = this.#codeParts(id);
    if (!parts) return false;
    this.#transact(origin, () => appendOutputTo(parts.outputs, output));
    return true;
  }

  updateDisplay(displayId: string, update: { data: MimeBundle; metadata: JsonObject }, origin: Origin): number {
    let updated = 0;
    this.#transact(origin, () => {
      for (const { parts } of orderCells(this.#cells)) {
        if (parts.type === 'code') updated += updateDisplayIn(parts.outputs, displayId, update);
      }
    });
    return updated;
  }

  clearOutputs(id: string, origin: Origin): boolean {
    const parts = this.#codeParts(id);
    if (!parts) return false;
    this.#transact(origin, () => parts.outputs.delete(0, parts.outputs.length));
    return true;
  }

  setExecutionCount(id: string, count: number | null, origin: Origin): boolean {
    if (count !== null && !(Number.isInteger(count) && count >= 0)) throw new RangeError(`execution count ${count} is not a non-negative integer`);
    if (!this.#codeParts(id)) return false;
    this.#transact(origin, () => this.#cellMap(id).set(CELL.executionCount, count));
    return true;
  }

  setTitle(title: string, origin: Origin): void {
    this.#transact(origin, () => this.#meta.set(META.title, title));
  }

  setRuntime(runtime: Runtime, origin: Origin): void {
    this.#transact(origin, () => this.#meta.set(META.runtime, runtime));
  }

  setMetadata(key: string, value: JsonValue | undefined, origin: Origin): void {
    this.#transact(origin, () => (value === undefined ? this.#metadata.delete(key) : this.#metadata.set(key, value)));
  }

  runRequests(): RunRequest[] {
    return readRunQueue(this.#runQueue);
  }

  enqueueRun(request: { cellId: string; requestedBy: string; runtime: Runtime }, origin: Origin): RunRequest {
    const taken = new Set(this.runRequests().map((run) => run.id));
    const run: RunRequest = {
      id: this.#newId((candidate) => taken.has(candidate)),
      cellId: request.cellId,
      requestedBy: request.requestedBy,
      runtime: request.runtime,
      requestedAt: this.#now().toISOString(),
      state: 'queued',
      claimedBy: null,
    };
    this.#transact(origin, () => this.#runQueue.push([createRunMap(run)]));
    return run;
  }

  claimRun(id: string, claimant: string, origin: Origin): boolean {
    let claimed = false;
    this.#transact(origin, () => (claimed = claimRunIn(this.#runQueue, id, claimant)));
    return claimed;
  }

  finishRun(id: string, state: FinishedRunState, origin: Origin): boolean {
    let finished = false;
    this.#transact(origin, () => (finished = finishRunIn(this.#runQueue, id, state)));
    return finished;
  }

  clearFinishedRuns(origin: Origin): number {
    let removed = 0;
    this.#transact(origin, () => (removed = clearFinishedIn(this.#runQueue)));
    return removed;
  }

  onChange(listener: (change: NotebookChange) => void): () => void {
    return observeNotebook(this.doc, listener);
  }

  #transact(origin: Origin, write: () => void): void {
    this.doc.transact(write, origin);
  }

  #parts(id: string): CellParts | null {
    return isCellId(id) ? cellParts(this.#cells.get(id)) : null;
  }

  #codeParts(id: string): CellParts | null {
    const parts = this.#parts(id);
    return parts?.type === 'code' ? parts : null;
  }

  /** The map of a cell known to be well-formed. */
  #cellMap(id: string): Y.Map<unknown> {
    return this.#cells.get(id) as Y.Map<unknown>;
  }

  #respace(placement: Placement): void {
    for (const { id, position } of placement.respace) this.#cellMap(id).set(CELL.position, position);
  }

  /** Clears what running the cell produced: its outputs and execution count. */
  #clearRun(id: string, parts: CellParts): void {
    parts.outputs.delete(0, parts.outputs.length);
    this.#cellMap(id).set(CELL.executionCount, null);
  }
}

