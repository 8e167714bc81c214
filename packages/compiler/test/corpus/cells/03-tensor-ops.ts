// Element-wise maths and reductions, with memory kept in check by tf.tidy.
const stats = tf.tidy(() => {
  const x = tf.randomNormal([1000], 0, 1, "float32", 42);
  const mean = x.mean();
  const std = x.sub(mean).square().mean().sqrt();
  return { mean: mean.dataSync()[0]!, std: std.dataSync()[0]! };
});
console.log(`mean ${stats.mean.toFixed(3)}, std ${stats.std.toFixed(3)}`);
tf.memory().numTensors
