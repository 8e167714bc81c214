'use client';

import { memo, useEffect, useRef, useState, type RefObject } from 'react';
import type { Output } from '@cohort/notebook';
import { AnsiText } from './ansi-text.tsx';
import { applyCarriageReturns } from './console-text.ts';
import { MimeOutput } from './mime-output.tsx';
import { sameJson } from './same-json.ts';
import styles from './output-area.module.css';

/** One output; redrawn only when its content changed, so a streaming cell leaves its chart alone. */
const OutputItem = memo(
  function OutputItem({ output, label }: { output: Output; label: string }) {
    switch (output.output_type) {
      case 'stream':
        return (
          <pre className={[styles.text, output.name === 'stderr' && styles.stderr].filter(Boolean).join(' ')} data-stream={output.name}>
            <AnsiText text={applyCarriageReturns(output.text)} />
          </pre>
        );
      case 'error':
        return (
          <div className={styles.error}>
            <p className={styles.errorTitle}>
              {output.ename}: {output.evalue}
            </p>
            {output.traceback.length > 0 && (
              <pre className={styles.text}>
                <AnsiText text={output.traceback.join('\n')} />
              </pre>
            )}
          </div>
        );
      default:
        return <MimeOutput data={output.data} metadata={output.metadata} label={label} />;
    }
  },
  (before, after) => before.label === after.label && sameJson(before.output, after.output),
);

/** Whether the content is taller than its bounded box, watched as it grows. */
function useOverflowing(element: RefObject<HTMLElement | null>, active: boolean, outputs: readonly Output[]): boolean {
  const [overflowing, setOverflowing] = useState(false);
  useEffect(() => {
    const box = element.current;
    if (!box || !active) return setOverflowing(false);
    const measure = () => setOverflowing(box.scrollHeight > box.clientHeight + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    for (const child of box.children) observer.observe(child);
    measure();
    return () => observer.disconnect();
  }, [element, active, outputs]);
  return overflowing;
}

export interface OutputAreaProps {
  outputs: readonly Output[];
  /** Names the area for assistive technology and tests, e.g. "Output of cell 3". */
  label: string;
}

/**
 * A code cell's outputs, under the cell: collapsible from the gutter, and bounded with a scroll
 * box when tall (as Jupyter's "scrolled" outputs), with a button to show them in full.
 */
export const OutputArea = memo(
  function OutputArea({ outputs, label }: OutputAreaProps) {
    const [collapsed, setCollapsed] = useState(false);
    const [expanded, setExpanded] = useState(false);
    const box = useRef<HTMLDivElement>(null);
    const overflowing = useOverflowing(box, !collapsed && !expanded, outputs);
    if (outputs.length === 0) return null;
    return (
      <section className={styles.area} aria-label={label}>
        <button
          type="button"
          className={styles.collapser}
          aria-expanded={!collapsed}
          aria-label={collapsed ? `Show ${label.toLowerCase()}` : `Hide ${label.toLowerCase()}`}
          title={collapsed ? 'Show output' : 'Hide output'}
          onClick={() => setCollapsed(!collapsed)}
        />
        {collapsed ? (
          <button type="button" className={styles.collapsedNote} onClick={() => setCollapsed(false)}>
            Output hidden ({outputs.length === 1 ? '1 output' : `${outputs.length} outputs`}) · Show
          </button>
        ) : (
          <div className={styles.content}>
            <div ref={box} className={expanded ? undefined : styles.scrolled} tabIndex={overflowing ? 0 : undefined}>
              {outputs.map((output, index) => (
                <OutputItem key={index} output={output} label={label} />
              ))}
            </div>
            {(overflowing || expanded) && (
              <button type="button" className={styles.sizeToggle} onClick={() => setExpanded(!expanded)}>
                {expanded ? 'Scroll output' : 'Show full output'}
              </button>
            )}
          </div>
        )}
      </section>
    );
  },
  (before, after) => before.label === after.label && sameJson(before.outputs, after.outputs),
);
