import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The modules a kernel provides to the corpus cells. */
export const corpusModules = ['@tensorflow/tfjs'] as const;

/** Realistic notebook cells (TensorFlow.js, data preparation, display calls), in notebook order. */
export function corpusCells(): { name: string; source: string }[] {
  const directory = join(import.meta.dirname, 'cells');
  return readdirSync(directory)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => ({ name, source: readFileSync(join(directory, name), 'utf8') }));
}
