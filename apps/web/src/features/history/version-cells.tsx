'use client';

import DOMPurify from 'dompurify';
import { useMemo } from 'react';
import type { Cell, NotebookContent, Output } from '@cohort/notebook';
import 'katex/dist/katex.min.css';
import { markdownToHtml } from '@/features/editor/markdown-html';
import styles from './version.module.css';

/** Sanitised HTML of a Markdown cell; links open in a new tab, so a click never leaves the notebook. */
function markdownHtml(source: string): string {
  const fragment = DOMPurify.sanitize(markdownToHtml(source), { RETURN_DOM_FRAGMENT: true });
  for (const link of fragment.querySelectorAll('a[href]')) {
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
  }
  const container = document.createElement('div');
  container.append(fragment);
  return container.innerHTML;
}

function Markdown({ source }: { source: string }) {
  const html = useMemo(() => markdownHtml(source), [source]);
  return <div className={styles.markdown} dangerouslySetInnerHTML={{ __html: html }} />;
}

/**
 * An output, simply: images (as <img>, where SVG cannot run scripts) or the text form. HTML and
 * charts need the sandboxed renderers of the live notebook, so they show their text here.
 */
function OutputView({ output }: { output: Output }) {
  if (output.output_type === 'stream') return <pre className={styles.output}>{output.text}</pre>;
  if (output.output_type === 'error') {
    return <pre className={`${styles.output} ${styles.outputError}`}>{`${output.ename}: ${output.evalue}`}</pre>;
  }
  const png = output.data['image/png'];
  if (typeof png === 'string') return <img className={styles.image} src={`data:image/png;base64,${png}`} alt="Output image" />;
  const svg = output.data['image/svg+xml'];
  if (typeof svg === 'string') return <img className={styles.image} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt="Output image" />;
  const text = output.data['text/plain'];
  return typeof text === 'string' ? <pre className={styles.output}>{text}</pre> : null;
}

function CellView({ cell }: { cell: Cell }) {
  if (cell.cell_type === 'markdown') return <Markdown source={cell.source} />;
  if (cell.cell_type === 'raw') return <pre className={styles.source}>{cell.source}</pre>;
  return (
    <>
      <div className={styles.codeRow}>
        <span className={styles.count} aria-label="Execution count">
          [{cell.execution_count ?? ' '}]
        </span>
        <pre className={styles.source}>
          <code>{cell.source}</code>
        </pre>
      </div>
      {cell.outputs.length > 0 && (
        <div className={styles.outputs} aria-label="Outputs">
          {cell.outputs.map((output, i) => (
            <OutputView key={i} output={output} />
          ))}
        </div>
      )}
    </>
  );
}

/** A notebook as a version holds it, read-only: code as text, Markdown rendered, outputs as text and images. */
export function VersionCells({ content }: { content: NotebookContent }) {
  if (!content.cells.length) return <p className={styles.empty}>This version has no cells.</p>;
  return (
    <ol className={styles.cells} aria-label="Cells of this version">
      {content.cells.map((cell) => (
        <li key={cell.id} className={styles.cell} aria-label={`${cell.cell_type} cell`}>
          <CellView cell={cell} />
        </li>
      ))}
    </ol>
  );
}
