import type { CellType } from '@cohort/notebook';

/** What a key press in command mode asks for (JupyterLab's command-mode keys). */
export type Command =
  | { type: 'edit' }
  /** Runs a code cell and stays on it (a Markdown cell renders). */
  | { type: 'run' }
  /** Runs the code cells above this one, or this one and those below. */
  | { type: 'run-range'; range: 'above' | 'below' }
  /** Runs a code cell (renders Markdown) and moves to the next cell, adding one at the end. */
  | { type: 'advance' }
  | { type: 'insert'; where: 'above' | 'below' }
  | { type: 'delete' }
  | { type: 'set-type'; cellType: CellType }
  | { type: 'select'; by: -1 | 1 }
  | { type: 'move'; by: -1 | 1 }
  | { type: 'undo' }
  | { type: 'redo' };

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** Commands that change the notebook, refused to viewers and commenters. */
export const changesNotebook = (command: Command): boolean => !['edit', 'run', 'run-range', 'advance', 'select'].includes(command.type);

/**
 * The command for a key press in command mode, and whether a first D is now waiting for its
 * second (D, D deletes; any other key cancels it). Ctrl and Cmd are the same modifier.
 */
export function commandModeKey(press: KeyPress, pendingDelete: boolean): { command: Command | null; pendingDelete: boolean } {
  const mod = press.ctrlKey || press.metaKey;
  const plain = !mod && !press.altKey && !press.shiftKey;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  const result = (command: Command | null) => ({ command, pendingDelete: false });

  if (mod && !press.altKey) {
    if (key === 'z') return result({ type: press.shiftKey ? 'redo' : 'undo' });
    if (key === 'y' && !press.shiftKey) return result({ type: 'redo' });
    if (press.shiftKey && (key === 'ArrowUp' || key === 'ArrowDown')) return result({ type: 'move', by: key === 'ArrowUp' ? -1 : 1 });
    if (!press.shiftKey && key === 'Enter') return result({ type: 'run' });
    return result(null);
  }
  if (key === 'Enter' && !press.altKey) return result({ type: press.shiftKey ? 'advance' : 'edit' });
  if (!plain) return result(null);
  switch (key) {
    case 'd':
      return pendingDelete ? result({ type: 'delete' }) : { command: null, pendingDelete: true };
    case 'a':
      return result({ type: 'insert', where: 'above' });
    case 'b':
      return result({ type: 'insert', where: 'below' });
    case 'm':
      return result({ type: 'set-type', cellType: 'markdown' });
    case 'y':
      return result({ type: 'set-type', cellType: 'code' });
    case 'r':
      return result({ type: 'set-type', cellType: 'raw' });
    case 'ArrowUp':
    case 'k':
      return result({ type: 'select', by: -1 });
    case 'ArrowDown':
    case 'j':
      return result({ type: 'select', by: 1 });
    default:
      return result(null);
  }
}
