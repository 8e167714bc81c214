import { describe, expect, it } from 'vitest';
import { counterIds, createDoc, syncAll } from '../test-support/peers.ts';
import { ORIGIN } from './api.ts';
import { openNotebook, seedNotebook } from './notebook.ts';
import { createUndoManager } from './undo.ts';

function twoPeers() {
  const anaDoc = createDoc(1);
  seedNotebook(anaDoc, { cells: [{ id: 'a', cell_type: 'code', source: 'x = 1' }] }, ORIGIN.server);
  const benDoc = createDoc(2);
  syncAll(anaDoc, benDoc);
  const ana = openNotebook(anaDoc, { idFactory: counterIds('ana') });
  const ben = openNotebook(benDoc, { idFactory: counterIds('ben') });
  return { ana, ben, undo: createUndoManager(anaDoc, { captureTimeout: 0 }) };
}

describe('createUndoManager', () => {
  it("undo removes only one's own edit, keeping a peer's concurrent edit and the kernel's outputs", () => {
    const { ana, ben, undo } = twoPeers();
    ana.editSource('a', 5, 0, ' # Ana', ORIGIN.user);
    ben.editSource('a', 0, 0, '// Ben\n', ORIGIN.user);
    syncAll(ana.doc, ben.doc);
    ana.appendOutput('a', { output_type: 'stream', name: 'stdout', text: '1' }, ORIGIN.kernel);
    ana.setExecutionCount('a', 1, ORIGIN.kernel);

    undo.undo();
    expect(ana.cell('a')).toMatchObject({ source: '// Ben\nx = 1', execution_count: 1, outputs: [{ text: '1' }] });
    undo.redo();
    expect(ana.cell('a')?.source).toBe('// Ben\nx = 1 # Ana');
  });

  it('undo of a deleted cell brings it back with its id, place and source; undo of an insert removes the cell', () => {
    const { ana, undo } = twoPeers();
    const added = ana.insertCell(1, { type: 'markdown', source: '# Notes' }, ORIGIN.user);
    ana.deleteCell('a', ORIGIN.user);
    expect(ana.cellIds()).toEqual([added]);

    undo.undo();
    expect(ana.cells().map((cell) => [cell.id, cell.source])).toEqual([['a', 'x = 1'], [added, '# Notes']]);
    undo.undo();
    expect(ana.cellIds()).toEqual(['a']);
  });

  it('ignores writes tagged with other origins', () => {
    const { ana, undo } = twoPeers();
    ana.editSource('a', 0, 0, 'imported ', ORIGIN.import);
    ana.setCellType('a', 'markdown', ORIGIN.server);
    expect(undo.canUndo()).toBe(false);
  });
});
