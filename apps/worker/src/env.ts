import { z } from 'zod';
import { envMinutes, envPort, postgresUrl, readEnvironment } from '@cohort/config';

// Messages complete the sentence "expected NAME to be ...".
const positiveInteger = (what: string) => z.coerce.number({ error: what }).int(what).positive(what);

/** Capacity, kernel limits and heartbeat: the same variables for `npm start`'s embedded worker (apps/server/src/env.ts). */
export const workerSettings = {
  COHORT_WORKER_CAPACITY: positiveInteger('a positive number of kernels, e.g. 4').default(4),
  COHORT_KERNEL_MEMORY_MB: positiveInteger('a number of MiB, e.g. 4096').default(4096),
  COHORT_KERNEL_IDLE_MINUTES: envMinutes.default(30),
  COHORT_KERNEL_OUTPUT_LIMIT_BYTES: positiveInteger('a number of bytes, e.g. 1048576').default(1024 * 1024),
  COHORT_KERNEL_INTERRUPT_GRACE_SECONDS: z.coerce.number({ error: 'a number of seconds, e.g. 10' }).positive('a number of seconds, e.g. 10').default(10),
  COHORT_WORKER_HEARTBEAT_SECONDS: z.coerce.number({ error: 'a number of seconds, e.g. 5' }).positive('a number of seconds, e.g. 5').max(60, 'at most 60 seconds').default(5),
};
export type WorkerSettings = z.output<z.ZodObject<typeof workerSettings>>;

/** The worker options its settings give. */
export function workerLimits(settings: WorkerSettings) {
  return {
    capacity: settings.COHORT_WORKER_CAPACITY,
    memoryLimitMb: settings.COHORT_KERNEL_MEMORY_MB,
    idleMs: settings.COHORT_KERNEL_IDLE_MINUTES * 60_000,
    outputLimitBytes: settings.COHORT_KERNEL_OUTPUT_LIMIT_BYTES,
    heartbeatMs: settings.COHORT_WORKER_HEARTBEAT_SECONDS * 1000,
    interruptGraceMs: settings.COHORT_KERNEL_INTERRUPT_GRACE_SECONDS * 1000,
  };
}

const schema = z.object({
  PORT: envPort.default(3002),
  HOST: z.string().default('0.0.0.0'),
  // A separate process cannot open the embedded PGlite database of `npm start`.
  DATABASE_URL: postgresUrl,
  AUTH_SECRET: z
    .string({ error: "set to the web app's AUTH_SECRET (it signs the session host's kernel tokens)" })
    .min(32, "at least 32 characters long (the same value as the web app's)"),
  /** How the session host reaches this worker; default ws://127.0.0.1:<port>. */
  COHORT_WORKER_URL: z
    .string()
    .refine((value) => /^wss?:\/\/[^/]+$/.test(value), 'a ws:// or wss:// URL without a path, e.g. ws://gpu-1.internal:3002')
    .optional(),
  ...workerSettings,
});

export type WorkerEnv = z.output<typeof schema> & {
  /** What a kernel process may see of this environment: PATH and the GPU drivers' variables. */
  kernelEnv: Record<string, string>;
};

const kernelVariable = /^(PATH|LD_LIBRARY_PATH|VK_\w+|CUDA_\w+|NVIDIA_\w+)$/;

/** What a kernel process may see of `source`: PATH and the GPU drivers' variables (WORKER-PROC-2). */
export function kernelEnvironment(source: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter((entry): entry is [string, string] => kernelVariable.test(entry[0]) && entry[1] !== undefined));
}

/** Reads the worker's configuration once; a bad value throws a ConfigError naming the variable. */
export function readWorkerEnv(source: Record<string, string | undefined> = process.env): WorkerEnv {
  return { ...readEnvironment(schema, source), kernelEnv: kernelEnvironment(source) };
}
