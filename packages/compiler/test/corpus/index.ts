import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The modules a kernel provides to the corpus cells. */
export const corpusModules = ['@tensorflow/tfjs'] as const;

/**
 * Realistic notebook cells (TensorFlow.js, data preparation, display calls), in notebook order,
 * named `NN-topic.ts`. The files end in .txt so that the repository's type check skips them: they
 * use the kernel's globals (display, tf from earlier cells) without declaring them.
 */
export function corpusCells(): { name: string; source: string }[] {
  const directory = join(import.meta.dirname, 'cells');
  return readdirSync(directory)
    .filter((file) => file.endsWith('.ts.txt'))
    .sort()
    .map((file) => ({ name: file.slice(0, -'.txt'.length), source: readFileSync(join(directory, file), 'utf8') }));
}
