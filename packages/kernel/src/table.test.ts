import { describe, expect, it } from 'vitest';
import { formatTable, isRecordArray } from './table.ts';

describe('formatTable (KERNEL-DISPLAY-2)', () => {
  it('makes a table with a column per key, in order of first appearance, and a row index', () => {
    const table = formatTable([{ name: 'iris', rows: 150 }, { name: 'mnist', classes: 10 }]);
    expect(table.html).toBe(
      '<table><thead><tr><th></th><th>name</th><th>rows</th><th>classes</th></tr></thead><tbody>' +
        '<tr><th>0</th><td>iris</td><td>150</td><td></td></tr>' +
        '<tr><th>1</th><td>mnist</td><td></td><td>10</td></tr>' +
        '</tbody></table>',
    );
    expect(table.text).toBe(['   name   rows  classes', '0  iris   150', '1  mnist        10'].join('\n'));
  });

  it('escapes HTML in keys and values', () => {
    const table = formatTable([{ '<b>': '<img src=x onerror=alert(1)>', q: `"'&` }]);
    expect(table.html).not.toContain('<img');
    expect(table.html).not.toContain('<b>');
    expect(table.html).toContain('<th>&#60;b&#62;</th>');
    expect(table.html).toContain('<td>&#60;img src=x onerror=alert(1)&#62;</td>');
    expect(table.html).toContain('<td>&#34;&#39;&#38;</td>');
  });

  it('shows the first 100 rows and says how many were left out', () => {
    const table = formatTable(Array.from({ length: 250 }, (_, index) => ({ index })));
    expect(table.html.match(/<tr><th>\d/g)).toHaveLength(100);
    expect(table.text).toContain('… 150 more rows (250 rows × 1 columns)');
  });

  it('recognises only non-empty arrays of plain objects as tables', () => {
    expect(isRecordArray([{ a: 1 }, Object.create(null)])).toBe(true);
    expect(isRecordArray([])).toBe(false);
    expect(isRecordArray([{ a: 1 }, [1]])).toBe(false);
    expect(isRecordArray([new Date()])).toBe(false);
  });
});
