import * as Y from 'yjs';
import type { Collaborator } from './collaborators.ts';

export interface RemoteCursor {
  clientId: number;
  name: string;
  color: string;
  /** Offsets into the cell's text; equal when nothing is selected. */
  anchor: number;
  head: number;
}

function offsetIn(text: Y.Text, json: unknown): number | null {
  if (json === null) return null;
  try {
    const position = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), text.doc!);
    return position && position.type === text ? position.index : null;
  } catch {
    return null;
  }
}

/** The carets and selections of collaborators inside `text`, the source of cell `cellId`. */
export function remoteCursors(people: readonly Collaborator[], cellId: string, text: Y.Text): RemoteCursor[] {
  const cursors: RemoteCursor[] = [];
  for (const person of people) {
    if (person.cursor?.cellId !== cellId) continue;
    const head = offsetIn(text, person.cursor.head);
    if (head === null) continue;
    const anchor = offsetIn(text, person.cursor.anchor) ?? head;
    cursors.push({ clientId: person.clientId, name: person.name, color: person.color, anchor, head });
  }
  return cursors;
}

/** The awareness `cursor` for a caret or selection in `text`. */
export function cursorState(cellId: string, text: Y.Text, anchor: number, head: number) {
  return {
    cellId,
    anchor: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, anchor)),
    head: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, head)),
  };
}
