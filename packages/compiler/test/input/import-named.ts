import { tensor2d, type Tensor2D, sequential as model } from "@tensorflow/tfjs";
import {
  layers,
  train,
} from "@tensorflow/tfjs";
const t: Tensor2D = tensor2d([[1, 2]]);
