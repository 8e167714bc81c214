import katex from 'katex';
import { Marked, type TokenizerAndRendererExtension } from 'marked';

/** Untrusted TeX: KaTeX's defaults keep `\href`, `\url` and friends off (trust: false); errors render in place. */
const tex = (source: string, displayMode: boolean) => katex.renderToString(source, { displayMode, throwOnError: false });

const firstIndex = (src: string, token: string): number | undefined => {
  const index = src.indexOf(token);
  return index < 0 ? undefined : index;
};

const displayMath: TokenizerAndRendererExtension = {
  name: 'displayMath',
  level: 'block',
  start: (src) => firstIndex(src, '$$'),
  tokenizer(src) {
    const match = /^\$\$([\s\S]+?)\$\$[ \t]*(?:\n+|$)/.exec(src);
    return match ? { type: 'displayMath', raw: match[0], text: match[1]!.trim() } : undefined;
  },
  renderer: (token) => `<div class="math-display">${tex(String(token.text), true)}</div>\n`,
};

const inlineMath: TokenizerAndRendererExtension = {
  name: 'inlineMath',
  level: 'inline',
  start: (src) => firstIndex(src, '$'),
  tokenizer(src) {
    const display = /^\$\$([^$]+?)\$\$/.exec(src);
    if (display) return { type: 'inlineMath', raw: display[0], text: display[1]!.trim(), display: true };
    // Pandoc's rule, so prices stay text: no space inside the dollars, no digit right after the closing one.
    const inline = /^\$(?!\s)((?:\\\$|[^$\n])+?)(?<!\s)\$(?!\d)/.exec(src);
    return inline ? { type: 'inlineMath', raw: inline[0], text: inline[1]!, display: false } : undefined;
  },
  renderer: (token) => tex(String(token.text), token.display === true),
};

const markdown = new Marked({ gfm: true, extensions: [displayMath, inlineMath] });

/** A Markdown cell as HTML, with `$…$` and `$$…$$` typeset by KaTeX. Not sanitised: the caller must sanitise it. */
export function markdownToHtml(source: string): string {
  return markdown.parse(source, { async: false });
}
