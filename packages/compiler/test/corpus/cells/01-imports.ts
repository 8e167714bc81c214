import * as tf from "@tensorflow/tfjs";
import type { Tensor, Rank } from "@tensorflow/tfjs";

await tf.ready();
display(`backend: ${tf.getBackend()} on ${kernel.device}`);
