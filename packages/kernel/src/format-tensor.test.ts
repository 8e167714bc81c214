import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatTensor } from './format-tensor.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('formatTensor (KERNEL-DISPLAY-1)', () => {
  it('prints a small matrix like numpy, with dtype and shape', () => {
    expect(formatTensor(tf.tensor2d([[1, 2, 3], [4, 5, 6]]))).toBe('Tensor float32 [2, 3]\n[[1, 2, 3],\n [4, 5, 6]]');
  });

  it('aligns values to one width and one number of decimals', () => {
    expect(formatTensor(tf.tensor1d([1.5, -20, 0.25]))).toBe('Tensor float32 [3]\n[  1.50, -20.00,   0.25]');
    expect(formatTensor(tf.tensor1d([10, 200], 'int32'))).toBe('Tensor int32 [2]\n[ 10, 200]');
  });

  it('uses exponents for very large or very small magnitudes, and names NaN and Infinity', () => {
    expect(formatTensor(tf.tensor1d([1e9, 2.5]))).toBe('Tensor float32 [2]\n[1.0000e+9, 2.5000e+0]');
    expect(formatTensor(tf.tensor1d([NaN, Infinity, 1]))).toBe('Tensor float32 [3]\n[     NaN, Infinity,        1]');
  });

  it('separates 2-D blocks of a 3-D tensor by a blank line, as numpy does', () => {
    expect(formatTensor(tf.range(0, 8, 1, 'int32').reshape([2, 2, 2]))).toBe(
      'Tensor int32 [2, 2, 2]\n[[[0, 1],\n  [2, 3]],\n\n [[4, 5],\n  [6, 7]]]',
    );
  });

  it('prints scalars, booleans and strings', () => {
    expect(formatTensor(tf.scalar(3.25))).toBe('Tensor float32 []\n3.25');
    expect(formatTensor(tf.tensor1d([true, false], 'bool'))).toBe('Tensor bool [2]\n[ true, false]');
    expect(formatTensor(tf.tensor1d(['a', 'b"c'], 'string'))).toBe('Tensor string [2]\n[   "a", "b\\"c"]');
  });

  it('abbreviates beyond 1,000 elements to the first and last 3 entries of each axis', () => {
    expect(formatTensor(tf.range(0, 1001, 1, 'int32'))).toBe('Tensor int32 [1001]\n[   0,    1,    2, ...,  998,  999, 1000]');
    expect(formatTensor(tf.range(0, 2000, 1, 'int32').reshape([40, 50]))).toBe(
      [
        'Tensor int32 [40, 50]',
        '[[   0,    1,    2, ...,   47,   48,   49],',
        ' [  50,   51,   52, ...,   97,   98,   99],',
        ' [ 100,  101,  102, ...,  147,  148,  149],',
        ' ...,',
        ' [1850, 1851, 1852, ..., 1897, 1898, 1899],',
        ' [1900, 1901, 1902, ..., 1947, 1948, 1949],',
        ' [1950, 1951, 1952, ..., 1997, 1998, 1999]]',
      ].join('\n'),
    );
  });

  it('keeps all elements up to 1,000', () => {
    const text = formatTensor(tf.range(0, 1000, 1, 'int32'));
    expect(text).not.toContain('...');
    expect(text).toContain(' 999]');
  });

  it('says a disposed tensor is disposed instead of throwing', () => {
    const tensor = tf.tensor1d([1]);
    tensor.dispose();
    expect(formatTensor(tensor)).toBe('Tensor float32 [1] (disposed)');
  });
});
