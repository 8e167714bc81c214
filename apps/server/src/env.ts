import { resolve } from 'node:path';
import { z } from 'zod';
import { envFlag, envMinutes, envPort, isOrigin, postgresUrl, readEnvironment } from '@cohort/config';
import { sessionSettings } from '@cohort/sync';
import { kernelEnvironment, workerSettings } from '@cohort/worker';


const schema = z
  .object({
    PORT: envPort.default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: postgresUrl.optional(),
    COHORT_DATA_DIR: z.string().min(1).default('.cohort'),
    AUTH_SECRET: z.string().min(32, 'at least 32 characters long (try `openssl rand -base64 33`)').optional(),
    AUTH_GITHUB_ID: z.string().min(1).optional(),
    AUTH_GITHUB_SECRET: z.string().min(1).optional(),
    AUTH_GOOGLE_ID: z.string().min(1).optional(),
    AUTH_GOOGLE_SECRET: z.string().min(1).optional(),
    COHORT_PUBLIC_ORIGIN: z
      .string()
      .refine(isOrigin, 'an origin: scheme, host and optional port, e.g. https://cohort.example')
      .optional(),
    COHORT_USER_CONTENT_ORIGIN: z
      .string()
      .refine(isOrigin, 'an origin other than the app\'s, where cell code runs, e.g. https://usercontent.cohort.example')
      .optional(),
    TRUST_PROXY: envFlag.default(false),
    COHORT_AUTO_VERSION_MINUTES: envMinutes.default(10),
    COHORT_DEV: envFlag.default(false),
    // A kernel worker inside this process, on this port under /kernels/ (off: only workers started
    // with `npm run start:worker` against the same DATABASE_URL run remote kernels).
    COHORT_LOCAL_WORKER: envFlag.default(true),
    ...workerSettings,
    ...sessionSettings,
  })
  .superRefine((env, ctx) => {
    for (const provider of ['GITHUB', 'GOOGLE'] as const) {
      const id = env[`AUTH_${provider}_ID`];
      const secret = env[`AUTH_${provider}_SECRET`];
      if (Boolean(id) !== Boolean(secret)) {
        ctx.addIssue({
          code: 'custom',
          path: [id ? `AUTH_${provider}_SECRET` : `AUTH_${provider}_ID`],
          message: `set as well, since AUTH_${provider}_${id ? 'ID' : 'SECRET'} is`,
        });
      }
    }
  });

export type Env = z.output<typeof schema> & {
  dataDir: string;
  /** What the local worker's kernel processes see of the environment: PATH and GPU driver variables. */
  kernelEnv: Record<string, string>;
};

/** Reads the server's configuration once; a bad value throws a ConfigError naming the variable. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const env = readEnvironment(schema, source);
  return { ...env, dataDir: resolve(env.COHORT_DATA_DIR), kernelEnv: kernelEnvironment(source) };
}
