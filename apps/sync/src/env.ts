import { z } from 'zod';
import { envMinutes, envPort, isOrigin, postgresUrl, readEnvironment } from '@cohort/config';


// Messages complete the sentence "expected NAME to be ...".
const origins = 'a comma-separated list of origins, e.g. https://cohort.example,http://localhost:3000';

/** The session host's settings (SYNC-RUN-5), shared with `npm start` (apps/server/src/env.ts). */
export const sessionSettings = {
  // Three missed heartbeats at the workers' default 5 s interval.
  COHORT_WORKER_LIVENESS_SECONDS: z.coerce.number({ error: 'a number of seconds, e.g. 15' }).positive('a number of seconds, e.g. 15').max(600, 'at most 600 seconds').default(15),
};

const schema = z.object({
  PORT: envPort.default(3001),
  HOST: z.string().default('0.0.0.0'),
  // A separate process cannot open the embedded PGlite database of `npm start`.
  DATABASE_URL: postgresUrl,
  AUTH_SECRET: z
    .string({ error: "set to the web app's AUTH_SECRET" })
    .min(32, 'at least 32 characters long (the same value as the web app\'s)'),
  ALLOWED_ORIGINS: z
    .string({ error: `set to ${origins}` })
    .transform((value) => value.split(',').map((o) => o.trim()).filter(Boolean))
    .refine((list) => list.length > 0 && list.every(isOrigin), origins),
  COHORT_AUTO_VERSION_MINUTES: envMinutes.default(10),
  ...sessionSettings,
});

export type SyncEnv = z.output<typeof schema>;

/** Reads the standalone sync server's configuration once; a bad value throws a ConfigError naming the variable. */
export function readSyncEnv(source: Record<string, string | undefined> = process.env): SyncEnv {
  return readEnvironment(schema, source);
}
