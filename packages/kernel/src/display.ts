/**
 * The rich representation of a value shown by display() or as a cell's result: a MIME bundle.
 * Tensors print as numpy does, arrays of records become tables, images PNGs, RichOutput values
 * (html(), markdown(), vegaLite(), image()) stand for themselves, anything else is text (and
 * JSON when it is plain data).
 */
import { isTensorLike, formatTensor, tensorHeader, type TensorLike } from './format-tensor.ts';
import { inspect } from './inspect.ts';
import { imageToPngBase64, isImageDataLike, type ImageDataLike } from './png.ts';
import { MimeBundle, type JsonValue } from './protocol.ts';
import { formatTable, isPlainRecord, isRecordArray } from './table.ts';

export interface RichOutput {
  readonly mimeBundle: MimeBundle;
}

const JSON_CHARACTER_BUDGET = 100_000;

export function richOutput(mimeBundle: MimeBundle): RichOutput {
  return Object.freeze({ mimeBundle: Object.freeze(mimeBundle) });
}

export const html = (markup: string): RichOutput => richOutput({ 'text/html': String(markup), 'text/plain': '[HTML]' });
export const markdown = (text: string): RichOutput => richOutput({ 'text/markdown': String(text), 'text/plain': String(text) });
export function vegaLite(spec: object): RichOutput {
  const checked = MimeBundle.shape['application/vnd.vegalite.v5+json'].safeParse(toJson(spec));
  if (!checked.success || checked.data === undefined) throw new TypeError('vegaLite() takes a Vega-Lite specification object (plain JSON)');
  return richOutput({ 'application/vnd.vegalite.v5+json': checked.data, 'text/plain': '[Vega-Lite chart]' });
}
export function image(source: TensorLike | ImageDataLike): RichOutput {
  const size = isTensorLike(source) ? `${source.shape[1]}×${source.shape[0]}` : `${source.width}×${source.height}`;
  return richOutput({ 'image/png': imageToPngBase64(source), 'text/plain': `[image ${size}]` });
}

export interface Representation {
  data: MimeBundle;
  metadata: Record<string, JsonValue>;
}

export function isRichOutput(value: unknown): value is RichOutput {
  return typeof value === 'object' && value !== null && 'mimeBundle' in value && typeof value.mimeBundle === 'object' && value.mimeBundle !== null;
}

/** A representation now, and a better one later when the value has to be read asynchronously first. */
export interface PendingRepresentation {
  now: Representation;
  settled?: Promise<Representation>;
}

const text = (plain: string): Representation => ({ data: { 'text/plain': plain }, metadata: {} });

/**
 * As represent(), except for a tensor whose values cannot be read synchronously here (WebGPU in
 * Node has no OffscreenCanvas for its synchronous read): its header now, its values once read.
 */
export function representNow(value: unknown): PendingRepresentation {
  if (!isTensorLike(value) || value.isDisposed) return { now: represent(value) };
  try {
    return { now: text(formatTensor(value)) };
  } catch (error) {
    if (!value.data) throw error;
    const tensor = value;
    return { now: text(`${tensorHeader(tensor)} (reading its values…)`), settled: value.data().then((values) => text(formatTensor(tensor, values))) };
  }
}

/** Throws a TypeError for a RichOutput whose bundle is not a valid one (user-made). */
export function represent(value: unknown): Representation {
  if (isRichOutput(value)) {
    const checked = MimeBundle.safeParse(value.mimeBundle);
    if (!checked.success) throw new TypeError(`not a valid MIME bundle: ${checked.error.issues[0]?.path.join('.')}: ${checked.error.issues[0]?.message}`);
    return { data: checked.data, metadata: {} };
  }
  if (isTensorLike(value)) return text(formatTensor(value));
  if (isImageDataLike(value)) return { data: image(value).mimeBundle, metadata: {} };
  if (isLayersModelLike(value)) return { data: { 'text/plain': modelSummary(value) }, metadata: {} };
  if (isRecordArray(value)) {
    const table = formatTable(value);
    return { data: { 'text/html': table.html, 'text/plain': table.text }, metadata: {} };
  }
  const data: MimeBundle = { 'text/plain': inspect(value) };
  if (Array.isArray(value) || isPlainRecord(value)) {
    const json = jsonWithinBudget(value);
    if (json !== undefined) data['application/json'] = json;
  }
  return { data, metadata: {} };
}

interface LayersModelLike {
  summary(lineLength?: number, positions?: number[], printFn?: (message: string) => void): void;
  layers: unknown[];
}
function isLayersModelLike(value: unknown): value is LayersModelLike {
  return typeof value === 'object' && value !== null && 'summary' in value && typeof value.summary === 'function' && 'layers' in value && Array.isArray(value.layers);
}
function modelSummary(model: LayersModelLike): string {
  const lines: string[] = [];
  model.summary(undefined, undefined, (line) => lines.push(line));
  return lines.join('\n');
}

/** Plain JSON data (no class instances, no non-finite numbers) small enough to ship, else undefined. */
function jsonWithinBudget(value: unknown): JsonValue | undefined {
  const json = toJson(value);
  if (json === undefined) return undefined;
  return JSON.stringify(json).length <= JSON_CHARACTER_BUDGET ? json : undefined;
}

function toJson(value: unknown, depth = 0): JsonValue | undefined {
  if (depth > 50) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) {
    const items = value.map((item) => toJson(item, depth + 1));
    return items.every((item) => item !== undefined) ? (items as JsonValue[]) : undefined;
  }
  if (isPlainRecord(value)) {
    const entries = Object.entries(value).map(([key, item]) => [key, toJson(item, depth + 1)] as const);
    return entries.every(([, item]) => item !== undefined) ? (Object.fromEntries(entries) as JsonValue) : undefined;
  }
  return undefined;
}
