import { describe, expect, it } from 'vitest';
import { changesNotebook, commandModeKey, type KeyPress } from './command-keys.ts';

const press = (key: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({ key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...modifiers });
const command = (key: string, modifiers: Partial<KeyPress> = {}) => commandModeKey(press(key, modifiers), false).command;

describe('commandModeKey', () => {
  it('maps JupyterLab command-mode keys', () => {
    expect(command('Enter')).toEqual({ type: 'edit' });
    expect(command('Enter', { shiftKey: true })).toEqual({ type: 'advance' });
    expect(command('Enter', { ctrlKey: true })).toEqual({ type: 'run' });
    expect(command('a')).toEqual({ type: 'insert', where: 'above' });
    expect(command('B', { shiftKey: false })).toEqual({ type: 'insert', where: 'below' });
    expect(command('m')).toEqual({ type: 'set-type', cellType: 'markdown' });
    expect(command('y')).toEqual({ type: 'set-type', cellType: 'code' });
    expect(command('ArrowUp')).toEqual({ type: 'select', by: -1 });
    expect(command('j')).toEqual({ type: 'select', by: 1 });
    expect(command('ArrowDown', { ctrlKey: true, shiftKey: true })).toEqual({ type: 'move', by: 1 });
    expect(command('ArrowUp', { metaKey: true, shiftKey: true })).toEqual({ type: 'move', by: -1 });
  });

  it('deletes on D, D only, and any other key in between cancels the first D', () => {
    const first = commandModeKey(press('d'), false);
    expect(first).toEqual({ command: null, pendingDelete: true });
    expect(commandModeKey(press('d'), first.pendingDelete).command).toEqual({ type: 'delete' });
    const other = commandModeKey(press('j'), true);
    expect(other.pendingDelete).toBe(false);
    expect(commandModeKey(press('d'), other.pendingDelete).command).toBeNull();
  });

  it('undoes with Ctrl/Cmd+Z and redoes with Shift+Ctrl/Cmd+Z or Ctrl+Y', () => {
    expect(command('z', { ctrlKey: true })).toEqual({ type: 'undo' });
    expect(command('z', { metaKey: true })).toEqual({ type: 'undo' });
    expect(command('Z', { metaKey: true, shiftKey: true })).toEqual({ type: 'redo' });
    expect(command('y', { ctrlKey: true })).toEqual({ type: 'redo' });
  });

  it('leaves browser and modified shortcuts alone', () => {
    expect(command('a', { ctrlKey: true })).toBeNull();
    expect(command('m', { altKey: true })).toBeNull();
    expect(command('Tab')).toBeNull();
  });

  it('marks which commands change the notebook, for read-only roles', () => {
    expect(changesNotebook({ type: 'select', by: 1 })).toBe(false);
    expect(changesNotebook({ type: 'advance' })).toBe(false);
    expect(changesNotebook({ type: 'delete' })).toBe(true);
    expect(changesNotebook({ type: 'undo' })).toBe(true);
  });
});
