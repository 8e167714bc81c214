/**
 * Tensors as text, the way numpy prints arrays: a header with dtype and shape, values aligned to
 * one width, blank lines between 2-D blocks, and beyond 1,000 elements only the first and last 3
 * entries of each axis with `...` between (numpy's threshold and edgeitems).
 */
export interface TensorLike {
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly isDisposed: boolean;
  dataSync(): ArrayLike<number | string | boolean | Uint8Array>;
  data?(): Promise<ArrayLike<number | string | boolean | Uint8Array>>;
}

const SUMMARY_THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const MAX_DECIMALS = 4;

/** Duck-typed, so tensors from another realm or another copy of tfjs are recognised too. */
export function isTensorLike(value: unknown): value is TensorLike {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof TensorLike, unknown>>;
  return Array.isArray(candidate.shape) && typeof candidate.dtype === 'string' && typeof candidate.dataSync === 'function';
}

export function tensorHeader(tensor: TensorLike): string {
  return `Tensor ${tensor.dtype} [${tensor.shape.join(', ')}]`;
}

/** `values`: read already (asynchronously, where a backend cannot read synchronously); default: dataSync(). */
export function formatTensor(tensor: TensorLike, values?: ArrayLike<number | string | boolean | Uint8Array>): string {
  if (tensor.isDisposed) return `${tensorHeader(tensor)} (disposed)`;
  const shape = tensor.shape;
  values ??= tensor.dataSync();
  const size = shape.reduce((product, length) => product * length, 1);
  const summarize = size > SUMMARY_THRESHOLD;
  const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((product, length) => product * length, 1));
  const shownIndices = (length: number): (number | null)[] =>
    summarize && length > 2 * EDGE_ITEMS
      ? [...range(0, EDGE_ITEMS), null, ...range(length - EDGE_ITEMS, length)]
      : range(0, length);

  const shownOffsets: number[] = [];
  const collect = (axis: number, offset: number): void => {
    if (axis === shape.length) {
      shownOffsets.push(offset);
      return;
    }
    for (const index of shownIndices(shape[axis]!)) if (index !== null) collect(axis + 1, offset + index * strides[axis]!);
  };
  collect(0, 0);
  const texts = formatElements(shownOffsets.map((offset) => values[offset]!), tensor.dtype);
  const width = Math.max(0, ...texts.map((text) => text.length));
  const textAt = new Map(shownOffsets.map((offset, index) => [offset, texts[index]!.padStart(width)]));

  const render = (axis: number, offset: number, indent: string): string => {
    if (axis === shape.length) return textAt.get(offset)!;
    const parts = shownIndices(shape[axis]!).map((index) =>
      index === null ? '...' : render(axis + 1, offset + index * strides[axis]!, `${indent} `),
    );
    const separator = axis === shape.length - 1 ? ', ' : `,${'\n'.repeat(shape.length - axis - 1)}${indent} `;
    return `[${parts.join(separator)}]`;
  };
  return `${tensorHeader(tensor)}\n${render(0, 0, '')}`;
}

function range(start: number, end: number): number[] {
  return Array.from({ length: Math.max(0, end - start) }, (_, index) => start + index);
}

/** One notation for all shown numbers, as numpy does: integers, fixed decimals, or exponents. */
function formatElements(values: (number | string | boolean | Uint8Array)[], dtype: string): string[] {
  if (dtype === 'string') {
    return values.map((value) => JSON.stringify(value instanceof Uint8Array ? new TextDecoder().decode(value) : String(value)));
  }
  if (dtype === 'bool') return values.map((value) => (value ? 'true' : 'false'));
  const numbers = values.map(Number);
  const finite = numbers.filter(Number.isFinite);
  const nonFinite = (value: number) => (Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity');
  const largest = Math.max(0, ...finite.map(Math.abs));
  const smallestNonZero = Math.min(Infinity, ...finite.filter((value) => value !== 0).map(Math.abs));
  let format: (value: number) => string;
  if (finite.every(Number.isInteger) && largest < 1e16) {
    format = String;
  } else if (largest >= 1e8 || smallestNonZero < 10 ** -MAX_DECIMALS) {
    format = (value) => value.toExponential(MAX_DECIMALS);
  } else {
    const decimals = Math.max(1, ...finite.map((value) => (value.toFixed(MAX_DECIMALS).replace(/0+$/, '').split('.')[1] ?? '').length));
    format = (value) => value.toFixed(decimals);
  }
  return numbers.map((value) => (Number.isFinite(value) ? format(value) : nonFinite(value)));
}
