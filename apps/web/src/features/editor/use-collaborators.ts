import { useEffect, useState } from 'react';
import { collaborators, type Collaborator } from './collaborators.ts';
import type { LiveSession } from './live-session.ts';

/** Everyone else in the notebook, updated as they come, go and move their cursors. */
export function useCollaborators(session: LiveSession | null): Collaborator[] {
  const [list, setList] = useState<Collaborator[]>([]);
  useEffect(() => {
    if (!session) return;
    const { awareness } = session;
    const read = () => setList(collaborators(awareness.getStates(), awareness.clientID));
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [session]);
  return list;
}
