'use client';

import { useSyncExternalStore } from 'react';
import type { ColorScheme } from './html-frame-document.ts';

const darkQuery = '(prefers-color-scheme: dark)';

/** The user's explicit theme (`data-theme` on <html>, set by ThemeToggle); null while the system decides. */
function readChoice(): ColorScheme | null {
  const chosen = document.documentElement.dataset.theme;
  return chosen === 'light' || chosen === 'dark' ? chosen : null;
}

/** The theme in force: the user's explicit choice, else the system's. */
function readScheme(): ColorScheme {
  return readChoice() ?? (matchMedia(darkQuery).matches ? 'dark' : 'light');
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

/**
 * The theme the user picked, or null when the page follows the system: a frame can follow the
 * system by itself, at once, with no message from the page.
 */
export function useThemeChoice(): ColorScheme | null {
  return useSyncExternalStore(subscribe, readChoice, () => null);
}
