import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { compileCell } from '../../src/index.ts';
import { corpusCells, corpusModules } from './index.ts';

describe('corpus of realistic cells', () => {
  it('has about thirty cells', () => {
    expect(corpusCells().length).toBeGreaterThanOrEqual(30);
  });

  for (const { name, source } of corpusCells()) {
    it(`${name} compiles to a script V8 parses`, () => {
      const result = compileCell(source, { fileName: name, modules: corpusModules });
      expect(result.ok ? [] : result.errors).toEqual([]);
      if (result.ok) expect(() => new vm.Script(result.code)).not.toThrow();
    });
  }
});
