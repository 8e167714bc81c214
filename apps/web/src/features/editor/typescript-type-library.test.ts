import { describe, expect, it } from 'vitest';
import { collectTypeLibrary, findNodeModules } from './typescript-type-library.ts';

describe('the TensorFlow.js type library served to the editor', () => {
  const library = collectTypeLibrary(findNodeModules(process.cwd()));
  const paths = Object.keys(library.files);

  it('holds the declarations tfjs re-exports (core, layers, converter, data, backends) and their package entries', () => {
    expect(paths).toEqual(
      expect.arrayContaining([
        '@tensorflow/tfjs/package.json',
        '@tensorflow/tfjs/dist/index.d.ts',
        '@tensorflow/tfjs-core/dist/tensor.d.ts',
        '@tensorflow/tfjs-layers/dist/models.d.ts',
        '@tensorflow/tfjs-converter/dist/index.d.ts',
        '@tensorflow/tfjs-data/dist/index.d.ts',
        '@tensorflow/tfjs-backend-webgpu/dist/index.d.ts',
        '@tensorflow/tfjs-backend-wasm/dist/index.d.ts',
      ]),
    );
    expect(JSON.parse(library.files['@tensorflow/tfjs-core/package.json']!)).toEqual({ name: '@tensorflow/tfjs-core', types: 'dist/index.d.ts' });
  });

  it('loads the global types tfjs relies on and leaves out what no import reaches (tests, JavaScript)', () => {
    expect(library.globals).toEqual(expect.arrayContaining(['@types/long/index.d.ts', '@webgpu/types/dist/index.d.ts']));
    expect(paths.filter((path) => path.endsWith('_test.d.ts') || path.endsWith('.js'))).toEqual([]);
  });
});
