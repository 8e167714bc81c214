import type { editor as MonacoEditor, IDisposable, IPosition, Selection } from 'monaco-editor/editor';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { ORIGIN } from '@cohort/notebook';
import { collaborators } from './collaborators.ts';
import type { Monaco } from './load-monaco.ts';
import { remoteColorClass } from './remote-color-class.ts';
import { cursorState, remoteCursors, type RemoteCursor } from './remote-cursors.ts';
import { deltaToTextEdits, modelChangesToTextEdits, transformOffset, type DeltaOp } from './text-deltas.ts';
import styles from './remote-cursor.module.css';

export interface MonacoBindingOptions {
  monaco: Monaco;
  /** An editor whose model holds `text`'s content, with '\n' line endings. */
  editor: MonacoEditor.IStandaloneCodeEditor;
  text: Y.Text;
  cellId: string;
  awareness: Awareness;
}

/** Where a selection started (Monaco's "selection start"); its head is `getPosition()`. */
const anchorOf = (selection: Selection): IPosition => ({ lineNumber: selection.selectionStartLineNumber, column: selection.selectionStartColumn });

/** A collaborator's name above their caret. */
class NameFlag implements MonacoEditor.IContentWidget {
  readonly allowEditorOverflow = true;
  readonly suppressMouseDown = true;
  readonly #node = document.createElement('div');
  readonly #model: MonacoEditor.ITextModel;
  readonly #preference: MonacoEditor.ContentWidgetPositionPreference[];
  #cursor: RemoteCursor;

  constructor(model: MonacoEditor.ITextModel, preference: MonacoEditor.ContentWidgetPositionPreference[], cursor: RemoteCursor) {
    this.#model = model;
    this.#preference = preference;
    this.#cursor = cursor;
    this.#node.className = styles.flag ?? '';
    this.#node.setAttribute('role', 'note');
    this.update(cursor);
  }

  update(cursor: RemoteCursor): void {
    this.#cursor = cursor;
    this.#node.textContent = cursor.name;
    this.#node.setAttribute('aria-label', `${cursor.name}'s cursor`);
    this.#node.style.background = cursor.color;
  }

  getId(): string {
    return `cohort.remote-flag.${this.#cursor.clientId}`;
  }

  getDomNode(): HTMLElement {
    return this.#node;
  }

  getPosition(): MonacoEditor.IContentWidgetPosition {
    return { position: this.#model.getPositionAt(this.#cursor.head), preference: this.#preference };
  }
}

/**
 * Binds a Monaco editor to a cell's Y.Text both ways. Local edits go to the Y.Text in one
 * transaction tagged `ORIGIN.user` (so undo tracks them); remote changes become model edits that
 * keep the local caret where it was; collaborators' carets and selections in this cell are drawn
 * with their names, and the local caret is published in awareness.
 */
export function bindMonaco({ monaco, editor, text, cellId, awareness }: MonacoBindingOptions): IDisposable {
  const model = editor.getModel()!;
  const doc = text.doc!;
  let applyingRemote = false;
  let applyingLocal = false;

  const onText = (event: Y.YTextEvent) => {
    if (applyingLocal) return;
    const edits = deltaToTextEdits(event.delta as DeltaOp[]);
    const offsets = (editor.getSelections() ?? []).map((selection) => ({
      anchor: transformOffset(model.getOffsetAt(anchorOf(selection)), edits),
      head: transformOffset(model.getOffsetAt(selection.getPosition()), edits),
    }));
    applyingRemote = true;
    try {
      model.pushEditOperations(
        [],
        edits.map((edit) => ({
          range: monaco.Range.fromPositions(model.getPositionAt(edit.offset), model.getPositionAt(edit.offset + edit.deleteCount)),
          text: edit.text,
        })),
        () => null,
      );
    } finally {
      applyingRemote = false;
    }
    if (offsets.length > 0) {
      editor.setSelections(
        offsets.map(({ anchor, head }) => {
          const start = model.getPositionAt(anchor);
          const end = model.getPositionAt(head);
          return new monaco.Selection(start.lineNumber, start.column, end.lineNumber, end.column);
        }),
      );
    }
    renderCursors();
  };
  text.observe(onText);

  const disposables: IDisposable[] = [
    model.onDidChangeContent((event) => {
      if (applyingRemote) return;
      applyingLocal = true;
      try {
        doc.transact(() => {
          for (const edit of modelChangesToTextEdits(event.changes)) {
            if (edit.deleteCount > 0) text.delete(edit.offset, edit.deleteCount);
            if (edit.text) text.insert(edit.offset, edit.text);
          }
        }, ORIGIN.user);
      } finally {
        applyingLocal = false;
      }
      // Collaborators' carets after the edit: their flags are placed by offset, which just changed.
      renderCursors();
    }),
    editor.onDidChangeCursorSelection((event) => {
      // Moves made here after a remote edit keep the same relative positions: nothing to publish.
      if (event.source !== 'api' && event.source !== 'modelChange') publishCursor();
    }),
    editor.onDidFocusEditorText(() => publishCursor()),
  ];

  function publishCursor(): void {
    const selection = editor.getSelection();
    if (!selection || !editor.hasTextFocus()) return;
    const anchor = model.getOffsetAt(anchorOf(selection));
    const head = model.getOffsetAt(selection.getPosition());
    awareness.setLocalStateField('cursor', cursorState(cellId, text, anchor, head));
  }

  const decorations = editor.createDecorationsCollection();
  const flags = new Map<number, NameFlag>();
  const flagPreference = [monaco.editor.ContentWidgetPositionPreference.ABOVE, monaco.editor.ContentWidgetPositionPreference.BELOW];

  function renderCursors(): void {
    const cursors = remoteCursors(collaborators(awareness.getStates(), awareness.clientID), cellId, text);
    decorations.set(
      cursors.flatMap((cursor) => {
        const color = remoteColorClass(cursor.color);
        const head = model.getPositionAt(cursor.head);
        const caret = {
          range: monaco.Range.fromPositions(head),
          options: { beforeContentClassName: `${styles.caret} ${color}`, stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges },
        };
        if (cursor.anchor === cursor.head) return [caret];
        const range = monaco.Range.fromPositions(model.getPositionAt(Math.min(cursor.anchor, cursor.head)), model.getPositionAt(Math.max(cursor.anchor, cursor.head)));
        return [{ range, options: { className: `${styles.selection} ${color}` } }, caret];
      }),
    );
    const present = new Set(cursors.map((cursor) => cursor.clientId));
    for (const [clientId, flag] of flags) {
      if (present.has(clientId)) continue;
      editor.removeContentWidget(flag);
      flags.delete(clientId);
    }
    for (const cursor of cursors) {
      const flag = flags.get(cursor.clientId);
      if (flag) {
        flag.update(cursor);
        editor.layoutContentWidget(flag);
      } else {
        const created = new NameFlag(model, flagPreference, cursor);
        flags.set(cursor.clientId, created);
        editor.addContentWidget(created);
      }
    }
  }
  awareness.on('change', renderCursors);
  renderCursors();

  return {
    dispose() {
      text.unobserve(onText);
      awareness.off('change', renderCursors);
      for (const disposable of disposables) disposable.dispose();
      for (const flag of flags.values()) editor.removeContentWidget(flag);
      decorations.clear();
    },
  };
}
