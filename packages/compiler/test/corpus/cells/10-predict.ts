function predictSpecies(sample: readonly number[]): Species {
  return tf.tidy(() => {
    const input = tf.tensor2d([sample as number[]]);
    const probabilities = model.predict(input) as tf.Tensor;
    const index = probabilities.argMax(-1).dataSync()[0]!;
    return speciesNames[index]!;
  });
}
predictSpecies([0.2, 0.6, 0.1, 0.05])
