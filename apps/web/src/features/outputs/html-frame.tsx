'use client';

import { useEffect, useRef, useState } from 'react';
import { FRAME_UPDATE_MESSAGE, htmlFrameDocument, reportedHeight, type FrameScheme } from './html-frame-document.ts';
import { useThemeChoice } from './use-color-scheme.ts';
import styles from './output-area.module.css';

/** Taller content scrolls inside the frame, so a hostile page cannot make the notebook endless. */
const MAX_FRAME_HEIGHT = 4000;
const INITIAL_HEIGHT = 24;

const hasScripts = (html: string) => /<script/i.test(html);

/**
 * An HTML output in a frame sandboxed to scripts only: an opaque origin, so its scripts reach
 * neither the page, nor its cookies, nor the API. Sized to the height its content reports.
 * Updates keep the frame: new markup without scripts and theme changes are posted to it; markup
 * with scripts reloads it, so they run once in a fresh page.
 */
export function HtmlFrame({ html, title }: { html: string; title: string }) {
  const scheme = useThemeChoice();
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(INITIAL_HEIGHT);
  const [loadedDocument, setLoadedDocument] = useState(() => ({ scheme, srcDoc: htmlFrameDocument(html, scheme) }));
  const loaded = useRef(false);
  const shownHtml = useRef(html);

  const post = (update: { html?: string; scheme?: FrameScheme }) => frame.current?.contentWindow?.postMessage({ type: FRAME_UPDATE_MESSAGE, ...update }, '*');

  useEffect(() => {
    if (html === shownHtml.current) return;
    shownHtml.current = html;
    if (loaded.current && !hasScripts(html)) return post({ html });
    loaded.current = false;
    setLoadedDocument({ scheme, srcDoc: htmlFrameDocument(html, scheme) });
    // The theme is read when the markup changes; a theme change alone is posted below.
  }, [html]);

  useEffect(() => {
    if (loaded.current) post({ scheme });
  }, [scheme]);

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.current?.contentWindow) return;
      const reported = reportedHeight(event.data);
      if (reported !== null) setHeight(Math.min(reported, MAX_FRAME_HEIGHT));
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);

  return (
    <iframe
      ref={frame}
      className={styles.frame}
      title={title}
      sandbox="allow-scripts"
      referrerPolicy="no-referrer"
      loading="lazy"
      srcDoc={loadedDocument.srcDoc}
      style={{ height }}
      onLoad={() => {
        loaded.current = true;
        // The theme changed while the frame was loading.
        if (scheme !== loadedDocument.scheme) post({ scheme });
      }}
    />
  );
}
