import { resolve } from 'node:path';
import { z } from 'zod';

// Messages complete the sentence "expected NAME to be ...".
const portNumber = 'a port number (0 to 65535)';
const port = z.coerce.number({ error: portNumber }).int(portNumber).min(0, portNumber).max(65535, portNumber);
const minutes = 'a positive number of minutes, e.g. 10 or 0.5';
const flag = z.enum(['0', '1', 'true', 'false'], { error: '1, true, 0 or false' }).transform((v) => v === '1' || v === 'true');

function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

const schema = z
  .object({
    PORT: port.default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, 'a postgres:// connection URL')
      .optional(),
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
    TRUST_PROXY: flag.default(false),
    // At most a day, so a typo cannot switch automatic versions off for good.
    COHORT_AUTO_VERSION_MINUTES: z.coerce.number({ error: minutes }).positive(minutes).max(24 * 60, minutes).default(10),
    COHORT_DEV: flag.default(false),
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

export type Env = z.output<typeof schema> & { dataDir: string };

/** Reads the server's configuration once; a bad value names the variable and what was expected. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
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
    throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...result.data, dataDir: resolve(result.data.COHORT_DATA_DIR) };
}

export class EnvError extends Error {}
