'use client';

import { useSyncExternalStore } from 'react';
import type { ColorScheme } from './html-frame-document.ts';

const darkQuery = '(prefers-color-scheme: dark)';

/** The theme in force: the user's explicit choice (`data-theme` on <html>), else the system's. */
function readScheme(): ColorScheme {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return matchMedia(darkQuery).matches ? 'dark' : 'light';
}

function subscribe(onChange: () => void): () => void {
  const media = matchMedia(darkQuery);
  media.addEventListener('change', onChange);
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => {
    media.removeEventListener('change', onChange);
    observer.disconnect();
  };
}

/**
 * The colour scheme the page shows, for content that cannot follow the CSS tokens itself:
 * sandboxed frames and charts, which draw with concrete colours.
 */
export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribe, readScheme, () => 'light');
}
