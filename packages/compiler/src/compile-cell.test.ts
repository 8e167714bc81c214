import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { compileCell } from './compile-cell.ts';
import { originalPosition } from './original-position.ts';
import type { CompiledCell } from './types.ts';

const fakeTfjs = Object.freeze({ version: '4.22.0', tensor: (values: number[]) => ({ values }), sum: (values: number[]) => values.reduce((a, b) => a + b, 0) });
const withDefault = Object.freeze({ default: { kind: 'default export' }, helper: () => 'helper' });
const modules: Record<string, object> = { '@tensorflow/tfjs': fakeTfjs, 'with-default': withDefault };

/** A kernel realm as the runtime sets it up: a fresh global with `__cohort.import`. */
function createRealm() {
  const imported: string[] = [];
  const context = vm.createContext({});
  vm.runInContext('globalThis.__cohort = {}', context);
  (vm.runInContext('__cohort', context) as { import: unknown }).import = async (specifier: string) => {
    imported.push(specifier);
    const module = modules[specifier];
    if (!module) throw new Error(`no module ${specifier}`);
    return module;
  };
  let cellCount = 0;
  return {
    imported,
    global: (name: string): unknown => vm.runInContext(`globalThis[${JSON.stringify(name)}]`, context),
    compile(source: string): CompiledCell {
      const result = compileCell(source, { fileName: `cell-${++cellCount}.ts`, modules: Object.keys(modules) });
      if (!result.ok) throw new Error(`compile errors: ${JSON.stringify(result.errors)}`);
      return result;
    },
    evaluate(cell: CompiledCell): Promise<{ value: unknown } | undefined> {
      // The script's name as well as its sourceURL: Vitest formats stacks from script names.
      const filename = cell.code.match(/\/\/# sourceURL=(.*)$/)![1]!;
      return vm.runInContext(cell.code, context, { filename }) as Promise<{ value: unknown } | undefined>;
    },
    run(source: string) {
      return this.evaluate(this.compile(source));
    },
  };
}

/** The 1-based line and column of the first occurrence of `needle` in `source`. */
function positionOf(source: string, needle: string) {
  const offset = source.indexOf(needle);
  if (offset < 0) throw new Error(`${needle} not in source`);
  const before = source.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** Runs a cell that throws and maps the first stack frame naming the cell back to its TypeScript source. */
async function thrownAt(source: string) {
  const realm = createRealm();
  const cell = realm.compile(source);
  const fileName = cell.code.match(/\/\/# sourceURL=(.*)$/)![1]!;
  const error = (await realm.evaluate(cell).then(
    () => expect.fail('the cell did not throw'),
    (thrown: unknown) => thrown,
  )) as Error;
  const frame = error.stack!.split('\n').find((line) => line.includes(fileName))!;
  const [, line, column] = frame.match(/:(\d+):(\d+)\)?$/)!;
  return originalPosition(cell, Number(line), Number(column));
}

describe('compileCell: running compiled cells in one realm', () => {
  it('top-level declarations of every kind persist on globalThis and later cells use them by name', async () => {
    const realm = createRealm();
    await realm.run(`
      const rate: number = 0.5;
      let { epochs, shape: [rows, columns] } = { epochs: 3, shape: [4, 2] };
      var label = 'iris';
      export function scale(x: number): number { return x * rate; }
      class Point { constructor(public_x: number) {} }
    `);
    expect(await realm.run('[rate, epochs, rows, columns, label, scale(4), new Point(1) instanceof Point]')).toEqual({
      value: [0.5, 3, 4, 2, 'iris', 2, true],
    });
    expect(realm.global('rate')).toBe(0.5);
  });

  it('re-running a cell rebinds its names instead of failing with "already declared"', async () => {
    const realm = createRealm();
    const cell = realm.compile('const seed = Math.random(); class Model {}; seed');
    const first = await realm.evaluate(cell);
    const second = await realm.evaluate(cell);
    expect(second!.value).not.toBe(first!.value);
    expect(realm.global('seed')).toBe(second!.value);
  });

  it('a function declared in one cell is hoisted within it and callable from the next; it sees later reassignments', async () => {
    const realm = createRealm();
    expect(await realm.run('let count = 0;\nconst early = double(2);\nfunction double(x: number) { count++; return 2 * x; }\nearly')).toEqual({ value: 4 });
    expect(await realm.run('double(5); count')).toEqual({ value: 2 });
  });

  it('names declared inside functions and blocks stay local to the cell', async () => {
    const realm = createRealm();
    await realm.run('function f() { const inner = 1; return inner; }\n{ let blockScoped = 2; }\nfor (const item of [1]) {}\nf();');
    expect(await realm.run('[typeof inner, typeof blockScoped, typeof item]')).toEqual({ value: ['undefined', 'undefined', 'undefined'] });
  });

  it('imports of each kind bind module values through __cohort.import; type-only imports load nothing', async () => {
    const realm = createRealm();
    await realm.run(`
      import * as tf from '@tensorflow/tfjs';
      import { tensor, sum as total, type Tensor } from '@tensorflow/tfjs';
      import tfDefault from '@tensorflow/tfjs';
      import withDefaultExport, { helper } from 'with-default';
      import type { Rank } from '@tensorflow/tfjs';
      import '@tensorflow/tfjs';
    `);
    expect(await realm.run('[tf.version, tensor([1]), total([1, 2]), tfDefault === tf, withDefaultExport, helper()]')).toEqual({
      value: ['4.22.0', { values: [1] }, 3, true, { kind: 'default export' }, 'helper'],
    });
    expect(realm.imported).toEqual(['@tensorflow/tfjs', '@tensorflow/tfjs', '@tensorflow/tfjs', 'with-default', '@tensorflow/tfjs']);
  });

  it('dynamic import() of a provided module goes through __cohort.import', async () => {
    const realm = createRealm();
    expect(await realm.run('const { version } = await import("@tensorflow/tfjs"); version')).toEqual({ value: '4.22.0' });
    expect(realm.imported).toEqual(['@tensorflow/tfjs']);
  });

  it('top-level await and for await work, including in the last expression', async () => {
    const realm = createRealm();
    const result = await realm.run(`
      async function* countTo(n: number) { for (let i = 1; i <= n; i++) yield i; }
      let sum = 0;
      for await (const i of countTo(3)) sum += i;
      await new Promise((resolve) => resolve(1));
      sum + (await Promise.resolve(10))
    `);
    expect(result).toEqual({ value: 16 });
  });

  it('the last expression statement is the value, with or without a trailing semicolon or comment', async () => {
    const realm = createRealm();
    expect(await realm.run('1 + 1')).toEqual({ value: 2 });
    expect(await realm.run('const a = 2;\na * 3;')).toEqual({ value: 6 });
    expect(await realm.run('"x", "y" // comma expression\n')).toEqual({ value: 'y' });
    expect(await realm.run('const b = 1;\nb;\ninterface Erased { x: number }\n;')).toEqual({ value: 1 });
  });

  it('a cell ending in a declaration, loop or if, or holding only comments, resolves to undefined', async () => {
    const realm = createRealm();
    for (const source of ['const c = 1;', 'function g() {}', 'for (let i = 0; i < 2; i++) {}', 'if (true) { 1; }', '// nothing\n/* here */', '']) {
      expect(await realm.run(source)).toBeUndefined();
    }
  });

  it('runs in strict mode with globalThis as the top-level this', async () => {
    const realm = createRealm();
    await expect(realm.run('undeclaredName = 1')).rejects.toThrow(/undeclaredName is not defined/);
    expect(await realm.run('this === globalThis')).toEqual({ value: true });
  });

  it("a declaration replaces a read-only property of the realm's global (a Worker's `name`)", async () => {
    const realm = createRealm();
    await realm.run('Object.defineProperty(globalThis, "name", { get: () => "worker", configurable: true })');
    expect(await realm.run('const name = "iris"; name')).toEqual({ value: 'iris' });
  });
});

describe('originalPosition: runtime errors map back to the TypeScript source', () => {
  it('an error thrown at the top level of the first line', async () => {
    const source = 'import * as tf from "@tensorflow/tfjs"; throw new Error("first line")';
    expect(await thrownAt(source)).toEqual(positionOf(source, 'new Error'));
  });

  it('an error thrown inside nested functions, after multi-line type annotations that were erased', async () => {
    const source = [
      'interface TrainingOptions {',
      '  epochs: number;',
      '}',
      'const options: {',
      '  epochs: number;',
      '  rate: number;',
      '} = { epochs: 2, rate: 0.1 };',
      'function train(settings: TrainingOptions,',
      '               extra: Record<string,',
      '                 number>): number {',
      '  const step = <T,>(value: T): T => {',
      '    if (settings.epochs > 1) throw new Error("diverged");',
      '    return value;',
      '  };',
      '  return step(settings.epochs as number)!;',
      '}',
      'train(options, {});',
    ].join('\n');
    expect(await thrownAt(source)).toEqual(positionOf(source, 'new Error'));
  });

  it('an error thrown on a line whose columns moved (class declaration rewritten to an assignment)', async () => {
    const source = 'const x = 1;\nclass Boom { constructor() { throw new Error("in constructor"); } }; new Boom();';
    expect(await thrownAt(source)).toEqual(positionOf(source, 'new Error'));
  });

  it('an error thrown after a multi-line import maps to its own line', async () => {
    const source = 'import {\n  tensor,\n  sum,\n} from "@tensorflow/tfjs"; const s = sum([1]); throw new Error(`after ${s}`);';
    expect(await thrownAt(source)).toEqual(positionOf(source, 'new Error'));
  });

  it('wrapper code maps to no source', () => {
    const cell = createRealm().compile('const a = 1;');
    expect(originalPosition(cell, 1, 1)).toBeNull();
    expect(originalPosition(cell, cell.code.split('\n').length, 1)).toBeNull();
  });
});

describe('compileCell: compile errors', () => {
  const compile = (source: string) => compileCell(source, { fileName: 'cell.ts', modules: ['@tensorflow/tfjs', 'danfojs'] });

  it('an import of a module the kernel does not provide names the module and the ones it provides', () => {
    expect(compile('const a = 1;\n  import _ from "lodash";')).toEqual({
      ok: false,
      errors: [{ message: 'Cannot import "lodash": this kernel provides @tensorflow/tfjs, danfojs', line: 2, column: 3 }],
    });
    for (const specifier of ['./helpers', 'node:fs']) {
      expect(compile(`const m = await import("${specifier}");`)).toMatchObject({ ok: false, errors: [{ message: expect.stringContaining(`Cannot import "${specifier}"`) }] });
    }
  });

  it('a syntax error is reported at its line and column', () => {
    expect(compile('const ok = 1;\nconst broken = (1 + ;')).toMatchObject({ ok: false, errors: [{ message: 'Expression expected.', line: 2, column: 21 }] });
  });

  it('a type error never blocks a run', () => {
    expect(compile('const n: number = "not a number"; n.toFixed(2)').ok).toBe(true);
  });

  it('TypeScript without an erasable form, top-level return and redeclarations are errors', () => {
    const messageOf = (source: string) => {
      const result = compile(source);
      return result.ok ? 'compiled' : result.errors.map((error) => error.message).join('\n');
    };
    expect(messageOf('enum Color { Red }')).toMatch(/^enum is not supported/);
    expect(messageOf('namespace Util { export const a = 1; }')).toMatch(/^namespace is not supported/);
    expect(messageOf('class A { constructor(private x: number) {} }')).toMatch(/^parameter properties are not supported/);
    expect(messageOf('return 1;')).toMatch(/^return is only allowed inside a function/);
    expect(messageOf('const a = 1;\nlet a = 2;')).toBe("Cannot redeclare 'a' in the same cell");
  });
});
