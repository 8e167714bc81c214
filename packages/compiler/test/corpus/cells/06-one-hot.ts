const xs = tf.tensor2d(normalised, [normalised.length, featureNames.length]);
const labels = irisRows.map((row) => speciesNames.indexOf(row.species));
const ys = tf.oneHot(tf.tensor1d(labels, "int32"), speciesNames.length);
display({ xs: xs.shape, ys: ys.shape });
