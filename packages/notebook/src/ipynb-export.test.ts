import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { counterIds } from '../test-support/peers.ts';
import { fixtureNames, readFixture, schemaErrors } from '../test-support/nbformat-schema.ts';
import { ORIGIN, type NotebookContent } from './api.ts';
import { exportIpynb } from './ipynb-export.ts';
import { importIpynb } from './ipynb-import.ts';
import { openNotebook, seedNotebook } from './notebook.ts';

function imported(json: unknown): NotebookContent {
  const result = importIpynb(json, { idFactory: counterIds('new') });
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors)}`);
  return result.notebook;
}

/** .ipynb -> content -> a seeded Y.Doc -> content read back from the doc. */
function throughDocument(content: NotebookContent): NotebookContent {
  const doc = new Y.Doc();
  seedNotebook(doc, content, ORIGIN.import);
  return openNotebook(doc).toJSON();
}

describe('exportIpynb', () => {
  it('the schema check itself rejects an invalid notebook', () => {
    expect(schemaErrors({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'code', source: '' }] })).not.toEqual([]);
  });

  for (const name of fixtureNames) {
    it(`round trips ${name} through a document: cells, ids, outputs, metadata and attachments kept, export valid`, () => {
      const content = imported(readFixture(name));
      const exported = exportIpynb(throughDocument(content));
      expect(schemaErrors(exported)).toEqual([]);
      const again = imported(exported);
      expect(again).toEqual(content);
      expect(exportIpynb(throughDocument(again))).toEqual(exported);
    });
  }

  it('writes nbformat 4.5 with the TypeScript kernelspec and language_info, text as lines, keys sorted', () => {
    const exported = exportIpynb(throughDocument(imported(readFixture('nbformat-4.5.ipynb'))));
    expect(exported.nbformat).toBe(4);
    expect(exported.nbformat_minor).toBe(5);
    expect(exported.metadata).toEqual({
      authors: [{ name: 'Ana' }],
      kernelspec: { name: 'typescript', display_name: 'TypeScript', language: 'typescript' },
      language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' },
      title: 'Housing regression',
    });
    const fixtureCells = (readFixture('nbformat-4.5.ipynb') as { cells: unknown[] }).cells;
    // The fixture writes lists of lines except where noted; export writes lines everywhere.
    expect(exported.cells[1]).toEqual(fixtureCells[1]);
    expect(exported.cells[3]).toEqual(fixtureCells[3]);
    expect(exported.cells[0]).toMatchObject({ source: ['# Linear regression on housing.csv\n', '\n', 'We fit `price ~ rooms` with one dense layer.'] });
    expect(Object.keys(exported.cells[1] ?? {})).toEqual(['cell_type', 'execution_count', 'id', 'metadata', 'outputs', 'source']);
  });

  it('exports a notebook built by operations, leaving out display ids and metadata the schema rejects', () => {
    const doc = new Y.Doc();
    seedNotebook(doc, { title: 'Scratch' }, ORIGIN.server);
    const notebook = openNotebook(doc, { idFactory: counterIds('c') });
    const code = notebook.insertCell(0, { type: 'code', source: 'display(plot)\n1 + 1' }, ORIGIN.user);
    notebook.appendOutput(code, { output_type: 'display_data', data: { 'text/plain': 'plot' }, metadata: {}, transient: { display_id: 'd1' } }, ORIGIN.kernel);
    notebook.appendOutput(code, { output_type: 'execute_result', execution_count: 1, data: { 'text/plain': '2' }, metadata: {} }, ORIGIN.kernel);
    notebook.setExecutionCount(code, 1, ORIGIN.kernel);
    notebook.setCellMetadata(code, 'tags', ['a,b'], ORIGIN.user);
    notebook.setCellMetadata(code, 'colab', { id: 'xyz' }, ORIGIN.user);
    notebook.insertCell(1, { type: 'markdown', source: '' }, ORIGIN.user);
    notebook.setMetadata('kernelspec', { name: 'python3' }, ORIGIN.user);

    const exported = exportIpynb(notebook.toJSON());
    expect(schemaErrors(exported)).toEqual([]);
    expect(exported.cells).toEqual([
      {
        cell_type: 'code',
        execution_count: 1,
        id: 'c-1',
        metadata: { colab: { id: 'xyz' } },
        outputs: [
          { data: { 'text/plain': ['plot'] }, metadata: {}, output_type: 'display_data' },
          { data: { 'text/plain': ['2'] }, execution_count: 1, metadata: {}, output_type: 'execute_result' },
        ],
        source: ['display(plot)\n', '1 + 1'],
      },
      { cell_type: 'markdown', id: 'c-2', metadata: {}, source: [] },
    ]);
    expect(exported.metadata['kernelspec']).toEqual({ name: 'typescript', display_name: 'TypeScript', language: 'typescript' });
  });

  it('exports an empty notebook validly', () => {
    expect(schemaErrors(exportIpynb({ title: '', runtime: 'browser', metadata: {}, cells: [] }))).toEqual([]);
  });
});
