import { CELL_GLOBALS_DTS } from '@cohort/kernel/cell-globals';
import type { Notebook } from '@cohort/notebook';
import type { IDisposable } from 'monaco-editor/editor';
import { cellModelUri, notebookCellsLib, type CellCode } from './typescript-cell-source.ts';
import { cellCompilerOptions } from './typescript-compiler-options.ts';

export type TypeScriptLanguage = typeof import('monaco-editor/languages/features/typescript/register');
type LanguageDefaults = TypeScriptLanguage['typescriptDefaults'];

// Monaco's language defaults are global to the page, like Monaco itself; set once by loadMonaco.
let defaults: LanguageDefaults | null = null;

/** How long typing in a cell waits before the cells below it see the new code (each update re-checks every open cell). */
const publishDelayMs = 400;

/**
 * Sets up TypeScript for the cell editors, before the first TypeScript model starts its worker
 * (changing options later would restart it): how cells are compiled, the kernel's globals, and
 * only the features whose positions the cell worker maps (typescript-cell-service.ts) — not
 * go-to-definition, rename or formatting, which would reach into other cells.
 */
export function setUpCellTypeScript(typescript: TypeScriptLanguage): void {
  defaults = typescript.typescriptDefaults;
  defaults.setCompilerOptions(cellCompilerOptions);
  defaults.setModeConfiguration({ completionItems: true, hovers: true, signatureHelp: true, diagnostics: true, documentHighlights: true });
  defaults.addExtraLib(CELL_GLOBALS_DTS, 'file:///cohort/cell-globals.d.ts');
}

interface Tracker {
  editors: number;
  stop(): void;
}
const trackers = new WeakMap<Notebook, Tracker>();
let mounts = 0;

/** Keeps the worker's copy of the notebook's code cells (order and sources) current while editors are open. */
function trackCodeCells(notebook: Notebook, languageDefaults: LanguageDefaults): Tracker {
  let published = '';
  let lib: IDisposable | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const publish = () => {
    clearTimeout(timer);
    const cells: CellCode[] = notebook.cells().flatMap((cell) => (cell.cell_type === 'code' ? [{ id: cell.id, source: cell.source }] : []));
    const content = JSON.stringify(cells);
    // Outputs and execution counts change too; only code matters, and each update re-checks every open cell.
    if (content === published) return;
    published = content;
    lib = languageDefaults.addExtraLib(content, notebookCellsLib);
  };
  publish();
  const unsubscribe = notebook.onChange((change) => {
    // A new or moved cell gets its place at once; typing waits for a pause.
    if (change.order) publish();
    else if (change.cellIds.length > 0) {
      clearTimeout(timer);
      timer = setTimeout(publish, publishDelayMs);
    }
  });
  return {
    editors: 0,
    stop() {
      unsubscribe();
      clearTimeout(timer);
      lib?.dispose();
    },
  };
}

/**
 * Joins a cell editor to the notebook's TypeScript: returns the URI to create its model with
 * (the worker reads the cell id from it) and keeps the notebook's cells known to the worker while
 * any editor of that notebook is open.
 */
export function attachCellToTypeScript(notebook: Notebook, cellId: string): { uri: string; dispose(): void } {
  const uri = cellModelUri(cellId, ++mounts);
  const languageDefaults = defaults;
  if (!languageDefaults) throw new Error('attachCellToTypeScript before loadMonaco set TypeScript up');
  let tracker = trackers.get(notebook);
  if (!tracker) trackers.set(notebook, (tracker = trackCodeCells(notebook, languageDefaults)));
  const joined = tracker;
  joined.editors += 1;
  return {
    uri,
    dispose() {
      joined.editors -= 1;
      if (joined.editors > 0) return;
      joined.stop();
      trackers.delete(notebook);
    },
  };
}
