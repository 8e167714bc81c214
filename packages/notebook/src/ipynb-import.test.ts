import { describe, expect, it } from 'vitest';
import { counterIds } from '../test-support/peers.ts';
import { readFixture, schemaErrors } from '../test-support/nbformat-schema.ts';
import type { ContentError, ImportResult, NotebookContent } from './api.ts';
import { importIpynb } from './ipynb-import.ts';

function imported(json: unknown): NotebookContent {
  const result = importIpynb(json, { idFactory: counterIds('new') });
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors)}`);
  return result.notebook;
}

function errorsOf(result: ImportResult): ContentError[] {
  if (result.ok) throw new Error('expected the import to fail');
  return result.errors;
}

const code = (extra: Record<string, unknown> = {}) => ({ cell_type: 'code', metadata: {}, source: '1', outputs: [], execution_count: null, ...extra });
const notebook = (cells: unknown[], extra: Record<string, unknown> = {}) => ({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells, ...extra });

describe('importIpynb', () => {
  it('reads nbformat 4.0: ids created, line lists joined, outputs kept, kernelspec dropped', () => {
    const content = imported(readFixture('nbformat-4.0.ipynb'));
    expect(content.cells.map((cell) => [cell.id, cell.cell_type])).toEqual([
      ['new-1', 'markdown'],
      ['new-2', 'code'],
      ['new-3', 'code'],
      ['new-4', 'code'],
      ['new-5', 'raw'],
    ]);
    expect(content.cells[0]?.source).toBe('# Tensors in TypeScript\n\nA first look at `tf.tensor`.');
    expect(content.cells[1]).toMatchObject({
      metadata: { collapsed: false },
      execution_count: 1,
      outputs: [{ output_type: 'stream', name: 'stdout', text: 'shape: [2,2]\ndtype: float32\n' }],
    });
    expect(content.cells[2]).toMatchObject({
      outputs: [{ output_type: 'execute_result', execution_count: 2, metadata: {}, data: { 'text/plain': 'Tensor\n    [[1, 4 ],\n     [9, 16]]' } }],
    });
    expect(content.cells[3]).toMatchObject({ outputs: [{ output_type: 'error', ename: 'Error' }] });
    expect(content.metadata).toEqual({});
    expect(content.title).toBe('');
  });

  it('reads nbformat 4.4: attachments, images, HTML, JSON data and other metadata kept', () => {
    const content = imported(readFixture('nbformat-4.4.ipynb'));
    expect(content.cells[0]).toMatchObject({
      cell_type: 'markdown',
      metadata: { tags: ['intro'] },
      attachments: { 'lenet.png': { 'image/png': expect.stringMatching(/^iVBOR/) } },
    });
    const training = content.cells[1];
    if (training?.cell_type !== 'code') throw new Error('expected a code cell');
    expect(training.metadata).toEqual({ scrolled: 'auto', tags: ['training'] });
    expect(training.outputs.map((output) => output.output_type)).toEqual(['stream', 'stream', 'display_data', 'display_data']);
    expect(training.outputs[2]).toMatchObject({ metadata: { 'image/png': { width: 320, height: 240 } }, data: { 'text/plain': '<Figure: loss curve>' } });
    expect(training.outputs[3]).toMatchObject({ data: { 'text/html': expect.stringContaining('<tr><td>2</td><td>0.1302</td></tr>\n</table>') } });
    expect(content.cells[2]).toMatchObject({ outputs: [{ data: { 'application/json': { loss: 0.1302, accuracy: 0.9615 } } }] });
    expect(content.cells[3]).toEqual({ id: 'new-4', cell_type: 'code', source: '', metadata: {}, outputs: [], execution_count: null });
    expect(content.metadata).toEqual({ toc: { base_numbering: 1, nav_menu: {}, number_sections: true } });
  });

  it('reads nbformat 4.5: ids, title and authors kept', () => {
    const fixture = readFixture('nbformat-4.5.ipynb');
    expect(schemaErrors(fixture)).toEqual([]);
    const content = imported(fixture);
    expect(content.cells.map((cell) => cell.id)).toEqual(['intro-cell', 'load_data', '8f2c5e1a-3b7d-4c21-9e0f-6a1d2b3c4d5e', 'latex-appendix']);
    expect(content.title).toBe('Housing regression');
    expect(content.metadata).toEqual({ authors: [{ name: 'Ana' }] });
    expect(content.cells[1]).toMatchObject({
      metadata: { name: 'load-data', tags: ['data', 'setup'] },
      outputs: [{ data: { 'application/vnd.vegalite.v5+json': { mark: 'point' } } }, { output_type: 'execute_result' }],
    });
    expect(content.cells[3]).toMatchObject({ cell_type: 'raw', metadata: { format: 'text/latex' }, attachments: { 'formula.svg': { 'image/svg+xml': expect.stringContaining('y = wx + b') } } });
  });

  it('gives new ids to cells whose id is invalid or repeated, never reusing an id from the file', () => {
    const content = imported(
      notebook([code({ id: 'new-1' }), code({ id: 'not valid!' }), code({ id: 'new-1' }), code({ id: 'x'.repeat(65) }), code({ id: 'new-2' })]),
    );
    expect(content.cells.map((cell) => cell.id)).toEqual(['new-1', 'new-3', 'new-4', 'new-5', 'new-2']);
  });

  it('uses the title option when the file has none', () => {
    expect(importIpynb(notebook([]), { title: 'cnn-mnist' })).toMatchObject({ ok: true, notebook: { title: 'cnn-mnist', cells: [] } });
  });

  it('turns Windows and old Mac line endings in sources into \\n', () => {
    const cells = imported(notebook([code({ source: ['a = 1\r\n', 'b = 2\r', 'c = 3'] })])).cells;
    expect(cells[0]!.source).toBe('a = 1\nb = 2\nc = 3');
  });

  it('refuses what is not a notebook object, at the root path', () => {
    for (const input of [null, 'notebook', 42, [], undefined]) {
      expect(errorsOf(importIpynb(input))).toEqual([{ path: '', message: expect.stringContaining('object') }]);
    }
  });

  it('refuses nbformat 3 and other majors, at /nbformat', () => {
    expect(errorsOf(importIpynb({ nbformat: 3, nbformat_minor: 0, worksheets: [], metadata: {} }))).toEqual([
      { path: '/nbformat', message: 'expected nbformat 4 (4.0 to 4.5), found 3' },
    ]);
    expect(errorsOf(importIpynb({ cells: [] }))[0]?.path).toBe('/nbformat');
  });

  it('refuses cells that are not an array, at /cells', () => {
    expect(errorsOf(importIpynb(notebook([], { cells: { 0: code() } })))).toEqual([{ path: '/cells', message: 'expected an array of cells' }]);
  });

  it('refuses a cell without cell_type or with an unknown one, at its path', () => {
    const errors = errorsOf(importIpynb(notebook([code(), { metadata: {}, source: 'x' }, { cell_type: 'heading', metadata: {}, source: 'x' }, 'cell'])));
    expect(errors).toEqual([
      { path: '/cells/1/cell_type', message: 'expected cell_type code, markdown, raw; found none' },
      { path: '/cells/2/cell_type', message: 'expected cell_type code, markdown, raw; found "heading"' },
      { path: '/cells/3', message: 'expected a cell object' },
    ]);
  });

  it('refuses a bad output_type, at the output path', () => {
    const errors = errorsOf(importIpynb(notebook([code(), code({ outputs: [{ output_type: 'stream', name: 'stdout', text: 'ok' }, { output_type: 'pyout' }] })])));
    expect(errors).toEqual([{ path: '/cells/1/outputs/1/output_type', message: expect.stringContaining('unknown output_type "pyout"') }]);
  });

  it('names every bad field it finds, with JSON Pointer escaping', () => {
    const errors = errorsOf(
      importIpynb(
        notebook([
          { cell_type: 'markdown', metadata: { tags: ['a,b'] }, source: 7 },
          code({
            execution_count: -1,
            outputs: [
              { output_type: 'display_data', data: { 'text/plain': 5 }, metadata: {} },
              { output_type: 'error', ename: 'E', evalue: 'v', traceback: 'not a list' },
              { output_type: 'stream', text: 'no name' },
            ],
          }),
          { cell_type: 'raw', metadata: [], source: '', attachments: { 'a.png': 'nope' } },
        ], { metadata: { title: 1 } }),
      ),
    );
    expect(errors.map((error) => error.path)).toEqual([
      '/metadata/title',
      '/cells/0/source',
      '/cells/0/metadata/tags',
      '/cells/1/outputs/0/data/text~1plain',
      '/cells/1/outputs/1/traceback',
      '/cells/1/outputs/2/name',
      '/cells/1/execution_count',
      '/cells/2/metadata',
      '/cells/2/attachments/a.png',
    ]);
  });
});
