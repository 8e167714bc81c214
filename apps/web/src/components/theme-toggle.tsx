'use client';

import { useSyncExternalStore } from 'react';
import { Button } from './button';
import { THEME_STORAGE_KEY } from './theme-script';

type ThemeChoice = 'system' | 'light' | 'dark';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The applied theme (set by themeInitScript from storage, then by this toggle). */
function readChoice(): ThemeChoice {
  const applied = document.documentElement.dataset.theme;
  return applied === 'light' || applied === 'dark' ? applied : 'system';
}

function applyChoice(choice: ThemeChoice) {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  try {
    if (choice === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Storage unavailable (e.g. blocked): the choice lasts for this page only.
  }
  listeners.forEach((listener) => listener());
}

/** Cycles the theme: system → light → dark → system. */
export function ThemeToggle() {
  const choice = useSyncExternalStore(subscribe, readChoice, () => 'system' as const);
  const next = NEXT[choice];
  return (
    <Button
      variant="ghost"
      size="sm"
      aria-label={`Theme: ${LABEL[choice]}. Switch to ${LABEL[next].toLowerCase()}`}
      title={`Theme: ${LABEL[choice]}`}
      onClick={() => applyChoice(next)}
    >
      {LABEL[choice]}
    </Button>
  );
}
