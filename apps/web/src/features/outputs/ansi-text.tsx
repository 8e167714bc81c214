import { useMemo, type CSSProperties } from 'react';
import { parseAnsi, type AnsiColor, type AnsiSpan } from './ansi.ts';
import styles from './ansi-text.module.css';

function colorStyle(color: AnsiColor | undefined, property: 'color' | 'backgroundColor'): { className?: string; style?: CSSProperties } {
  if (color === undefined) return {};
  if (typeof color === 'number') return { className: styles[`${property === 'color' ? 'fg' : 'bg'}${color}`] };
  return { style: { [property]: color } };
}

function spanProps({ style }: AnsiSpan): { className?: string; style?: CSSProperties } {
  const fg = colorStyle(style.fg, 'color');
  const bg = colorStyle(style.bg, 'backgroundColor');
  const classes = [fg.className, bg.className, style.bold && styles.bold, style.dim && styles.dim, style.italic && styles.italic, style.underline && styles.underline];
  const className = classes.filter(Boolean).join(' ');
  return { ...(className ? { className } : {}), ...(fg.style || bg.style ? { style: { ...fg.style, ...bg.style } } : {}) };
}

/** Terminal text with its ANSI colours as styled spans; the text itself is only ever React text, never markup. */
export function AnsiText({ text }: { text: string }) {
  const spans = useMemo(() => parseAnsi(text), [text]);
  return spans.map((span, index) => {
    const props = spanProps(span);
    return props.className || props.style ? (
      <span key={index} {...props}>
        {span.text}
      </span>
    ) : (
      span.text
    );
  });
}
