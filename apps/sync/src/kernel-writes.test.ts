import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openNotebook, ORIGIN, seedNotebook, type CodeCell } from '@cohort/notebook';
import { readRunRecord } from '@cohort/session';
import { createKernelWriter, type KernelWriterOptions } from './kernel-writes.ts';

/** A document and a `change` that applies each computed update to it, as the sync core does. */
function documentWithQueue() {
  const doc = new Y.Doc();
  seedNotebook(doc, { title: 'Training', cells: [{ cell_type: 'code', source: 'fit()' }] }, ORIGIN.server);
  const notebook = openNotebook(doc);
  const [cellId] = notebook.cellIds();
  const request = notebook.enqueueRun({ cellId: cellId!, requestedBy: '5b0c4c4e-8a3e-4a43-9d69-3d6f2c1e7a10', runtime: 'remote' }, ORIGIN.user);
  const changes: Uint8Array[] = [];
  const change: KernelWriterOptions['change'] = async (_notebookId, compute) => {
    const update = await compute(Y.encodeStateAsUpdate(doc));
    if (update) {
      changes.push(update);
      Y.applyUpdate(doc, update, ORIGIN.server);
    }
    return true;
  };
  return { doc, notebook, cellId: cellId!, requestId: request.id, changes, change };
}

const writerOptions = (change: KernelWriterOptions['change']): KernelWriterOptions => ({
  notebookId: 'nb',
  change,
  claimant: 'remote-test',
  clientId: 4242,
  userNames: async (ids) => new Map(ids.map((id) => [id, 'Ana'])),
  delayMs: 5,
  onGone: () => {},
  log: () => {},
});

describe('the kernel writer', () => {
  it('SYNC-RUN-2 writes the actions of one turn in one change, in order, with one client id however many changes it makes', async () => {
    const { doc, notebook, cellId, requestId, changes, change } = documentWithQueue();
    const writer = createKernelWriter(writerOptions(change));
    writer.write({ type: 'claim', requestId });
    writer.write({ type: 'clear-outputs', cellId });
    for (let epoch = 0; epoch < 100; epoch++) writer.write({ type: 'append-output', cellId, output: { output_type: 'stream', name: 'stdout', text: `epoch ${epoch}\n` } });
    expect(writer.busy).toBe(true);
    await writer.flushed();
    expect(changes).toHaveLength(1);
    expect(notebook.runRequests()[0]).toMatchObject({ state: 'running', claimedBy: 'remote-test' });

    const record = { by: '5b0c4c4e-8a3e-4a43-9d69-3d6f2c1e7a10', at: '2026-11-26T12:00:00.000Z', runtime: 'remote', backend: 'wasm', device: 'CPU', durationMs: 12, status: 'done' as const };
    writer.write({ type: 'finish', requestId, cellId, state: 'done', executionCount: 3, record });
    await writer.flushed();
    expect(writer.busy).toBe(false);
    expect(changes).toHaveLength(2);

    const cell = notebook.cell(cellId) as CodeCell;
    expect(cell.outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: Array.from({ length: 100 }, (_, i) => `epoch ${i}\n`).join('') }]);
    expect(cell.execution_count).toBe(3);
    expect(readRunRecord(cell.metadata)).toEqual({ ...record, byName: 'Ana' });
    expect(notebook.runRequests()).toEqual([]);
    // Two changes, one writer: the state vector gained one client, not one per change.
    expect([...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()]).toContain(4242);
    const writers = changes.map((update) => [...Y.decodeUpdate(update).structs.map((struct) => struct.id.client)]);
    expect(new Set(writers.flat())).toEqual(new Set([4242]));
  });

  it('SYNC-RUN-2 actions written while a change is being stored go into the next change', async () => {
    const { cellId, changes, change } = documentWithQueue();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const storing = new Promise<void>((resolve) => (entered = resolve));
    const slowChange: KernelWriterOptions['change'] = async (notebookId, compute) => {
      if (changes.length === 0) {
        entered();
        await gate;
      }
      return change(notebookId, compute);
    };
    const writer = createKernelWriter(writerOptions(slowChange));
    writer.write({ type: 'append-output', cellId, output: { output_type: 'stream', name: 'stdout', text: 'first\n' } });
    await storing;
    for (let i = 0; i < 50; i++) writer.write({ type: 'append-output', cellId, output: { output_type: 'stream', name: 'stdout', text: `${i}\n` } });
    release();
    await writer.flushed();
    expect(changes).toHaveLength(2);
  });
});
