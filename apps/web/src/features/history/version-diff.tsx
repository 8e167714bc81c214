'use client';

import type { CellDiff, CellDiffStatus, CellPart, NotebookDiff } from '@cohort/notebook';
import { Badge, type BadgeTone } from '@/components';
import styles from './version.module.css';

const statusText: Record<CellDiffStatus, { label: string; tone: BadgeTone }> = {
  added: { label: 'Added since', tone: 'success' },
  removed: { label: 'Removed since', tone: 'danger' },
  changed: { label: 'Changed', tone: 'warning' },
  moved: { label: 'Moved', tone: 'accent' },
  unchanged: { label: 'Unchanged', tone: 'neutral' },
};

const partText: Record<CellPart, string> = {
  cell_type: 'type',
  source: 'source',
  metadata: 'metadata',
  outputs: 'outputs',
  execution_count: 'execution count',
  attachments: 'attachments',
};

const lineStyle = {
  same: { prefix: ' ', className: styles.lineSame },
  removed: { prefix: '−', className: styles.lineRemoved },
  added: { prefix: '+', className: styles.lineAdded },
} as const;
const cellStyle: Partial<Record<CellDiffStatus, string | undefined>> = {
  added: styles.cellAdded,
  removed: styles.cellRemoved,
  changed: styles.cellChanged,
};

function Lines({ cell }: { cell: CellDiff }) {
  if (!cell.lines.length) return <p className={styles.empty}>Empty source.</p>;
  return (
    <pre className={styles.diffLines}>
      {cell.lines.map((line, i) => (
        <span key={i} className={lineStyle[line.kind].className}>
          <span className={styles.prefix} aria-hidden="true">
            {lineStyle[line.kind].prefix}
          </span>
          {line.kind !== 'same' && <span className={styles.srOnly}>{line.kind === 'added' ? 'added: ' : 'removed: '}</span>}
          {line.text}
        </span>
      ))}
    </pre>
  );
}

function CellChange({ cell }: { cell: CellDiff }) {
  const { label, tone } = statusText[cell.status];
  const details = [
    ...cell.changed.filter((part) => part !== 'source').map((part) => `${partText[part]} changed`),
    ...(cell.status === 'changed' && cell.moved ? ['moved'] : []),
  ];
  const header = (
    <>
      <Badge tone={tone}>{label}</Badge>
      <span className={styles.cellType}>{cell.cellType}</span>
      {details.length > 0 && <span className={styles.details}>{details.join(', ')}</span>}
    </>
  );
  // Cells the version and now agree on are folded away, named by their first line; the rest is a click away.
  if (cell.status === 'unchanged' || cell.status === 'moved') {
    return (
      <details className={styles.diffCell}>
        <summary className={styles.diffHeader}>
          {header}
          <span className={styles.preview}>{cell.lines.find((line) => line.text.trim())?.text}</span>
        </summary>
        <Lines cell={cell} />
      </details>
    );
  }
  return (
    <div className={`${styles.diffCell} ${cellStyle[cell.status] ?? ''}`}>
      <div className={styles.diffHeader}>{header}</div>
      <Lines cell={cell} />
    </div>
  );
}

/** How the notebook now differs from a version: cells added, removed, changed (line by line, green and red), moved. */
export function VersionDiff({ diff, versionLabel }: { diff: NotebookDiff; versionLabel: string }) {
  const differing = diff.cells.filter((cell) => cell.status !== 'unchanged').length;
  return (
    <div className={styles.diff}>
      <p className={styles.summary}>
        {differing === 0 && diff.changed.length === 0
          ? `The notebook is the same as “${versionLabel}”.`
          : `From “${versionLabel}” to now: ${differing} cell${differing === 1 ? '' : 's'} differ${differing === 1 ? 's' : ''}${
              diff.changed.length ? `; the notebook's ${diff.changed.join(', ')} changed` : ''
            }.`}
      </p>
      <ol className={styles.cells} aria-label="Changes since this version">
        {diff.cells.map((cell) => (
          <li key={`${cell.status}-${cell.id}`}>
            <CellChange cell={cell} />
          </li>
        ))}
      </ol>
    </div>
  );
}
