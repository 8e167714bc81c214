/**
 * Compatibility fixtures: a Yjs document per schemaVersion, committed as a binary update, must
 * stay readable by the current code. The expected content below is written out by hand, not
 * computed, so a change to how documents are read shows up here.
 *
 * Regenerate (only while SCHEMA_VERSION is still that version):
 *   node --import tsx packages/notebook/test-support/write-compat-fixtures.ts
 */
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { buildSchemaV1, fixturePath } from '../test-support/compat-fixtures.ts';
import type { NotebookContent, RunRequest } from './api.ts';
import { openNotebook } from './notebook.ts';

const expectedV1: { notebook: NotebookContent; runs: RunRequest[] } = {
  notebook: {
    title: 'CNN on MNIST (week 3)',
    runtime: 'remote',
    metadata: { authors: [{ name: 'Ana' }] },
    cells: [
      { id: 'intro', cell_type: 'markdown', source: '# CNN on MNIST', metadata: {}, attachments: { 'net.png': { 'image/png': 'iVBORw0KGgo=' } } },
      { id: 'notes', cell_type: 'markdown', source: 'TODO', metadata: {} },
      { id: 'load', cell_type: 'code', source: '// data\nconst data = await datasets.load("mnist");', metadata: {}, outputs: [], execution_count: null },
      {
        id: 'train',
        cell_type: 'code',
        source: 'await model.fit(xs, ys, { epochs: 2 });',
        metadata: { tags: ['training'] },
        outputs: [
          { output_type: 'stream', name: 'stdout', text: 'Epoch 1/2\nEpoch 2/2\n' },
          { output_type: 'display_data', data: { 'text/plain': 'loss 0.1', 'image/png': 'iVBORw0KGgo=' }, metadata: { width: 320 }, transient: { display_id: 'loss' } },
        ],
        execution_count: 1,
      },
      { id: 'ben-1', cell_type: 'code', source: '\nmodel.summary()', metadata: {}, outputs: [], execution_count: null },
    ],
  },
  runs: [
    { id: 'ana-1', cellId: 'train', requestedBy: 'ana', runtime: 'remote', requestedAt: '2025-03-01T12:00:00.000Z', state: 'done', claimedBy: 'worker-1' },
  ],
};

describe('compatibility fixtures', () => {
  it('reads the committed schemaVersion 1 document: cells in order, sources, outputs, metadata, run queue', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, readFileSync(fixturePath(1)));
    const notebook = openNotebook(doc);
    expect(notebook.schemaVersion).toBe(1);
    expect({ notebook: notebook.toJSON(), runs: notebook.runRequests() }).toEqual(expectedV1);
  });

  it('builds the same schemaVersion 1 document the fixture holds, so a regenerated fixture would match', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, buildSchemaV1());
    const notebook = openNotebook(doc);
    expect({ notebook: notebook.toJSON(), runs: notebook.runRequests() }).toEqual(expectedV1);
  });
});
