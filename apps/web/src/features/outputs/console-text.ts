/**
 * Stream text as a terminal shows it: a carriage return moves back to the start of the line, so
 * the next text overwrites it (how progress bars redraw themselves). `\r\n` is a plain newline.
 */
export function applyCarriageReturns(text: string): string {
  if (!text.includes('\r')) return text;
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => {
      let shown = '';
      for (const segment of line.split('\r')) shown = segment + shown.slice(segment.length);
      return shown;
    })
    .join('\n');
}
