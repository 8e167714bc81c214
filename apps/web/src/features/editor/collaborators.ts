/**
 * Who else is in the notebook, read from awareness states. The sync server sets each state's
 * `user` from the socket's token; a client only sets its `cursor`. States are still checked here,
 * since they are other people's JSON.
 */

/** A caret and selection end as `Y.RelativePosition` JSON; null while the person has a cell selected but is not editing it. */
export interface CursorState {
  cellId: string;
  anchor: unknown;
  head: unknown;
}

export interface Collaborator {
  clientId: number;
  name: string;
  handle: string;
  /** `#rrggbb`, safe to put in a style. */
  color: string;
  cursor: CursorState | null;
}

const hexColor = /^#[0-9a-f]{6}$/i;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function readCursor(value: unknown): CursorState | null {
  if (!isRecord(value) || typeof value.cellId !== 'string') return null;
  return { cellId: value.cellId, anchor: value.anchor ?? null, head: value.head ?? null };
}

/** Everyone but this client, in the order they arrived. */
export function collaborators(states: ReadonlyMap<number, unknown>, selfClientId: number): Collaborator[] {
  const result: Collaborator[] = [];
  for (const [clientId, state] of states) {
    if (clientId === selfClientId || !isRecord(state) || !isRecord(state.user)) continue;
    const { name, handle, color } = state.user;
    if (typeof name !== 'string' || typeof handle !== 'string' || typeof color !== 'string' || !hexColor.test(color)) continue;
    result.push({ clientId, name, handle, color: color.toLowerCase(), cursor: readCursor(state.cursor) });
  }
  return result;
}

/** One entry per person (a person may have the notebook open in several tabs). */
export function distinctPeople(list: readonly Collaborator[]): Collaborator[] {
  const seen = new Set<string>();
  return list.filter((person) => !seen.has(person.handle) && Boolean(seen.add(person.handle)));
}
