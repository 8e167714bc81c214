export { createWorker, type KernelWorker, type WorkerOptions } from './worker.ts';
export { closeCodes } from './close-codes.ts';
export { kernelEnvironment, workerLimits, workerSettings, type WorkerSettings } from './env.ts';
