import { describe, expect, it } from 'vitest';
import { parseAnsi } from './ansi.ts';

const ESC = '\x1b';

describe('parseAnsi', () => {
  it('leaves text without escapes as one unstyled span', () => {
    expect(parseAnsi('loss: 0.25\n')).toEqual([{ text: 'loss: 0.25\n', style: {} }]);
    expect(parseAnsi('')).toEqual([]);
  });

  it('colours an IPython-style traceback line and resets after it', () => {
    const line = `${ESC}[0;31mTypeError${ESC}[0m: ${ESC}[1;32mx${ESC}[0m is not a function`;
    expect(parseAnsi(line)).toEqual([
      { text: 'TypeError', style: { fg: 1 } },
      { text: ': ', style: {} },
      { text: 'x', style: { bold: true, fg: 2 } },
      { text: ' is not a function', style: {} },
    ]);
  });

  it('reads bright, background, 256-colour and true-colour codes', () => {
    expect(parseAnsi(`${ESC}[92;44ma`)).toEqual([{ text: 'a', style: { fg: 10, bg: 4 } }]);
    expect(parseAnsi(`${ESC}[101ma`)).toEqual([{ text: 'a', style: { bg: 9 } }]);
    expect(parseAnsi(`${ESC}[38;5;9ma${ESC}[38;5;196mb${ESC}[38;5;244mc`)).toEqual([
      { text: 'a', style: { fg: 9 } },
      { text: 'b', style: { fg: '#ff0000' } },
      { text: 'c', style: { fg: '#808080' } },
    ]);
    expect(parseAnsi(`${ESC}[48;2;18;52;86;3ma`)).toEqual([{ text: 'a', style: { bg: '#123456', italic: true } }]);
    expect(parseAnsi(`${ESC}[38:2:255:0:0ma`)).toEqual([{ text: 'a', style: { fg: '#ff0000' } }]);
  });

  it('turns attributes off one by one and treats ESC[m as a reset', () => {
    expect(parseAnsi(`${ESC}[1;4;33ma${ESC}[22mb${ESC}[24;39mc${ESC}[3md${ESC}[me`)).toEqual([
      { text: 'a', style: { bold: true, underline: true, fg: 3 } },
      { text: 'b', style: { underline: true, fg: 3 } },
      { text: 'c', style: {} },
      { text: 'd', style: { italic: true } },
      { text: 'e', style: {} },
    ]);
  });

  it('drops cursor moves, erases, titles and malformed colours without leaking escape characters', () => {
    const spans = parseAnsi(`a${ESC}[2K${ESC}[1Ab${ESC}]0;title\x07c${ESC}[38;5mdd${ESC}[?25le${ESC}`);
    expect(spans.map((span) => span.text).join('')).toBe('abcdde');
    expect(JSON.stringify(spans)).not.toContain(ESC);
  });

  it('merges neighbouring text of the same style', () => {
    expect(parseAnsi(`${ESC}[31ma${ESC}[31mb${ESC}[0m`)).toEqual([{ text: 'ab', style: { fg: 1 } }]);
  });
});
