const a = tf.tensor2d([[1, 2], [3, 4]]);
const b = tf.tensor2d([[5, 6], [7, 8]], [2, 2], "float32");
const product = a.matMul(b);
display(product);
product.shape
