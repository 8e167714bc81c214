'use client';

import { useEffect, useRef, useState } from 'react';
import { FRAME_UPDATE_MESSAGE, htmlFrameDocument, reportedHeight } from './html-frame-document.ts';
import { useColorScheme } from './use-color-scheme.ts';
import styles from './output-area.module.css';

/** Taller content scrolls inside the frame, so a hostile page cannot make the notebook endless. */
const MAX_FRAME_HEIGHT = 4000;
const INITIAL_HEIGHT = 24;

/**
 * An HTML output in a frame sandboxed to scripts only: an opaque origin, so its scripts reach
 * neither the page, nor its cookies, nor the API. Sized to the height its content reports.
 */
export function HtmlFrame({ html, title }: { html: string; title: string }) {
  const scheme = useColorScheme();
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(INITIAL_HEIGHT);
  // The first markup and theme go in srcdoc; later ones are posted, so the frame never reloads.
  const [initial] = useState(() => ({ html, scheme, srcDoc: htmlFrameDocument(html, scheme) }));
  const loaded = useRef(false);
  const shown = useRef({ html, scheme });

  const sendUpdate = () => {
    const target = frame.current?.contentWindow;
    if (!loaded.current || !target) return;
    const { html: nextHtml, scheme: nextScheme } = shown.current;
    target.postMessage({ type: FRAME_UPDATE_MESSAGE, html: nextHtml, scheme: nextScheme }, '*');
  };

  useEffect(() => {
    if (shown.current.html === html && shown.current.scheme === scheme) return;
    shown.current = { html, scheme };
    sendUpdate();
  }, [html, scheme]);

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
      srcDoc={initial.srcDoc}
      style={{ height }}
      onLoad={() => {
        loaded.current = true;
        // What changed while the frame was loading.
        if (shown.current.html !== initial.html || shown.current.scheme !== initial.scheme) sendUpdate();
      }}
    />
  );
}
