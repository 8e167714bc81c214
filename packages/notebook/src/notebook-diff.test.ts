import { describe, expect, it } from 'vitest';
import type { Cell, NotebookContent } from './api.ts';
import { diffNotebooks } from './notebook-diff.ts';

const code = (id: string, source: string, extra: Partial<Cell> = {}): Cell =>
  ({ id, cell_type: 'code', source, metadata: {}, outputs: [], execution_count: null, ...extra }) as Cell;
const markdown = (id: string, source: string): Cell => ({ id, cell_type: 'markdown', source, metadata: {} });
const notebook = (cells: Cell[], title = 'T'): NotebookContent => ({ title, runtime: 'browser', metadata: {}, cells });

describe('diffNotebooks', () => {
  it('names each cell added, removed, changed (with a line diff), moved or unchanged, in the later order with removed cells where they were', () => {
    const earlier = notebook([markdown('intro', '# Intro'), code('a', 'x = 1\ny = 2'), code('gone', 'old()'), code('b', 'b()'), code('c', 'c()')]);
    const later = notebook([markdown('intro', '# Intro'), code('c', 'c()'), code('a', 'x = 1\ny = 3'), code('b', 'b()'), code('new', 'fresh()')], 'T2');
    const diff = diffNotebooks(earlier, later);
    expect(diff.changed).toEqual(['title']);
    expect(diff.cells.map((cell) => [cell.id, cell.status, cell.moved])).toEqual([
      ['intro', 'unchanged', false],
      ['c', 'moved', true],
      ['a', 'changed', false],
      ['gone', 'removed', false],
      ['b', 'unchanged', false],
      ['new', 'added', false],
    ]);
    const changed = diff.cells.find((cell) => cell.id === 'a')!;
    expect(changed.changed).toEqual(['source']);
    expect(changed.lines).toEqual([
      { kind: 'same', text: 'x = 1' },
      { kind: 'removed', text: 'y = 2' },
      { kind: 'added', text: 'y = 3' },
    ]);
    expect(diff.cells.find((cell) => cell.id === 'gone')!.lines).toEqual([{ kind: 'removed', text: 'old()' }]);
    expect(diff.cells.find((cell) => cell.id === 'new')!.lines).toEqual([{ kind: 'added', text: 'fresh()' }]);
  });

  it('sees changes of type, outputs, execution count and metadata, whatever the order of object keys', () => {
    const output = { output_type: 'stream', name: 'stdout', text: 'hi\n' } as const;
    const earlier = notebook([code('a', 'x', { outputs: [output], metadata: { b: 1, a: 2 } } as Partial<Cell>), code('b', 'y')]);
    const later = notebook([
      code('a', 'x', { outputs: [{ text: 'hi\n', name: 'stdout', output_type: 'stream' }], metadata: { a: 2, b: 1 } } as Partial<Cell>),
      code('b', 'y', { outputs: [output], execution_count: 3 } as Partial<Cell>),
    ]);
    const diff = diffNotebooks(earlier, later);
    expect(diff.cells.map((cell) => [cell.id, cell.status, cell.changed])).toEqual([
      ['a', 'unchanged', []],
      ['b', 'changed', ['outputs', 'execution_count']],
    ]);
    expect(diffNotebooks(notebook([code('a', 'x')]), notebook([markdown('a', 'x')])).cells[0]).toMatchObject({ status: 'changed', cellType: 'markdown', changed: ['cell_type', 'outputs', 'execution_count'] });
  });

  it('puts cells removed from the top first', () => {
    const diff = diffNotebooks(notebook([code('a', ''), code('b', '')]), notebook([code('b', '')]));
    expect(diff.cells.map((cell) => [cell.id, cell.status])).toEqual([
      ['a', 'removed'],
      ['b', 'unchanged'],
    ]);
  });
});
