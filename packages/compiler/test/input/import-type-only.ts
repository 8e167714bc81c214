import type { Tensor } from "@tensorflow/tfjs";
import { type Rank, type DataType } from "@tensorflow/tfjs";
export type { Tensor };
let x: Tensor | undefined;
