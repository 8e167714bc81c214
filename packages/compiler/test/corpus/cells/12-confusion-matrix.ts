const predicted = (model.predict(xs) as tf.Tensor2D).argMax(-1);
const actual = ys.argMax(-1);
const confusion: number[][] = speciesNames.map(() => speciesNames.map(() => 0));
const [predictedValues, actualValues] = await Promise.all([predicted.data(), actual.data()]);
actualValues.forEach((truth, i) => {
  confusion[truth]![predictedValues[i]!]! += 1;
});
display(
  html(`<table>${confusion.map((row) => `<tr>${row.map((count) => `<td>${count}</td>`).join("")}</tr>`).join("")}</table>`),
);
