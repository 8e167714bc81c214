import * as Y from 'yjs';
import { ORIGIN, seedNotebook, type CellSeed } from '@cohort/notebook';
import { mulberry32 as seededRandom } from '../../../packages/notebook/test-support/mulberry32.ts';

const lines = [
  'const xs = tf.tensor2d(batch.images, [batch.size, 784]);',
  'const ys = tf.oneHot(tf.tensor1d(batch.labels, "int32"), 10);',
  'model.add(tf.layers.dense({ units: 128, activation: "relu" }));',
  'model.add(tf.layers.dropout({ rate: 0.2 }));',
  'const history = await model.fit(xs, ys, { epochs: 5, batchSize: 64 });',
  'console.log(`epoch ${epoch}: loss ${logs.loss.toFixed(4)}`);',
  'const preds = model.predict(testXs) as tf.Tensor;',
  'const accuracy = preds.argMax(-1).equal(testYs.argMax(-1)).mean();',
  'for (const [name, value] of Object.entries(metrics)) {',
  '  chart.push({ name, value: Number(value) });',
  '}',
  'tf.dispose([xs, ys, preds]);',
  'const optimizer = tf.train.adam(learningRate);',
  'model.compile({ optimizer, loss: "categoricalCrossentropy", metrics: ["accuracy"] });',
  '// normalise the pixel values to [0, 1] before training',
];

/**
 * The document of a notebook of `cells` code cells, each 5 to 15 lines of TypeScript, as the
 * state update a server stores. Seeded, so every run builds the same text.
 */
export function largeNotebookUpdate(cells: number): Uint8Array {
  const random = seededRandom(1000);
  const seeds: CellSeed[] = Array.from({ length: cells }, (_, cell) => {
    const count = 5 + Math.floor(random() * 11);
    const source = Array.from({ length: count }, () => lines[Math.floor(random() * lines.length)]!).join('\n');
    return { cell_type: 'code', source: `// cell ${cell + 1}\n${source}` };
  });
  const doc = new Y.Doc();
  seedNotebook(doc, { title: `${cells} cells`, cells: seeds }, ORIGIN.import);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
