import * as Y from 'yjs';
import { ORIGIN } from './api.ts';
import { ROOT } from './keys.ts';

/**
 * Undo and redo for one person: tracks only transactions tagged `ORIGIN.user` on the cells
 * (order, types, sources, metadata), so undo never touches a peer's edits (they arrive untagged),
 * kernel outputs or server writes. Typing within `captureTimeout` ms is one step.
 */
export function createUndoManager(doc: Y.Doc, { captureTimeout = 500 }: { captureTimeout?: number } = {}): Y.UndoManager {
  return new Y.UndoManager(doc.getMap(ROOT.cells), { trackedOrigins: new Set([ORIGIN.user]), captureTimeout });
}
