import { resolve } from 'node:path';
import * as Y from 'yjs';
import { ORIGIN } from '../src/api.ts';
import { openNotebook, seedNotebook } from '../src/notebook.ts';
import { counterIds, createDoc, syncAll } from './peers.ts';

export const fixturePath = (version: number) => resolve(import.meta.dirname, `../test-fixtures/schema-v${version}.yupdate`);

/** A schemaVersion 1 document: seeded by the server, then edited by two peers and a kernel. */
export function buildSchemaV1(): Uint8Array {
  const server = createDoc(1);
  seedNotebook(
    server,
    {
      title: 'CNN on MNIST',
      runtime: 'remote',
      metadata: { authors: [{ name: 'Ana' }] },
      cells: [
        { id: 'intro', cell_type: 'markdown', source: '# CNN on MNIST', attachments: { 'net.png': { 'image/png': 'iVBORw0KGgo=' } } },
        { id: 'load', cell_type: 'code', source: 'const data = await datasets.load("mnist");' },
        { id: 'train', cell_type: 'code', source: 'await model.fit(xs, ys, { epochs: 2 });\nmodel.summary()' },
        { id: 'notes', cell_type: 'raw', source: 'TODO' },
      ],
    },
    ORIGIN.server,
  );
  const ana = createDoc(2);
  const ben = createDoc(3);
  syncAll(server, ana, ben);
  const byAna = openNotebook(ana, { idFactory: counterIds('ana'), now: () => new Date('2025-03-01T12:00:00.000Z') });
  const byBen = openNotebook(ben, { idFactory: counterIds('ben') });
  byAna.moveCell('notes', 1, ORIGIN.user);
  byBen.editSource('load', 0, 0, '// data\n', ORIGIN.user);
  byAna.setCellMetadata('train', 'tags', ['training'], ORIGIN.user);
  byBen.splitCell('train', 'await model.fit(xs, ys, { epochs: 2 });'.length, ORIGIN.user);
  syncAll(server, ana, ben);
  const run = byAna.enqueueRun({ cellId: 'train', requestedBy: 'ana', runtime: 'remote' }, ORIGIN.user);
  syncAll(server, ana, ben);
  const kernel = openNotebook(server);
  kernel.claimRun(run.id, 'worker-1', ORIGIN.server);
  kernel.appendOutput('train', { output_type: 'stream', name: 'stdout', text: 'Epoch 1/2\n' }, ORIGIN.kernel);
  kernel.appendOutput('train', { output_type: 'stream', name: 'stdout', text: 'Epoch 2/2\n' }, ORIGIN.kernel);
  kernel.appendOutput('train', { output_type: 'display_data', data: { 'text/plain': 'loss 0.9' }, metadata: {}, transient: { display_id: 'loss' } }, ORIGIN.kernel);
  kernel.updateDisplay('loss', { data: { 'text/plain': 'loss 0.1', 'image/png': 'iVBORw0KGgo=' }, metadata: { width: 320 } }, ORIGIN.kernel);
  kernel.setExecutionCount('train', 1, ORIGIN.kernel);
  kernel.finishRun(run.id, 'done', ORIGIN.server);
  syncAll(server, ana, ben);
  byBen.setCellType('notes', 'markdown', ORIGIN.user);
  byBen.setTitle('CNN on MNIST (week 3)', ORIGIN.user);
  syncAll(server, ana, ben);
  return Y.encodeStateAsUpdate(server);
}

