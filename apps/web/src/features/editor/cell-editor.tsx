'use client';

import { useEffect, useRef, useState, type RefObject } from 'react';
import type { editor as MonacoEditor } from 'monaco-editor/editor';
import type * as Y from 'yjs';
import type { LiveSession } from './live-session.ts';
import { loadMonaco, type Monaco } from './load-monaco.ts';
import { editorMetrics } from './editor-metrics.ts';
import { bindMonaco } from './monaco-binding.ts';
import { mountWhenLaidOut } from './mount-queue.ts';
import { SourcePreview } from './source-preview.tsx';
import { attachCellToTypeScript } from './typescript-notebook.ts';
import styles from './cell-editor.module.css';

/** What the notebook does for keys pressed in a cell's editor (JupyterLab's edit mode). */
export interface EditorKeys {
  /** The editor got focus: the cell becomes the selected one, in edit mode. */
  onFocus(): void;
  /** Escape: back to command mode. */
  onEscape(): void;
  /** Shift+Enter: run the cell (render Markdown), then select the next one. */
  onAdvance(): void;
  /** Ctrl/Cmd+Enter: run the cell (render Markdown), leaving edit mode but staying on it. */
  onRun(): void;
  /** Arrow up on the first line, or down on the last: go to the neighbouring cell. */
  onLeave(direction: -1 | 1): void;
}

export interface CellEditorProps {
  cellId: string;
  /** The cell's accessible name, e.g. "Code cell 3". */
  label: string;
  text: Y.Text;
  language: 'typescript' | 'markdown' | 'plaintext';
  readOnly: boolean;
  /** Whether the editor should hold the focus (this cell is in edit mode); where to put the caret on entry. */
  focus: 'start' | 'end' | 'keep' | null;
  session: LiveSession;
  keys: RefObject<EditorKeys>;
}

const { fontSize, lineHeight, padding, gutter } = editorMetrics;

let monoFont: string | null = null;
/** The page's monospace stack (theme token `--font-mono`, with Geist Mono resolved), read once. */
const fontFamily = () => (monoFont ??= getComputedStyle(document.body).getPropertyValue('--font-mono').trim() || 'monospace');

function editorOptions(readOnly: boolean, label: string): MonacoEditor.IStandaloneEditorConstructionOptions {
  return {
    readOnly,
    ariaLabel: `${label} source`,
    automaticLayout: true,
    fontFamily: fontFamily(),
    fontSize,
    lineHeight,
    padding: { top: padding, bottom: padding },
    lineNumbers: 'off',
    glyphMargin: false,
    folding: false,
    lineDecorationsWidth: gutter,
    lineNumbersMinChars: 0,
    minimap: { enabled: false },
    overviewRulerLanes: 0,
    overviewRulerBorder: false,
    hideCursorInOverviewRuler: true,
    renderLineHighlight: 'none',
    scrollBeyondLastLine: false,
    scrollbar: { vertical: 'hidden', horizontal: 'hidden', handleMouseWheel: false, alwaysConsumeMouseWheel: false },
    stickyScroll: { enabled: false },
    wordWrap: 'on',
    fixedOverflowWidgets: true,
    tabSize: 2,
    contextmenu: true,
  };
}

/** Edit-mode keys, each bound to this editor only (Monaco actions are per editor). */
function addKeys(monaco: Monaco, editor: MonacoEditor.IStandaloneCodeEditor, keys: RefObject<EditorKeys>, undo: LiveSession['undoManager']) {
  const { KeyMod, KeyCode } = monaco;
  const noWidget = '!suggestWidgetVisible && !parameterHintsVisible && !renameInputVisible';
  const atEdge = (direction: -1 | 1) => {
    const model = editor.getModel()!;
    const position = editor.getPosition()!;
    const edge = direction < 0 ? { lineNumber: 1, column: 1 } : model.getPositionAt(model.getValueLength());
    return editor.getTopForPosition(position.lineNumber, position.column) === editor.getTopForPosition(edge.lineNumber, edge.column);
  };
  const actions: MonacoEditor.IActionDescriptor[] = [
    { id: 'cohort.commandMode', label: 'Command mode', keybindings: [KeyCode.Escape], precondition: `${noWidget} && !findWidgetVisible && !inSnippetMode`, run: () => keys.current.onEscape() },
    { id: 'cohort.advance', label: 'Next cell', keybindings: [KeyMod.Shift | KeyCode.Enter], precondition: noWidget, run: () => keys.current.onAdvance() },
    { id: 'cohort.run', label: 'Run cell', keybindings: [KeyMod.CtrlCmd | KeyCode.Enter], precondition: noWidget, run: () => keys.current.onRun() },
    { id: 'cohort.undo', label: 'Undo my edit', keybindings: [KeyMod.CtrlCmd | KeyCode.KeyZ], run: () => void undo.undo() },
    { id: 'cohort.redo', label: 'Redo my edit', keybindings: [KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.KeyZ, KeyMod.CtrlCmd | KeyCode.KeyY], run: () => void undo.redo() },
    {
      id: 'cohort.previousCell',
      label: 'Previous cell',
      keybindings: [KeyCode.UpArrow],
      precondition: `${noWidget} && !editorHasMultipleSelections`,
      run: () => (atEdge(-1) ? keys.current.onLeave(-1) : editor.trigger('keyboard', 'cursorUp', null)),
    },
    {
      id: 'cohort.nextCell',
      label: 'Next cell',
      keybindings: [KeyCode.DownArrow],
      precondition: `${noWidget} && !editorHasMultipleSelections`,
      run: () => (atEdge(1) ? keys.current.onLeave(1) : editor.trigger('keyboard', 'cursorDown', null)),
    },
  ];
  for (const action of actions) editor.addAction(action);
}

