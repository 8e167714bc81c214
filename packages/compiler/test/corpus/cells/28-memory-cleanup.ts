const before = tf.memory().numTensors;
[a, b, product, xs, ys].forEach((t) => t.dispose());
tf.disposeVariables();
console.log(`tensors: ${before} -> ${tf.memory().numTensors}`);
