'use client';

import type * as Y from 'yjs';
import { editorMetrics } from './editor-metrics.ts';
import { useText } from './use-text.ts';
import styles from './cell-editor.module.css';

const { fontSize, lineHeight, padding, gutter } = editorMetrics;

/**
 * A cell's source as plain text, laid out like its Monaco editor, standing in for the editor
 * while the cell is far from the viewport or Monaco is loading.
 */
export function SourcePreview({ text }: { text: Y.Text }) {
  const source = useText(text);
  const lines = source.split('\n').length;
  return (
    <pre className={styles.preview} style={{ fontSize, lineHeight: `${lineHeight}px`, padding: `${padding}px ${gutter}px`, minHeight: lines * lineHeight + 2 * padding }}>
      {source}
    </pre>
  );
}