function focusAt(editor: MonacoEditor.IStandaloneCodeEditor, where: 'start' | 'end' | 'keep'): void {
  const model = editor.getModel()!;
  if (where === 'start') editor.setPosition({ lineNumber: 1, column: 1 });
  if (where === 'end') editor.setPosition(model.getPositionAt(model.getValueLength()));
  editor.focus();
}

/** A cell's Monaco editor, bound to its Y.Text. Shows the plain source until Monaco has loaded. */
export function CellEditor({ cellId, label, text, language, readOnly, focus, session, keys }: CellEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const [mounted, setMounted] = useState<{ monaco: Monaco; editor: MonacoEditor.IStandaloneCodeEditor } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const latest = useRef({ language, readOnly, label, focus });
  latest.current = { language, readOnly, label, focus };

  useEffect(() => {
    let cleanup = () => {};
    let disposed = false;
    const retry = () => setAttempt((n) => n + 1);
    loadMonaco().then(
      (monaco) => {
        if (disposed || !host.current) return;
        const element = host.current;
        const create = (width: number) => {
          const { language: initialLanguage, readOnly: initialReadOnly, label: initialLabel, focus: initialFocus } = latest.current;
          const typescript = attachCellToTypeScript(session.notebook, cellId);
          const model = monaco.editor.createModel(text.toString(), initialLanguage, monaco.Uri.parse(typescript.uri));
          model.setEOL(monaco.editor.EndOfLineSequence.LF);
          const height = model.getLineCount() * lineHeight + 2 * padding;
          const editor = monaco.editor.create(element, { ...editorOptions(initialReadOnly, initialLabel), model, dimension: { width, height } });
          const binding = bindMonaco({ monaco, editor, text, cellId, awareness: session.awareness });
          addKeys(monaco, editor, keys, session.undoManager);
          // Sized from the content, never by measuring the page (see mountWhenLaidOut).
          const fit = () => {
            const contentHeight = editor.getContentHeight();
            element.style.height = `${contentHeight}px`;
            editor.layout({ width: editor.getLayoutInfo().width, height: contentHeight });
          };
          const sizeListener = editor.onDidContentSizeChange(fit);
          const focusListener = editor.onDidFocusEditorText(() => keys.current.onFocus());
          fit();
          // Focused at once, not after React's next commit, so keys typed right after entering edit mode land here.
          if (initialFocus) focusAt(editor, initialFocus);
          setMounted({ monaco, editor });
          cleanup = () => {
            sizeListener.dispose();
            focusListener.dispose();
            binding.dispose();
            editor.dispose();
            model.dispose();
            typescript.dispose();
          };
        };
        // An editor the user is entering comes at once (measuring the page this one time), so no key typed meanwhile is lost.
        if (latest.current.focus) create(element.getBoundingClientRect().width);
        else cleanup = mountWhenLaidOut(element, create);
      },
      () => {
        // Offline before Monaco arrived: the source stays readable, and the editor comes with the network.
        window.addEventListener('online', retry, { once: true });
        cleanup = () => window.removeEventListener('online', retry);
      },
    );
    return () => {
      disposed = true;
      setMounted(null);
      cleanup();
    };
  }, [text, cellId, session, keys, attempt]);

  useEffect(() => {
    const model = mounted?.editor.getModel();
    if (model) mounted?.monaco.editor.setModelLanguage(model, language);
  }, [mounted, language]);

  useEffect(() => {
    mounted?.editor.updateOptions({ readOnly, ariaLabel: `${label} source` });
  }, [mounted, readOnly, label]);

  useEffect(() => {
    if (mounted && focus && !mounted.editor.hasTextFocus()) focusAt(mounted.editor, focus);
  }, [mounted, focus]);

  return (
    <div className={styles.frame}>
      <div ref={host} className={styles.host} data-ready={mounted ? '' : undefined} />
      {!mounted && <SourcePreview text={text} />}
    </div>
  );
}
