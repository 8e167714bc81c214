import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LiveSession, LiveSnapshot } from './live-session.ts';

export interface LiveContextValue {
  /** null until the browser has opened the notebook (never on the server). */
  session: LiveSession | null;
  snapshot: LiveSnapshot;
  /** Viewers and commenters, by the latest sync token (or the page's role before the first). */
  readOnly: boolean;
  /** The awareness client id of the collaborator being followed. */
  following: number | null;
  setFollowing: (clientId: number | null) => void;
}

export const LiveContext = createContext<LiveContextValue | null>(null);

/** The open notebook, for components under `LiveNotebook`. */
export function useLive(): LiveContextValue {
  const live = useContext(LiveContext);
  if (!live) throw new Error('useLive: not inside <LiveNotebook>');
  return live;
}

const initial: LiveSnapshot = { state: 'syncing', loaded: false, role: null, refusal: null };
const noSubscription = () => () => {};

export function useLiveSnapshot(session: LiveSession | null): LiveSnapshot {
  return useSyncExternalStore(
    session ? session.subscribe : noSubscription,
    () => session?.snapshot() ?? initial,
    () => initial,
  );
}
