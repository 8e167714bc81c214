/**
 * Convergence fuzz (see test-support/notebook-fuzz.ts). Each run draws fresh seeds and names them
 * in the test titles. Replay one: FUZZ_SEED=<seed> npx vitest run packages/notebook/src/notebook-convergence.test.ts
 * More seeds: FUZZ_ITERATIONS=<n>. A seed that ever fails is added to `pinnedSeeds` for good.
 */
import { describe, it } from 'vitest';
import { runFuzz, type FuzzOptions } from '../test-support/notebook-fuzz.ts';

const options: FuzzOptions = { peers: 4, steps: 400 };

/** Seeds that once failed, with the options they failed under and what they caught. */
const pinnedSeeds: { seed: number; options: FuzzOptions; caught: string }[] = [
  { seed: 898758507, options: { peers: 3, steps: 300 }, caught: 'an edit inside a surrogate pair left a lone surrogate on one peer and U+FFFD on another' },
  { seed: 898758509, options: { peers: 3, steps: 300 }, caught: 'a text offset inside a surrogate pair left different text on different peers' },
  { seed: 1764602669, options: { peers: 3, steps: 300 }, caught: 'metadata keys listed in a different order on different peers' },
];

function seedsToRun(): number[] {
  const replay = process.env['FUZZ_SEED'];
  if (replay !== undefined) return [Number(replay)];
  const iterations = Number(process.env['FUZZ_ITERATIONS'] ?? 150);
  const base = Math.floor(Math.random() * 2 ** 31);
  return Array.from({ length: iterations }, (_, i) => base + i);
}

describe('notebook convergence fuzz', () => {
  it.each(seedsToRun())('peers converge to identical, well-formed notebooks after random operations, disconnects and syncs (seed %i)', (seed) => {
    runFuzz(seed, options);
  });

  for (const pinned of pinnedSeeds) {
    it(`regression seed ${pinned.seed}: ${pinned.caught}`, () => runFuzz(pinned.seed, pinned.options));
  }
});
