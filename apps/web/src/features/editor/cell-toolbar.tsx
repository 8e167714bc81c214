'use client';

import type { MouseEvent, ReactNode } from 'react';
import type { CellType } from '@cohort/notebook';
import type { Command } from './command-keys.ts';
import { shortcutLabel } from './shortcut-label.ts';
import styles from './cell-toolbar.module.css';

export interface CellToolbarProps {
  /** Where the cell shows it (on hover, while selected). */
  className: string | undefined;
  label: string;
  type: CellType;
  first: boolean;
  last: boolean;
  onCommand: (command: Command) => void;
}

const icon = (path: ReactNode) => (
  <svg width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    {path}
  </svg>
);

const icons = {
  up: icon(<path d="M8 13V3M3.5 7.5 8 3l4.5 4.5" />),
  down: icon(<path d="M8 3v10M3.5 8.5 8 13l4.5-4.5" />),
  add: icon(<path d="M8 3v10M3 8h10" />),
  remove: icon(<path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 8.5h5.8l.6-8.5" />),
  runAbove: icon(<path d="M3 13h10M5 3.5v6l5-3z" />),
  runBelow: icon(<path d="M3 3h10M5 6.5v6l5-3z" />),
};

// Buttons keep the focus where it was (the cell or its editor), so the keyboard model carries on after a click.
const keepFocus = (event: MouseEvent) => event.preventDefault();

/** The thin toolbar a cell shows on hover and while selected: type, run above / below, move, insert, delete. */
export function CellToolbar({ className, label, type, first, last, onCommand }: CellToolbarProps) {
  const button = (name: string, keys: string, glyph: ReactNode, command: Command, disabled = false) => (
    <button
      type="button"
      className={styles.button}
      aria-label={name}
      title={keys ? `${name} (${shortcutLabel(keys)})` : name}
      disabled={disabled}
      onMouseDown={keepFocus}
      onClick={() => onCommand(command)}
    >
      {glyph}
    </button>
  );
  return (
    <div className={[styles.toolbar, className].filter(Boolean).join(' ')} role="toolbar" aria-label={`${label} actions`}>
      <select
        className={styles.type}
        aria-label="Cell type"
        title="Cell type (Y code, M Markdown, R raw)"
        value={type}
        onChange={(event) => onCommand({ type: 'set-type', cellType: event.target.value as CellType })}
      >
        <option value="code">Code</option>
        <option value="markdown">Markdown</option>
        <option value="raw">Raw</option>
      </select>
      {button('Run cells above', '', icons.runAbove, { type: 'run-range', range: 'above' }, first)}
      {button('Run this cell and below', '', icons.runBelow, { type: 'run-range', range: 'below' })}
      {button('Move cell up', 'mod+shift+↑', icons.up, { type: 'move', by: -1 }, first)}
      {button('Move cell down', 'mod+shift+↓', icons.down, { type: 'move', by: 1 }, last)}
      {button('Insert cell below', 'B', icons.add, { type: 'insert', where: 'below' })}
      {button('Delete cell', 'D, D', icons.remove, { type: 'delete' })}
    </div>
  );
}
