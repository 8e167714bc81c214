const slope = tf.variable(tf.scalar(Math.random()));
const intercept = tf.variable(tf.scalar(Math.random()));
const xsLine = tf.linspace(0, 1, 50);
const ysLine = xsLine.mul(3).add(2).add(tf.randomNormal([50], 0, 0.05));
const optimizer = tf.train.sgd(0.5);
for (let i = 0; i < 200; i++) {
  optimizer.minimize(() => tf.losses.meanSquaredError(ysLine, xsLine.mul(slope).add(intercept)) as tf.Scalar);
}
({ slope: slope.dataSync()[0], intercept: intercept.dataSync()[0] })
