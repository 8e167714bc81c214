await model.fit(xs, ys, {
  epochs: 30,
  batchSize: 16,
  validationSplit: 0.2,
  callbacks: trainingChart({ metrics: ["loss", "val_loss", "acc"], every: "epoch", title: "Iris" }),
});
