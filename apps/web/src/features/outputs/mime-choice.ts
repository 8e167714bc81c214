import type { MimeBundle } from '@cohort/notebook';

/** Vega-Lite MIME types we render; vega-lite 6 draws v4 and v5 specs too. */
export const VEGA_LITE_MIME_TYPES = ['application/vnd.vegalite.v6+json', 'application/vnd.vegalite.v5+json', 'application/vnd.vegalite.v4+json'] as const;

/** What the output area can draw, richest first: a bundle shows its first match only, as Jupyter does. */
export const MIME_PREFERENCE = [
  ...VEGA_LITE_MIME_TYPES,
  'text/html',
  'text/markdown',
  'image/svg+xml',
  'image/png',
  'application/json',
  'text/plain',
] as const;

export type RenderableMimeType = (typeof MIME_PREFERENCE)[number];

/** The richest MIME type of `bundle` the output area can draw, or null when it can draw none. */
export function chooseMimeType(bundle: MimeBundle): RenderableMimeType | null {
  return MIME_PREFERENCE.find((mimeType) => bundle[mimeType] !== undefined && bundle[mimeType] !== null) ?? null;
}
