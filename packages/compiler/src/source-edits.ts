import ts from 'typescript';
import { createPositionMapBuilder, type PositionMap } from './position-map.ts';

const lineBreak = /\r\n?|[\n\u2028\u2029]/g;
const notLineBreak = /[^\r\n\u2028\u2029]/g;

/**
 * The edits that turn a cell's TypeScript into the body of its script. Erased syntax is blanked (same
 * length, line breaks kept), so most of the body sits at the very line and column it has in the
 * source; only replacements (imports, `class C` -> `C = class C`, the returned last value) move text,
 * and they are padded with the line breaks they replace so lines never move.
 */
export interface SourceEdits {
  /** Overwrites [start, end) with spaces, line breaks kept; `lead` (e.g. ";" against ASI hazards) replaces its first characters. */
  blank(start: number, end: number, lead?: string): void;
  /** Replaces [start, end) (empty: an insertion) with `text`; stack positions inside `text` map to `start`. */
  replace(start: number, end: number, text: string): void;
  /** The edited source placed after `prefix` (on the same line) and before `suffix`, with the map of its positions. */
  apply(prefix: string, suffix: string): { code: string; positionMap: PositionMap };
}

interface Span {
  start: number;
  end: number;
  text: string;
}

export function createSourceEdits(sourceFile: ts.SourceFile): SourceEdits {
  const source = sourceFile.text;
  const blanks: Span[] = [];
  const replacements: Span[] = [];

  function blankedSource(): string {
    blanks.sort((a, b) => a.start - b.start);
    let out = '';
    let cursor = 0;
    for (const { start, end, text } of blanks) {
      if (end <= cursor) continue;
      const from = Math.max(start, cursor);
      const lead = from === start ? text : '';
      out += source.slice(cursor, from) + lead + source.slice(from + lead.length, end).replace(notLineBreak, ' ');
      cursor = end;
    }
    return out + source.slice(cursor);
  }

  return {
    blank(start, end, lead = '') {
      blanks.push({ start, end, text: lead });
    },
    replace(start, end, text) {
      replacements.push({ start, end, text });
    },
    apply(prefix, suffix) {
      const body = blankedSource();
      // Stable sort: an insertion at an offset comes before a replacement starting there.
      replacements.sort((a, b) => a.start - b.start || a.end - b.end);
      const map = createPositionMapBuilder();
      let code = prefix;
      let line = 0;
      let column = prefix.length;
      const emit = (text: string) => {
        code += text;
        let lastBreakEnd = -1;
        for (const match of text.matchAll(lineBreak)) {
          line++;
          lastBreakEnd = match.index + match[0].length;
        }
        column = lastBreakEnd < 0 ? column + text.length : text.length - lastBreakEnd;
      };
      const sourcePosition = (offset: number) => ts.getLineAndCharacterOfPosition(sourceFile, offset);
      let cursor = 0;
      for (const { start, end, text } of replacements) {
        if (start < cursor) throw new Error(`overlapping source edits at offset ${start}`);
        if (start > cursor) {
          map.source(line, column, sourcePosition(cursor));
          emit(body.slice(cursor, start));
        }
        map.fixed(line, column, sourcePosition(start));
        emit(text + (source.slice(start, end).match(lineBreak)?.join('') ?? ''));
        cursor = end;
      }
      if (cursor < body.length) {
        map.source(line, column, sourcePosition(cursor));
        emit(body.slice(cursor));
      }
      map.none(line, column);
      return { code: code + suffix, positionMap: map.build() };
    },
  };
}
