import * as tf from '@tensorflow/tfjs';
import { decode } from 'fast-png';
import { beforeAll, describe, expect, it } from 'vitest';
import { html, image, markdown, represent, richOutput, vegaLite } from './display.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const decodePng = (base64: unknown) => decode(Buffer.from(String(base64), 'base64'));

describe('represent (KERNEL-DISPLAY-1..5)', () => {
  it('shows a tensor as numpy-like text', () => {
    expect(represent(tf.tensor1d([1, 2])).data).toEqual({ 'text/plain': 'Tensor float32 [2]\n[1, 2]' });
  });

  it('shows arrays of records as an HTML table with a text fallback', () => {
    const { data } = represent([{ a: '<x>' }]);
    expect(data['text/html']).toContain('<td>&#60;x&#62;</td>');
    expect(data['text/plain']).toContain('<x>');
  });

  it('adds application/json for plain data, and not for class instances', () => {
    expect(represent({ a: [1, 2] }).data).toEqual({ 'text/plain': '{ a: [ 1, 2 ] }', 'application/json': { a: [1, 2] } });
    expect(represent('hi').data).toEqual({ 'text/plain': "'hi'" });
    expect(represent(new Map()).data['application/json']).toBeUndefined();
    expect(represent({ n: NaN }).data['application/json']).toBeUndefined();
  });

  it('uses a RichOutput bundle as it is, and refuses an invalid user-made bundle', () => {
    expect(represent(html('<b>x</b>')).data['text/html']).toBe('<b>x</b>');
    expect(represent(markdown('# T')).data['text/markdown']).toBe('# T');
    expect(represent(vegaLite({ mark: 'line' })).data['application/vnd.vegalite.v5+json']).toEqual({ mark: 'line' });
    expect(() => represent(richOutput({ 'image/png': 'not base64!' } as never))).toThrow(TypeError);
  });

  it('encodes a float image tensor (0–1) as a PNG with the right pixels (KERNEL-DISPLAY-3)', () => {
    const pixels = tf.tensor3d([[[1, 0, 0], [0, 1, 0]], [[0, 0, 1], [0.5, 0.5, 0.5]]]);
    const png = decodePng(image(pixels).mimeBundle['image/png']);
    expect([png.width, png.height, png.channels]).toEqual([2, 2, 3]);
    expect([...png.data]).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 128, 128, 128]);
  });

  it('encodes an int32 grayscale tensor (0–255, clamped) and ImageData as PNGs', () => {
    const gray = decodePng(image(tf.tensor2d([[0, 300]], [1, 2], 'int32')).mimeBundle['image/png']);
    expect([gray.width, gray.height, gray.channels, ...gray.data]).toEqual([2, 1, 1, 0, 255]);
    const imageData = { width: 1, height: 1, data: new Uint8ClampedArray([1, 2, 3, 4]) };
    const rgba = decodePng(represent(imageData).data['image/png']);
    expect([rgba.channels, ...rgba.data]).toEqual([4, 1, 2, 3, 4]);
  });

  it('refuses tensors that are not images, naming the shape', () => {
    expect(() => image(tf.zeros([2, 2, 2]))).toThrow('got Tensor float32 [2, 2, 2]');
  });
});
