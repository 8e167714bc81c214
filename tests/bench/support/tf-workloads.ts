/**
 * The TensorFlow.js workloads both backend benchmarks run (in a browser Worker and in Node child
 * processes), given the `tf` namespace with the backend under test already set:
 * - a 1024×1024 float32 matMul, timed until its result is read back (`await data()`);
 * - one training step (`model.trainOnBatch`, which reads the loss back) of a small CNN on a batch
 *   of 32 28×28×1 images.
 * Each is warmed up first and capped by a time budget, so cpu and SwiftShader finish too.
 */
import type * as Tf from '@tensorflow/tfjs';
import { timedRuns, type TimedRuns, type TimedRunsOptions } from './timed-runs.ts';

export type TfNamespace = typeof Tf;

export const matMulSize = 1024;
export const trainBatch = { size: 32, height: 28, width: 28, channels: 1, classes: 10 } as const;

export interface MatMulResult extends TimedRuns {
  /** 2·n³ floating-point operations over the median time. */
  gflops: number;
  /** Largest relative error of a few result entries against a float64 dot product in JavaScript. */
  maxRelativeError: number;
}

export interface TrainStepResult extends TimedRuns {
  /** The loss of the last step: finite when the backend computed something sensible. */
  lastLoss: number;
}

/** A workload the backend could not run (e.g. a kernel it does not implement). */
export interface WorkloadFailure {
  error: string;
}

export interface WorkloadResults {
  matMul: MatMulResult | WorkloadFailure;
  trainStep: TrainStepResult | WorkloadFailure;
}

export const failed = <T extends object>(result: T | WorkloadFailure): result is WorkloadFailure => 'error' in result;

/** Each workload on its own: one that throws is reported, and the next still runs. */
async function attempt<T>(workload: () => Promise<T>): Promise<T | WorkloadFailure> {
  try {
    return await workload();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** A few (row, column) entries spread over the result, checked against JavaScript's arithmetic. */
const checkedEntries = [
  [0, 0],
  [1, 1023],
  [511, 512],
  [1023, 0],
  [777, 333],
] as const;

async function benchMatMul(tf: TfNamespace, options: TimedRunsOptions): Promise<MatMulResult> {
  const n = matMulSize;
  const a = tf.randomNormal([n, n], 0, 1, 'float32', 1);
  const b = tf.randomNormal([n, n], 0, 1, 'float32', 2);
  try {
    const timing = await timedRuns(async () => {
      const product = tf.matMul(a, b);
      try {
        await product.data();
      } finally {
        product.dispose();
      }
    }, options);
    const product = tf.matMul(a, b);
    const [aValues, bValues, productValues] = await Promise.all([a.data(), b.data(), product.data()]);
    product.dispose();
    const relativeErrors = checkedEntries.map(([row, column]) => {
      let expected = 0;
      for (let k = 0; k < n; k++) expected += aValues[row * n + k]! * bValues[k * n + column]!;
      return Math.abs(productValues[row * n + column]! - expected) / Math.max(1, Math.abs(expected));
    });
    return { ...timing, gflops: (2 * n ** 3) / (timing.medianMs / 1000) / 1e9, maxRelativeError: Math.max(...relativeErrors) };
  } finally {
    a.dispose();
    b.dispose();
  }
}

function smallCnn(tf: TfNamespace): Tf.Sequential {
  const { height, width, channels, classes } = trainBatch;
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [height, width, channels], filters: 8, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: classes, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  return model;
}

async function benchTrainStep(tf: TfNamespace, options: TimedRunsOptions): Promise<TrainStepResult> {
  const { size, height, width, channels, classes } = trainBatch;
  const model = smallCnn(tf);
  const images = tf.randomUniform([size, height, width, channels], 0, 1, 'float32', 3);
  const labels = tf.tidy(() => tf.oneHot(tf.randomUniform([size], 0, classes, 'int32', 4), classes));
  let lastLoss = Number.NaN;
  try {
    const timing = await timedRuns(async () => {
      const loss = await model.trainOnBatch(images, labels);
      lastLoss = Array.isArray(loss) ? loss[0]! : loss;
    }, options);
    return { ...timing, lastLoss };
  } finally {
    images.dispose();
    labels.dispose();
    model.optimizer.dispose();
    model.dispose();
  }
}

export async function runTfWorkloads(tf: TfNamespace, options: TimedRunsOptions): Promise<WorkloadResults> {
  await tf.ready();
  const matMul = await attempt(() => benchMatMul(tf, options));
  const trainStep = await attempt(() => benchTrainStep(tf, options));
  return { matMul, trainStep };
}
