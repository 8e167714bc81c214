import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { compileCell } from '../src/index.ts';

// Golden files: each test/input/<case>.ts.txt compiles to test/output/<case>.js (the compiled code)
// or, when it does not compile, test/output/<case>.error.json. Run with UPDATE_GOLDEN=1 to write
// missing or changed outputs instead of failing; then read every changed output before committing.
// Inputs end in .txt so that the repository's type check (which includes packages/) skips them:
// they are cells, full of undeclared globals and, on purpose, syntax errors.
const inputDirectory = join(import.meta.dirname, 'input');
const outputDirectory = join(import.meta.dirname, 'output');
const update = process.env.UPDATE_GOLDEN === '1';
const options = { modules: ['@tensorflow/tfjs'] };

describe('compileCell golden files', () => {
  for (const input of readdirSync(inputDirectory).filter((name) => name.endsWith('.ts.txt'))) {
    const name = input.slice(0, -'.ts.txt'.length);
    it(`compiles ${input} as test/output records`, () => {
      const result = compileCell(readFileSync(join(inputDirectory, input), 'utf8'), { ...options, fileName: `${name}.ts` });
      const [outputName, actual] = result.ok ? [`${name}.js`, result.code] : [`${name}.error.json`, `${JSON.stringify(result.errors, null, 2)}\n`];
      const outputPath = join(outputDirectory, outputName);
      if (result.ok) expect(() => new vm.Script(result.code), 'the compiled code is valid JavaScript').not.toThrow();
      if (update && (!existsSync(outputPath) || readFileSync(outputPath, 'utf8') !== actual)) writeFileSync(outputPath, actual);
      expect(existsSync(outputPath), `${outputName} exists (UPDATE_GOLDEN=1 writes it)`).toBe(true);
      expect(actual).toBe(readFileSync(outputPath, 'utf8'));
    });
  }
});
