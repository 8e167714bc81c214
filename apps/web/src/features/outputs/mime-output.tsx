'use client';

import { useMemo } from 'react';
import type { JsonObject, JsonValue, MimeBundle } from '@cohort/notebook';
import { sanitize } from '../editor/markdown-view.tsx';
import { markdownToHtml } from '../editor/markdown-html.ts';
import { AnsiText } from './ansi-text.tsx';
import { HtmlFrame } from './html-frame.tsx';
import { isJsonObject } from './json-object.ts';
import { chooseMimeType, VEGA_LITE_MIME_TYPES } from './mime-choice.ts';
import { VegaChart } from './vega-chart.tsx';
import markdownStyles from '../editor/markdown-view.module.css';
import styles from './output-area.module.css';

/** Text MIME values are strings; nbformat also allows a list of lines. */
function asText(value: JsonValue | undefined): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((line) => typeof line === 'string')) return value.join('');
  return JSON.stringify(value);
}

function MarkdownOutput({ text }: { text: string }) {
  const html = useMemo(() => sanitize(markdownToHtml(text)), [text]);
  return <div className={markdownStyles.markdown} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** `metadata[mimeType].width/height`, as Jupyter gives image sizes. */
function imageSize(metadata: JsonObject, mimeType: string): { width?: number; height?: number } {
  const entry = metadata[mimeType];
  if (!isJsonObject(entry)) return {};
  const { width, height } = entry;
  return { ...(typeof width === 'number' ? { width } : {}), ...(typeof height === 'number' ? { height } : {}) };
}

/** A display or result: the richest representation of `data` this page can draw. */
export function MimeOutput({ data, metadata, label }: { data: MimeBundle; metadata: JsonObject; label: string }) {
  const mimeType = chooseMimeType(data);
  if (mimeType === null) {
    return <p className={styles.notice}>No way to show {Object.keys(data).join(', ') || 'this output'} here.</p>;
  }
  const value = data[mimeType];
  const where = label.charAt(0).toLowerCase() + label.slice(1);
  // The plain-text form, when the kernel sent one, describes an image better than a generic word.
  const plain = data['text/plain'] === undefined ? null : asText(data['text/plain']);
  if ((VEGA_LITE_MIME_TYPES as readonly string[]).includes(mimeType)) {
    return isJsonObject(value) ? <VegaChart spec={value} label={`Chart in ${where}`} /> : <p className={styles.notice}>This chart is not a Vega-Lite spec.</p>;
  }
  switch (mimeType) {
    case 'text/html':
      return <HtmlFrame html={asText(value)} title={`HTML ${where}`} />;
    case 'text/markdown':
      return <MarkdownOutput text={asText(value)} />;
    case 'image/svg+xml':
      // As an image, an SVG's scripts never run and its links never navigate.
      return <img className={styles.image} alt={plain ?? `Image in ${where}`} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(asText(value))}`} {...imageSize(metadata, mimeType)} />;
    case 'image/png':
      return <img className={styles.image} alt={plain ?? `Image in ${where}`} src={`data:image/png;base64,${asText(value).replace(/\s+/g, '')}`} {...imageSize(metadata, mimeType)} />;
    case 'application/json':
      return <pre className={styles.text}>{JSON.stringify(value, null, 2)}</pre>;
    default:
      return (
        <pre className={styles.text}>
          <AnsiText text={asText(value)} />
        </pre>
      );
  }
}
