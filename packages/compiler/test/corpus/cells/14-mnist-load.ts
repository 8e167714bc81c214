const mnist = await datasets.load("mnist");
const { images, labels: digitLabels } = mnist as { images: tf.Tensor4D; labels: tf.Tensor2D };
const [trainImages, testImages] = tf.split(images, [5000, images.shape[0] - 5000]);
const [trainLabels, testLabels] = tf.split(digitLabels, [5000, digitLabels.shape[0] - 5000]);
display(image(trainImages.slice([0, 0, 0, 0], [1, 28, 28, 1]).reshape([28, 28])));
