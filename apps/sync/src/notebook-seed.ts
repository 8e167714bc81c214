import { ORIGIN, seedNotebook } from '@cohort/notebook';
import type { Seed } from './document-store.ts';

/** What a new notebook's document holds when the server creates it: its title and one empty code cell. */
export const notebookSeed: Seed = (doc, notebook) => {
  seedNotebook(doc, { title: notebook.title, cells: [{ cell_type: 'code', source: '' }] }, ORIGIN.server);
};
