'use client';

import { memo, useRef, type RefObject } from 'react';
import type { CellType } from '@cohort/notebook';
import { CellRunButton, CellRunStatus } from '@/features/kernel/cell-run';
import { useCellRun, useKernel } from '@/features/kernel/use-kernel';
import { CellEditor, type EditorKeys } from './cell-editor.tsx';
import { CellToolbar } from './cell-toolbar.tsx';
import { OutputArea } from '../outputs/output-area.tsx';
import type { Command } from './command-keys.ts';
import type { LiveSession } from './live-session.ts';
import { MarkdownView } from './markdown-view.tsx';
import { SourcePreview } from './source-preview.tsx';
import type { CellInfo } from './use-cells.ts';
import { useNearViewport } from './use-near-viewport.ts';
import styles from './cell-view.module.css';

/** What the notebook does for one cell; stable across renders (read through a ref). */
export interface CellActions {
  select(id: string, mode: 'command' | 'edit'): void;
  command(id: string, command: Command): void;
  editorKeys(id: string): EditorKeys;
}

export interface CellViewProps {
  info: CellInfo;
  index: number;
  count: number;
  selected: boolean;
  /** Tab stop of the list (the selected cell, or the first). */
  tabStop: boolean;
  /** Where the caret goes when this cell's editor should hold the focus; null outside edit mode. */
  editFocus: 'start' | 'end' | 'keep' | null;
  readOnly: boolean;
  session: LiveSession;
  actions: RefObject<CellActions>;
  register: (id: string, element: HTMLElement | null) => void;
}

const typeNames: Record<CellType, string> = { code: 'Code', markdown: 'Markdown', raw: 'Raw' };
const languages = { code: 'typescript', markdown: 'markdown', raw: 'plaintext' } as const;

/** One cell: gutter, editor (mounted only near the viewport) or rendered Markdown, toolbar. */
export const CellView = memo(function CellView({ info, index, count, selected, tabStop, editFocus, readOnly, session, actions, register }: CellViewProps) {
  const element = useRef<HTMLDivElement | null>(null);
  const near = useNearViewport(element);
  const keys = useRef<EditorKeys>(actions.current.editorKeys(info.id));
  keys.current = actions.current.editorKeys(info.id);

  const { id, type, source } = info;
  const kernel = useKernel();
  const run = useCellRun(session.notebook, id);
  const executionCount = run.local ? run.local.executionCount : info.executionCount;
  const editing = editFocus !== null;
  const label = `${typeNames[type]} cell ${index + 1}`;
  const rendered = type === 'markdown' && !editing;

  return (
    <div
      ref={(node) => {
        element.current = node;
        register(id, node);
      }}
      role="listitem"
      aria-label={label}
      aria-current={selected || undefined}
      tabIndex={tabStop ? 0 : -1}
      data-cell-id={id}
      className={[styles.cell, styles[type], selected && styles.selected, editing && styles.editing].filter(Boolean).join(' ')}
      onFocus={(event) => {
        if (event.target === event.currentTarget) actions.current.select(id, 'command');
      }}
      onDoubleClick={() => {
        if (rendered) actions.current.command(id, { type: 'edit' });
      }}
    >
      <div className={styles.gutter}>
        {type === 'code' && kernel && <CellRunButton label={label} onRun={() => actions.current.command(id, { type: 'run' })} />}
        {type === 'code' && (
          <span
            className={styles.count}
            aria-hidden="true"
            title={executionCount === null ? 'Not run yet' : `Execution count ${executionCount}`}
          >
            [{run.pending === 'running' ? '*' : (executionCount ?? ' ')}]
          </span>
        )}
      </div>
      <div className={styles.body}>
        {rendered ? (
          <MarkdownView text={source} />
        ) : near || editing ? (
          <CellEditor
            cellId={id}
            label={label}
            text={source}
            language={languages[type]}
            readOnly={readOnly}
            focus={editFocus}
            session={session}
            keys={keys}
          />
        ) : (
          <SourcePreview text={source} />
        )}
      </div>
      {type === 'code' && <CellRunStatus run={run} selfId={kernel?.userId ?? null} />}
      {type === 'code' && <OutputArea outputs={run.local?.outputs ?? info.outputs} label={`Output of cell ${index + 1}`} />}
      {!readOnly && (
        <CellToolbar
          className={styles.toolbar}
          label={label}
          type={type}
          first={index === 0}
          last={index === count - 1}
          onCommand={(command) => actions.current.command(id, command)}
        />
      )}
    </div>
  );
});
