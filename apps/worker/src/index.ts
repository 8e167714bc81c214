export { createWorker, type KernelWorker, type WorkerOptions } from './worker.ts';
export { defaultLivenessMs, liveKernelOf, markDeadWorkers, pickWorker, type DeadKernel, type LiveKernel, type LivenessOptions, type PickedWorker } from './scheduling.ts';
export { closeCodes } from './close-codes.ts';
