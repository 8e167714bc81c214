import { useEffect, type RefObject } from 'react';
import { collaborators } from './collaborators.ts';
import { editorMetrics } from './editor-metrics.ts';
import type { LiveSession } from './live-session.ts';
import { remoteCursors } from './remote-cursors.ts';

/** Scrolls so the line at `line` of a cell sits in the middle band of the window, unless it is there already. */
function reveal(cell: HTMLElement, line: number): void {
  const top = cell.getBoundingClientRect().top + editorMetrics.padding + line * editorMetrics.lineHeight;
  const height = window.innerHeight;
  if (top > height * 0.2 && top < height * 0.8) return;
  window.scrollTo({ top: window.scrollY + top - height / 2, behavior: 'smooth' });
}

/**
 * While following a collaborator, keeps their cursor's cell (and line) on screen. Following
 * stops when they leave or when you act: a key, a click or tap outside the presence bar, a scroll.
 */
export function useFollow(
  session: LiveSession | null,
  following: number | null,
  setFollowing: (clientId: number | null) => void,
  cellElements: RefObject<Map<string, HTMLElement>>,
): void {
  useEffect(() => {
    if (!session || following === null) return;
    const { awareness, notebook } = session;
    let last = '';
    const follow = () => {
      const person = collaborators(awareness.getStates(), awareness.clientID).find((candidate) => candidate.clientId === following);
      if (!person) return setFollowing(null);
      const cellId = person.cursor?.cellId;
      const cell = cellId ? cellElements.current.get(cellId) : undefined;
      const text = cellId ? notebook.sourceText(cellId) : undefined;
      if (!cellId || !cell || !text) return;
      const head = remoteCursors([person], cellId, text)[0]?.head ?? 0;
      const line = text.toString().slice(0, head).split('\n').length - 1;
      const where = `${cellId}:${line}`;
      if (where === last) return;
      last = where;
      reveal(cell, line);
    };
    follow();
    awareness.on('change', follow);

    const stop = (event: Event) => {
      // Clicking (or pressing Enter or Space on) an avatar is choosing whom to follow, handled there.
      const onAvatars = event.target instanceof Element && event.target.closest('[data-presence-bar]');
      const choosing = event.type === 'pointerdown' || (event instanceof KeyboardEvent && (event.key === 'Enter' || event.key === ' '));
      if (!(onAvatars && choosing)) setFollowing(null);
    };
    const events = ['keydown', 'pointerdown', 'wheel', 'touchmove'] as const;
    for (const type of events) window.addEventListener(type, stop, { capture: true, passive: true });
    return () => {
      awareness.off('change', follow);
      for (const type of events) window.removeEventListener(type, stop, { capture: true });
    };
  }, [session, following, setFollowing, cellElements]);
}
