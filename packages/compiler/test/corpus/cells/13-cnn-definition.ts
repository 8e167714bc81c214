const IMAGE_SIZE = 28;
const NUM_CLASSES = 10;

function createConvModel(filters: number = 8): tf.Sequential {
  const cnn = tf.sequential();
  cnn.add(tf.layers.conv2d({ inputShape: [IMAGE_SIZE, IMAGE_SIZE, 1], kernelSize: 3, filters, activation: "relu" }));
  cnn.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  cnn.add(tf.layers.conv2d({ kernelSize: 3, filters: filters * 2, activation: "relu" }));
  cnn.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  cnn.add(tf.layers.flatten());
  cnn.add(tf.layers.dense({ units: NUM_CLASSES, activation: "softmax" }));
  cnn.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  return cnn;
}

const convModel = createConvModel();
convModel.summary();
