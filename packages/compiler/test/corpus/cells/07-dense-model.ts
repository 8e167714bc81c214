const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [4], units: 16, activation: "relu" }),
    tf.layers.dropout({ rate: 0.1 }),
    tf.layers.dense({ units: 3, activation: "softmax" }),
  ],
});
model.compile({
  optimizer: tf.train.adam(0.01),
  loss: "categoricalCrossentropy",
  metrics: ["accuracy"],
});
model.summary();
