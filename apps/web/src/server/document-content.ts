import * as Y from 'yjs';
import { openNotebook, type NotebookContent } from '@cohort/notebook';

/** The notebook a document state (a Yjs update, e.g. a stored version) holds. */
export function documentContent(state: Uint8Array): NotebookContent {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const content = openNotebook(doc).toJSON();
  doc.destroy();
  return content;
}
