import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ORIGIN, openNotebook } from '@cohort/notebook';
import { applyToNotebook } from './notebook-actions.ts';
import { readRunRecord } from './run-record.ts';

describe('applyToNotebook', () => {
  it("claims, writes outputs and finishes a run with its count and run record, then clears finished requests", () => {
    const notebook = openNotebook(new Y.Doc());
    const cellId = notebook.insertCell(0, { type: 'code', source: '1 + 1' }, ORIGIN.user);
    const request = notebook.enqueueRun({ cellId, requestedBy: 'u1', runtime: 'remote' }, ORIGIN.user);
    const context = { claimant: 'host-1', nameOf: (userId: string) => (userId === 'u1' ? 'Ana Lima' : undefined) };
    const origins: unknown[] = [];
    notebook.doc.on('afterTransaction', (transaction: Y.Transaction) => origins.push(transaction.origin));

    applyToNotebook(notebook, { type: 'claim', requestId: request.id }, context);
    expect(notebook.runRequests()[0]).toMatchObject({ state: 'running', claimedBy: 'host-1' });
    applyToNotebook(notebook, { type: 'append-output', cellId, output: { output_type: 'stream', name: 'stdout', text: 'hi\n' } }, context);
    const record = { by: 'u1', at: '2026-11-26T10:00:00.000Z', runtime: 'remote', backend: 'wasm', device: 'CPU', durationMs: 12, status: 'done' } as const;
    applyToNotebook(notebook, { type: 'finish', requestId: request.id, cellId, state: 'done', executionCount: 3, record }, context);

    const cell = notebook.cell(cellId);
    if (cell?.cell_type !== 'code') throw new Error('not a code cell');
    expect(cell.outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: 'hi\n' }]);
    expect(cell.execution_count).toBe(3);
    expect(readRunRecord(cell.metadata)).toEqual({ ...record, byName: 'Ana Lima' });
    expect(notebook.runRequests()).toEqual([]);
    expect(new Set(origins)).toEqual(new Set([ORIGIN.kernel]));
  });
});
