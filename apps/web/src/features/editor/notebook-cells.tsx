'use client';

import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ORIGIN, type CellType } from '@cohort/notebook';
import { Button, EmptyState } from '@/components';
import { useKernel } from '@/features/kernel/use-kernel';
import { CellView, type CellActions } from './cell-view.tsx';
import { changesNotebook, commandModeKey, type Command } from './command-keys.ts';
import { loadMonaco } from './load-monaco.ts';
import { useCells } from './use-cells.ts';
import { useFollow } from './use-follow.ts';
import { useLive } from './use-live.ts';
import styles from './notebook-cells.module.css';

interface Selection {
  id: string | null;
  mode: 'command' | 'edit';
  /** Where the caret goes on entering edit mode. */
  caret: 'start' | 'end' | 'keep';
}

/** A first D waits this long for the second. */
const deleteChordMs = 1500;

/**
 * The cells, with JupyterLab's keyboard model: command mode (the selected cell has the focus;
 * A/B insert, D,D delete, M/Y/R change type, arrows or J/K select, Ctrl/Cmd+Shift+arrows move,
 * Enter edits) and edit mode (the cell's editor has the focus; Escape leaves, Shift+Enter moves on).
 */
export function NotebookCells() {
  const { session, snapshot, readOnly, following, setFollowing } = useLive();
  const kernel = useKernel();
  const notebook = session?.notebook ?? null;
  const cells = useCells(notebook);
  const [selection, setSelection] = useState<Selection>({ id: null, mode: 'command', caret: 'keep' });
  const elements = useRef(new Map<string, HTMLElement>());
  const focusCell = useRef(false);
  const pendingDelete = useRef(0);
  const lastIndex = useRef(0);

  // A selected cell deleted by someone else hands the selection to its neighbour.
  const index = cells.findIndex((cell) => cell.id === selection.id);
  if (index >= 0) lastIndex.current = index;
  const selectedId = index >= 0 ? selection.id : (cells[Math.min(lastIndex.current, cells.length - 1)]?.id ?? null);
  const mode = index >= 0 ? selection.mode : 'command';

  const select = useCallback((id: string | null, nextMode: Selection['mode'], caret: Selection['caret'] = 'keep', focus = false) => {
    focusCell.current = focus && nextMode === 'command';
    setSelection((current) => (current.id === id && current.mode === nextMode && current.caret === caret ? current : { id, mode: nextMode, caret }));
  }, []);

  const run = (id: string, command: Command) => {
    if (!session || !notebook || (readOnly && changesNotebook(command))) return;
    const at = cells.findIndex((cell) => cell.id === id);
    if (at < 0) return;
    // Each cell operation is its own undo step, never merged with typing or another operation.
    session.undoManager.stopCapturing();
    try {
      perform(id, at, command);
    } finally {
      session.undoManager.stopCapturing();
    }
  };

  const perform = (id: string, at: number, command: Command) => {
    if (!session || !notebook) return;
    const neighbour = (by: number) => cells[at + by]?.id;
    switch (command.type) {
      case 'edit':
        return select(id, 'edit');
      case 'run':
        kernel?.run([id]);
        return select(id, 'command', 'keep', true);
      case 'run-range': {
        const ids = cells.map((cell) => cell.id);
        kernel?.run(command.range === 'above' ? ids.slice(0, at) : ids.slice(at));
        return select(id, 'command', 'keep', true);
      }
      case 'advance': {
        kernel?.run([id]);
        const next = neighbour(1);
        if (next) return select(next, 'command', 'keep', true);
        if (readOnly) return select(id, 'command', 'keep', true);
        return select(notebook.insertCell(at + 1, { type: 'code' }, ORIGIN.user), 'edit', 'start');
      }
      case 'insert':
        return select(notebook.insertCell(command.where === 'above' ? at : at + 1, { type: 'code' }, ORIGIN.user), 'command', 'keep', true);
      case 'delete': {
        const next = neighbour(1) ?? neighbour(-1) ?? null;
        notebook.deleteCell(id, ORIGIN.user);
        return select(next, 'command', 'keep', true);
      }
      case 'set-type':
        notebook.setCellType(id, command.cellType, ORIGIN.user);
        return select(id, 'command', 'keep', true);
      case 'select': {
        const next = neighbour(command.by);
        return select(next ?? id, 'command', 'keep', true);
      }
      case 'move':
        if (neighbour(command.by)) notebook.moveCell(id, at + command.by, ORIGIN.user);
        return select(id, 'command', 'keep', true);
      case 'undo':
        session.undoManager.undo();
        return;
      case 'redo':
        session.undoManager.redo();
        return;
    }
  };

  const cellActions: CellActions = {
    select: (id, nextMode) => select(id, nextMode),
    command: (id, command) => run(id, command),
    editorKeys: (id) => ({
      onFocus: () => select(id, 'edit'),
      onEscape: () => select(id, 'command', 'keep', true),
      onAdvance: () => run(id, { type: 'advance' }),
      onRun: () => run(id, { type: 'run' }),
      onLeave: (direction) => {
        const at = cells.findIndex((cell) => cell.id === id);
        const target = cells[at + direction];
        if (!target) return;
        if (target.type === 'markdown') select(target.id, 'command', 'keep', true);
        else select(target.id, 'edit', direction < 0 ? 'end' : 'start');
      },
    }),
  };
  // Cells hold this ref, not the object: they keep their props (and memo) while it sees the latest cells.
  const actions = useRef(cellActions);
  actions.current = cellActions;

  const register = useCallback((id: string, element: HTMLElement | null) => {
    if (element) elements.current.set(id, element);
    else elements.current.delete(id);
  }, []);

  // Command mode keeps the keyboard focus on the selected cell, also after it moved or a neighbour was deleted.
  useEffect(() => {
    if (!focusCell.current || mode !== 'command' || !selectedId) return;
    focusCell.current = false;
    const element = elements.current.get(selectedId);
    element?.focus({ preventScroll: true });
    element?.scrollIntoView({ block: 'nearest' });
  }, [selectedId, mode, cells]);

  // Others see which cell is selected; in edit mode the editor publishes the caret itself.
  useEffect(() => {
    if (session && mode === 'command' && selectedId) session.awareness.setLocalStateField('cursor', { cellId: selectedId, anchor: null, head: null });
  }, [session, mode, selectedId]);

  useFollow(session, following, setFollowing, elements);

  // Fetched now, not on the first cell: an empty notebook opened and then taken offline still gets editors.
  useEffect(() => void loadMonaco().catch(() => {}), []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    const id = target.getAttribute('role') === 'listitem' ? target.dataset.cellId : undefined;
    if (!id) return;
    if (mode === 'edit' && id === selectedId) {
      // The cell's editor is on its way (a frame or two): keys are not commands meanwhile.
      if (event.key === 'Escape') select(id, 'command', 'keep', true);
      return;
    }
    const pending = Date.now() - pendingDelete.current < deleteChordMs;
    const { command, pendingDelete: waiting } = commandModeKey(event, pending);
    pendingDelete.current = waiting ? Date.now() : 0;
    if (!command || (readOnly && changesNotebook(command))) return;
    event.preventDefault();
    run(id, command);
  }

  const add = (type: CellType) => {
    if (!session || !notebook) return;
    session.undoManager.stopCapturing();
    select(notebook.insertCell(cells.length, { type }, ORIGIN.user), 'edit', 'start');
    session.undoManager.stopCapturing();
  };
  const addButtons = !readOnly && (
    <>
      <Button variant="ghost" size="sm" onClick={() => add('code')}>
        + Code
      </Button>
      <Button variant="ghost" size="sm" onClick={() => add('markdown')}>
        + Markdown
      </Button>
    </>
  );

  if (!session || !snapshot.loaded) {
    return (
      <p className={styles.loading} role="status">
        Opening the notebook…
      </p>
    );
  }

  return (
    <>
      {snapshot.refusal && (
        <p className={styles.refusal} role="alert">
          {snapshot.refusal}
        </p>
      )}
      {cells.length === 0 ? (
        <EmptyState
          title="This notebook has no cells yet."
          description={readOnly ? undefined : 'Add a code cell to write TypeScript, or a Markdown cell for notes and math.'}
          action={addButtons && <div className={styles.addRow}>{addButtons}</div>}
        />
      ) : (
        <div role="list" aria-label="Cells" className={styles.list} onKeyDown={onKeyDown}>
          {cells.map((info, i) => (
            <CellView
              key={info.id}
              info={info}
              index={i}
              count={cells.length}
              selected={info.id === selectedId}
              tabStop={selectedId === null ? i === 0 : info.id === selectedId}
              editFocus={info.id === selectedId && mode === 'edit' ? selection.caret : null}
              readOnly={readOnly}
              session={session}
              actions={actions}
              register={register}
            />
          ))}
        </div>
      )}
      {cells.length > 0 && addButtons && (
        <div className={styles.addRow} aria-label="Add a cell at the end" role="group">
          {addButtons}
        </div>
      )}
    </>
  );
}
