import { describe, expect, it } from 'vitest';
import { readWorkerEnv } from './env.ts';

const valid = { DATABASE_URL: 'postgres://cohort@db/cohort', AUTH_SECRET: 'x'.repeat(32) };

describe('readWorkerEnv', () => {
  it('reads the database and secret, with defaults for port, capacity and kernel limits', () => {
    expect(readWorkerEnv(valid)).toEqual({
      ...valid,
      PORT: 3002,
      HOST: '0.0.0.0',
      COHORT_WORKER_CAPACITY: 4,
      COHORT_KERNEL_MEMORY_MB: 4096,
      COHORT_KERNEL_IDLE_MINUTES: 30,
      COHORT_KERNEL_OUTPUT_LIMIT_BYTES: 1048576,
      COHORT_KERNEL_INTERRUPT_GRACE_SECONDS: 10,
      COHORT_WORKER_HEARTBEAT_SECONDS: 5,
      kernelEnv: {},
    });
  });

  it('WORKER-PROC-2 passes kernels PATH and the GPU drivers\' variables only, never the secret or the database URL', () => {
    const env = readWorkerEnv({ ...valid, PATH: '/usr/bin', VK_ICD_FILENAMES: '/icd.json', CUDA_VISIBLE_DEVICES: '0', NVIDIA_DRIVER_CAPABILITIES: 'compute', LD_LIBRARY_PATH: '/usr/local/cuda/lib64', HOME: '/root', NODE_OPTIONS: '--inspect' });
    expect(env.kernelEnv).toEqual({ PATH: '/usr/bin', VK_ICD_FILENAMES: '/icd.json', CUDA_VISIBLE_DEVICES: '0', NVIDIA_DRIVER_CAPABILITIES: 'compute', LD_LIBRARY_PATH: '/usr/local/cuda/lib64' });
  });

  it('names the variable and the value at fault, never echoing secrets or connection URLs', () => {
    expect(() => readWorkerEnv({ ...valid, COHORT_WORKER_CAPACITY: '0' })).toThrow('expected COHORT_WORKER_CAPACITY to be a positive number of kernels, e.g. 4, got "0"');
    expect(() => readWorkerEnv({ ...valid, COHORT_WORKER_URL: 'gpu-1:3002' })).toThrow(/expected COHORT_WORKER_URL to be a ws:\/\/ or wss:\/\/ URL/);
    expect(() => readWorkerEnv({ ...valid, DATABASE_URL: undefined })).toThrow('expected DATABASE_URL to be set to a postgres:// connection URL');
    const attempt = () => readWorkerEnv({ ...valid, AUTH_SECRET: 'short-secret', DATABASE_URL: 'mysql://user:hunter2@db/x' });
    expect(attempt).toThrow(/expected AUTH_SECRET to be at least 32 characters/);
    expect(attempt).not.toThrow(/hunter2|short-secret/);
  });
});
