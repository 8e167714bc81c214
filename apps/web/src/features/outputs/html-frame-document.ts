/** The message type an HTML output's frame sends its content height with. */
export const FRAME_HEIGHT_MESSAGE = 'cohort-output-height';
/** The message type the parent sends new markup (`update_display_data`) or a new theme with. */
export const FRAME_UPDATE_MESSAGE = 'cohort-output-update';

export type ColorScheme = 'light' | 'dark';
/** A frame's theme: the user's explicit choice, or null to follow the system's like the page does. */
export type FrameScheme = ColorScheme | null;

// Runs in the frame before the output's own markup, so broken or hostile markup cannot stop it.
// Reports the document's height whenever it changes (the parent trusts only its own frame's
// window), and takes updates from the parent only: new markup without scripts (a progress bar
// redrawn many times a second) replaces the body instead of reloading the frame; a new theme
// switches the palette.
const frameScript = `(() => {
  let last = -1;
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    parent.postMessage({ type: ${JSON.stringify(FRAME_HEIGHT_MESSAGE)}, height }, '*');
  };
  new ResizeObserver(report).observe(document.documentElement);
  addEventListener('load', report);
  addEventListener('message', (event) => {
    const { type, html, scheme } = event.source === parent && event.data ? event.data : {};
    if (type !== ${JSON.stringify(FRAME_UPDATE_MESSAGE)}) return;
    if (scheme === 'light' || scheme === 'dark') document.documentElement.dataset.scheme = scheme;
    else if (scheme === null) delete document.documentElement.dataset.scheme;
    if (typeof html === 'string') document.body.innerHTML = html;
  });
})();`;

// The app's palette for tables and text (the frame cannot see the page's CSS variables).
const frameStyle = `
:root { color-scheme: light dark; }
:root[data-scheme="light"] { color-scheme: light; }
:root[data-scheme="dark"] { color-scheme: dark; }
html, body { margin: 0; background: transparent; }
body {
  padding: 4px 12px;
  color: light-dark(#18181b, #ececef);
  font: 13px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  overflow-wrap: anywhere;
}
a { color: light-dark(#4338ca, #a5b4fc); }
pre, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: 4px 0; }
th, td { padding: 4px 10px; border-bottom: 1px solid light-dark(#e4e4e7, #2c2c31); text-align: right; vertical-align: top; }
th { font-weight: 600; }
thead th { border-bottom-color: light-dark(#d1d1d6, #3f3f46); }
tbody tr:nth-child(odd) { background: light-dark(#f4f4f5, #1f1f23); }
tbody tr:hover { background: light-dark(#ededf0, #27272b); }
progress { accent-color: #4f46e5; }
`;

/**
 * The `srcdoc` of a sandboxed frame showing an HTML output: the output's markup, the app's
 * palette in the user's chosen colour scheme (or the system's), and a script that posts the content height to the parent
 * and applies updates the parent posts.
 */
export function htmlFrameDocument(html: string, scheme: FrameScheme): string {
  return `<!doctype html><html${scheme ? ` data-scheme="${scheme}"` : ''}><head><meta charset="utf-8"><style>${frameStyle}</style><script>${frameScript}</script></head><body>${html}</body></html>`;
}

/** The height a frame reported, if `data` is such a report. */
export function reportedHeight(data: unknown): number | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, height } = data as { type?: unknown; height?: unknown };
  return type === FRAME_HEIGHT_MESSAGE && typeof height === 'number' && Number.isFinite(height) && height >= 0 ? height : null;
}
