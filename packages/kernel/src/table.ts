/** Arrays of plain records as a table: escaped HTML for the notebook, aligned text for plain viewers. */
import { inspect } from './inspect.ts';

const MAX_ROWS = 100;
const MAX_COLUMNS = 50;
const MAX_CELL_CHARACTERS = 80;

export type PlainRecord = Record<string, unknown>;

export function isPlainRecord(value: unknown): value is PlainRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** An array whose every element is a plain object: what people hand to display() as a table. */
export function isRecordArray(value: unknown): value is PlainRecord[] {
  return Array.isArray(value) && value.length > 0 && value.every(isPlainRecord);
}

export interface Table {
  html: string;
  text: string;
}

export function formatTable(records: readonly PlainRecord[]): Table {
  const columns = [...new Set(records.flatMap((record) => Object.keys(record)))];
  const shownColumns = columns.slice(0, MAX_COLUMNS);
  const shownRows = records.slice(0, MAX_ROWS);
  const cell = (record: PlainRecord, column: string) => {
    if (!Object.hasOwn(record, column)) return '';
    const value = record[column];
    const text = typeof value === 'string' ? value : inspect(value, { depth: 1, items: 10 });
    return text.length > MAX_CELL_CHARACTERS ? `${text.slice(0, MAX_CELL_CHARACTERS - 1)}…` : text;
  };
  const header = ['', ...shownColumns];
  const rows = shownRows.map((record, index) => [String(index), ...shownColumns.map((column) => cell(record, column))]);
  const notes = [
    records.length > shownRows.length ? `${records.length - shownRows.length} more rows` : '',
    columns.length > shownColumns.length ? `${columns.length - shownColumns.length} more columns` : '',
  ].filter(Boolean);
  const footer = notes.length > 0 ? `… ${notes.join(', ')} (${records.length} rows × ${columns.length} columns)` : '';

  const html = [
    '<table>',
    `<thead><tr>${header.map((name) => `<th>${escapeHtml(name)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map(([index, ...values]) => `<tr><th>${escapeHtml(index!)}</th>${values.map((value) => `<td>${escapeHtml(value)}</td>`).join('')}</tr>`),
    '</tbody>',
    '</table>',
    footer ? `<p>${escapeHtml(footer)}</p>` : '',
  ].join('');

  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((value, column) => value.padEnd(widths[column]!)).join('  ').trimEnd();
  const text = [line(header), ...rows.map(line), ...(footer ? [footer] : [])].join('\n');
  return { html, text };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
