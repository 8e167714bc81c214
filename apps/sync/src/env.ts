import { z } from 'zod';

// Messages complete the sentence "expected NAME to be ...".
const portNumber = 'a port number (0 to 65535)';
const origins = 'a comma-separated list of origins, e.g. https://cohort.example,http://localhost:3000';

const minutes = 'a positive number of minutes, e.g. 10 or 0.5';

const origin = (value: string) => {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
};

const schema = z.object({
  PORT: z.coerce.number({ error: portNumber }).int(portNumber).min(0, portNumber).max(65535, portNumber).default(3001),
  HOST: z.string().default('0.0.0.0'),
  // A separate process cannot open the embedded PGlite database of `npm start`.
  DATABASE_URL: z.string({ error: 'set to a postgres:// connection URL' }).regex(/^postgres(ql)?:\/\/.+/, 'a postgres:// connection URL'),
  AUTH_SECRET: z
    .string({ error: "set to the web app's AUTH_SECRET" })
    .min(32, 'at least 32 characters long (the same value as the web app\'s)'),
  ALLOWED_ORIGINS: z
    .string({ error: `set to ${origins}` })
    .transform((value) => value.split(',').map((o) => o.trim()).filter(Boolean))
    .refine((list) => list.length > 0 && list.every(origin), origins),
  // At most a day, so a typo cannot switch automatic versions off for good.
  COHORT_AUTO_VERSION_MINUTES: z.coerce.number({ error: minutes }).positive(minutes).max(24 * 60, minutes).default(10),
});

export type SyncEnv = z.output<typeof schema>;

/** Reads the standalone sync server's configuration once; a bad value names the variable and what was expected. */
export function readSyncEnv(source: Record<string, string | undefined> = process.env): SyncEnv {
  // An empty variable counts as unset, as in most .env tooling.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      // Secrets and connection URLs (which may hold a password) are never echoed.
      const value = /SECRET|DATABASE_URL/.test(name) ? undefined : present[name];
      return `  expected ${name} to be ${issue.message}${value === undefined ? '' : `, got ${JSON.stringify(value)}`}`;
    });
    throw new SyncEnvError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

export class SyncEnvError extends Error {}
