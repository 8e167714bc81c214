/** Images (tensors and ImageData) as base64 PNG, the `image/png` of a MIME bundle. */
import { encode } from 'fast-png';
import { bytesToBase64 } from './base64.ts';
import { isTensorLike, tensorHeader, type TensorLike } from './format-tensor.ts';

/** What a canvas gives (the DOM's ImageData), duck-typed: Workers and Node have no DOM class. */
export interface ImageDataLike {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

export function isImageDataLike(value: unknown): value is ImageDataLike {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof ImageDataLike, unknown>>;
  return (
    Number.isInteger(candidate.width) &&
    Number.isInteger(candidate.height) &&
    candidate.data instanceof Uint8ClampedArray &&
    candidate.data.length === (candidate.width as number) * (candidate.height as number) * 4
  );
}

/** Base64 PNG of an ImageData or an image tensor; throws a TypeError naming what is wrong with the tensor. */
export function imageToPngBase64(source: TensorLike | ImageDataLike): string {
  if (isImageDataLike(source)) {
    return encodePng(source.width, source.height, 4, new Uint8Array(source.data.buffer, source.data.byteOffset, source.data.length));
  }
  if (!isTensorLike(source)) throw new TypeError('image() takes an image tensor or ImageData');
  const [height, width, channels = 1] = source.shape;
  const rankOk = source.shape.length === 2 || source.shape.length === 3;
  if (!rankOk || height === undefined || width === undefined || ![1, 3, 4].includes(channels)) {
    throw new TypeError(`image() takes a [height, width] or [height, width, 1 | 3 | 4] tensor, got ${tensorHeader(source)}`);
  }
  if (source.dtype !== 'float32' && source.dtype !== 'int32' && source.dtype !== 'bool') {
    throw new TypeError(`image() takes a float32, int32 or bool tensor, got ${source.dtype}`);
  }
  // Floats (and booleans) are 0–1, integers 0–255, as tf.browser.toPixels reads them.
  const scale = source.dtype === 'int32' ? 1 : 255;
  const values = source.dataSync() as ArrayLike<number>;
  const bytes = new Uint8Array(values.length);
  for (let index = 0; index < values.length; index++) {
    bytes[index] = Math.round(Math.min(255, Math.max(0, Number(values[index]) * scale)));
  }
  return encodePng(width, height, channels, bytes);
}

function encodePng(width: number, height: number, channels: number, data: Uint8Array): string {
  return bytesToBase64(encode({ width, height, channels, depth: 8, data }));
}
