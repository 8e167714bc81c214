const bar = progress(5, { label: "epochs" });
await convModel.fit(trainImages, trainLabels, {
  epochs: 5,
  batchSize: 64,
  validationData: [testImages, testLabels],
  callbacks: [
    trainingChart({ every: "batch" }),
    { onEpochEnd: () => bar.increment() } as tf.CustomCallbackArgs,
  ],
});
bar.close();
