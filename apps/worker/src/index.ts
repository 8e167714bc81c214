export { createWorker, type KernelWorker, type WorkerOptions } from './worker.ts';
export { closeCodes } from './close-codes.ts';
