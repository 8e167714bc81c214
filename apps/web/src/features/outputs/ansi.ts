/**
 * ANSI escape sequences in kernel text (coloured tracebacks, progress bars) parsed into styled
 * spans. Only SGR (`ESC[…m`) changes the style; every other escape sequence is dropped, so no
 * control characters ever reach the page.
 */

/** 0–15: a palette colour the theme defines; otherwise a CSS colour (`#rrggbb`). */
export type AnsiColor = number | string;

export interface AnsiStyle {
  fg?: AnsiColor;
  bg?: AnsiColor;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export interface AnsiSpan {
  text: string;
  style: AnsiStyle;
}

// CSI (ESC [ params final), OSC (ESC ] … BEL or ESC \), or a two-character escape.
const ESCAPE = /\x1b(?:\[([0-9;:?]*)([@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_]?)/g;

const CUBE_LEVELS = [0, 95, 135, 175, 215, 255];
const hex = (...channels: number[]) => `#${channels.map((value) => value.toString(16).padStart(2, '0')).join('')}`;

/** xterm's 256-colour table above the 16 theme colours: a 6×6×6 cube, then 24 greys. */
function xterm256(index: number): AnsiColor {
  if (index < 16) return index;
  if (index < 232) {
    const cube = index - 16;
    return hex(CUBE_LEVELS[Math.floor(cube / 36)]!, CUBE_LEVELS[Math.floor(cube / 6) % 6]!, CUBE_LEVELS[cube % 6]!);
  }
  const grey = 8 + (index - 232) * 10;
  return hex(grey, grey, grey);
}

const byte = (value: number | undefined) => value !== undefined && Number.isInteger(value) && value >= 0 && value <= 255;

/** Reads an extended colour (`5;n` or `2;r;g;b`) at `codes[at]`; returns it and how many codes it used. */
function extendedColor(codes: number[], at: number): { color: AnsiColor | undefined; used: number } {
  if (codes[at] === 5) return { color: byte(codes[at + 1]) ? xterm256(codes[at + 1]!) : undefined, used: 2 };
  if (codes[at] === 2) {
    const [r, g, b] = codes.slice(at + 1, at + 4);
    return { color: byte(r) && byte(g) && byte(b) ? hex(r!, g!, b!) : undefined, used: 4 };
  }
  return { color: undefined, used: 0 };
}

function applySgr(style: AnsiStyle, parameters: string): AnsiStyle {
  // `ESC[m` is a reset; `:` separates sub-parameters in the ITU form of extended colours.
  const codes = parameters === '' ? [0] : parameters.split(/[;:]/).map((part) => (part === '' ? 0 : Number(part)));
  let next: AnsiStyle = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (code === 0) next = {};
    else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 3) next.italic = true;
    else if (code === 4) next.underline = true;
    else if (code === 22) next.bold = next.dim = undefined;
    else if (code === 23) next.italic = undefined;
    else if (code === 24) next.underline = undefined;
    else if (code >= 30 && code <= 37) next.fg = code - 30;
    else if (code >= 90 && code <= 97) next.fg = code - 90 + 8;
    else if (code === 39) next.fg = undefined;
    else if (code >= 40 && code <= 47) next.bg = code - 40;
    else if (code >= 100 && code <= 107) next.bg = code - 100 + 8;
    else if (code === 49) next.bg = undefined;
    else if (code === 38 || code === 48) {
      const { color, used } = extendedColor(codes, i + 1);
      if (code === 38) next.fg = color;
      else next.bg = color;
      i += used;
    }
  }
  return Object.fromEntries(Object.entries(next).filter(([, value]) => value !== undefined));
}

const sameStyle = (a: AnsiStyle, b: AnsiStyle) =>
  a.fg === b.fg && a.bg === b.bg && a.bold === b.bold && a.dim === b.dim && a.italic === b.italic && a.underline === b.underline;

/** `text` as spans of plain text with their style; adjacent spans of one style are merged. */
export function parseAnsi(text: string): AnsiSpan[] {
  const spans: AnsiSpan[] = [];
  let style: AnsiStyle = {};
  const push = (chunk: string) => {
    if (!chunk) return;
    const last = spans.at(-1);
    if (last && sameStyle(last.style, style)) last.text += chunk;
    else spans.push({ text: chunk, style });
  };
  let position = 0;
  for (const match of text.matchAll(ESCAPE)) {
    push(text.slice(position, match.index));
    position = match.index + match[0].length;
    if (match[2] === 'm') style = applySgr(style, match[1]!);
  }
  push(text.slice(position));
  return spans;
}
