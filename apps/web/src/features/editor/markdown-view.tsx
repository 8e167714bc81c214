'use client';

import DOMPurify from 'dompurify';
import { useMemo } from 'react';
import type * as Y from 'yjs';
import 'katex/dist/katex.min.css';
import { markdownToHtml } from './markdown-html.ts';
import { useText } from './use-text.ts';
import styles from './markdown-view.module.css';

let linksOpenElsewhere = false;

/** Sanitised HTML of a cell; links open in a new tab so a click never leaves the notebook. */
export function sanitize(html: string): string {
  if (!linksOpenElsewhere) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName !== 'A' || !node.hasAttribute('href')) return;
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    });
    linksOpenElsewhere = true;
  }
  return DOMPurify.sanitize(html);
}

/** A Markdown cell, rendered: sanitised HTML with KaTeX math. */
export function MarkdownView({ text }: { text: Y.Text }) {
  const source = useText(text);
  const html = useMemo(() => sanitize(markdownToHtml(source)), [source]);
  if (!source.trim()) return <p className={styles.empty}>Empty Markdown cell. Double-click or press Enter to edit.</p>;
  return <div className={styles.markdown} dangerouslySetInnerHTML={{ __html: html }} />;
}
