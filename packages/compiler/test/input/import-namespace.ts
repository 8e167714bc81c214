import * as tf from "@tensorflow/tfjs";
tf.version
