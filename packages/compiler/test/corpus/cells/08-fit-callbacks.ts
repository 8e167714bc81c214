const losses: number[] = [];
const history = await model.fit(xs, ys, {
  epochs: 50,
  batchSize: 8,
  validationSplit: 0.2,
  shuffle: true,
  callbacks: {
    onEpochEnd: async (epoch: number, logs?: tf.Logs) => {
      losses.push(logs!.loss as number);
      if (epoch % 10 === 0) console.log(`epoch ${epoch}: loss ${logs?.loss?.toFixed(4)}`);
      await tf.nextFrame();
    },
  },
});
history.history.loss.at(-1)
