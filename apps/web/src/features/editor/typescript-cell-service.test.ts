import { beforeAll, describe, expect, it } from 'vitest';
import { CELL_GLOBALS_DTS } from '@cohort/kernel/cell-globals';
import type { MirrorModel } from 'monaco-editor/languages/features/typescript/tsWorker';
import { CellTypeScriptWorker } from './typescript-cell-service.ts';
import { cellModelUri, notebookCellsLib, type CellCode } from './typescript-cell-source.ts';
import { cellCompilerOptions } from './typescript-compiler-options.ts';
import { collectTypeLibrary, findNodeModules, type TypeLibrary } from './typescript-type-library.ts';

let library: TypeLibrary;
beforeAll(() => {
  library = collectTypeLibrary(findNodeModules(process.cwd()));
});

/** A notebook whose code cells all have editors (models), as the worker sees it through Monaco. */
function notebook(sources: string[]) {
  const cells: CellCode[] = sources.map((source, i) => ({ id: `cell${i + 1}`, source }));
  const models: MirrorModel[] = cells.map((cell) => {
    const uri = cellModelUri(cell.id, 1);
    return { uri: { path: new URL(uri).pathname, toString: () => uri }, version: 1, getValue: () => cell.source };
  });
  const worker = new CellTypeScriptWorker(
    { getMirrorModels: () => models },
    {
      compilerOptions: cellCompilerOptions,
      extraLibs: {
        'file:///cohort/cell-globals.d.ts': { content: CELL_GLOBALS_DTS, version: 1 },
        [notebookCellsLib]: { content: JSON.stringify(cells), version: 1 },
      },
    },
    Promise.resolve(library),
  );
  const file = (n: number) => cellModelUri(`cell${n}`, 1);
  /** Offset in cell `n` just after the first occurrence of `marker`. */
  const after = (n: number, marker: string) => sources[n - 1]!.indexOf(marker) + marker.length;
  const diagnostics = async (n: number) => [
    ...(await worker.getSyntacticDiagnostics(file(n))),
    ...(await worker.getSemanticDiagnostics(file(n))),
    ...(await worker.getSuggestionDiagnostics(file(n))),
  ].map((d) => ({ code: d.code, start: d.start, text: sources[n - 1]!.slice(d.start, d.start! + d.length!) }));
  return { worker, file, after, diagnostics };
}

const tfCell = 'import * as tf from "@tensorflow/tfjs";\nconst xs = tf.tensor2d([[1, 2]]);';

describe('TypeScript in notebook cells', () => {
  it('completes the tensor methods of a tensor declared in an earlier cell', async () => {
    const { worker, file, after } = notebook([tfCell, 'xs.']);
    const completions = await worker.getCompletionsAtPosition(file(2), after(2, 'xs.'));
    const names = completions!.entries.map((entry) => entry.name);
    expect(names).toEqual(expect.arrayContaining(['reshape', 'matMul', 'dataSync', 'shape']));
  });

  it('hovers tf.sequential with its signature from the TensorFlow.js declarations, at the cell’s own position', async () => {
    const source = 'const model = tf.sequential();';
    const { worker, file, after } = notebook([tfCell, source]);
    const info = await worker.getQuickInfoAtPosition(file(2), after(2, 'tf.seq'));
    const text = info!.displayParts!.map((part) => part.text).join('');
    expect(text).toContain('sequential(config?: tf.SequentialArgs): tf.Sequential');
    expect(info!.textSpan).toEqual({ start: source.indexOf('sequential'), length: 'sequential'.length });
  });

  it('reports a type error where it is in the cell, and nothing from the cells above', async () => {
    const source = 'const ok = xs.shape;\nconst n: number = "a";';
    const { diagnostics } = notebook(['const broken: string = 1;', tfCell, source]);
    expect(await diagnostics(3)).toEqual([{ code: 2322, start: source.indexOf('n:'), text: 'n' }]);
  });

  it('accepts what notebooks do: re-declaring and re-importing names of earlier cells, top-level await, a last expression as the value', async () => {
    const source = 'import * as tf from "@tensorflow/tfjs";\nconst xs = tf.ones([2]);\nfunction f() {}\nconst data = await Promise.resolve(1);\nxs';
    const { diagnostics } = notebook([`${tfCell}\nfunction f() {}`, source]);
    expect(await diagnostics(2)).toEqual([]);
  });

  it('still reports a name declared twice within one cell', async () => {
    const { diagnostics } = notebook(['const a = 1;\nconst a = 2;']);
    expect((await diagnostics(1)).map((d) => d.code)).toEqual([2451, 2451]);
  });

  it('knows nothing of cells below, and shows the signature of display() from the kernel globals', async () => {
    const { worker, file, after, diagnostics } = notebook(['display(later', 'const later = 1;']);
    const help = await worker.getSignatureHelpItems(file(1), after(1, 'display('), undefined);
    const item = help!.items[0]!;
    const label = [...item.prefixDisplayParts, ...item.parameters.flatMap((p) => p.displayParts), ...item.suffixDisplayParts].map((part) => part.text).join('');
    expect(label).toBe('display(value: unknown): DisplayHandle');
    expect(await diagnostics(1)).toContainEqual(expect.objectContaining({ code: 2304, text: 'later' }));
  });

  it('leaves out an earlier cell with a syntax error (being typed) instead of breaking every cell below it', async () => {
    const { worker, file, after, diagnostics } = notebook([tfCell, 'const half = {', 'xs.']);
    const completions = await worker.getCompletionsAtPosition(file(3), after(3, 'xs.'));
    expect(completions!.entries.map((entry) => entry.name)).toContain('reshape');
    expect(await diagnostics(3)).toEqual([expect.objectContaining({ code: 1003 })]); // only "Identifier expected" after the dot
  });
});
