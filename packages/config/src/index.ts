import { z } from 'zod';
import { ConfigError } from './config-error.ts';

// Each app reads its environment once, in its own env.ts, with these pieces. Messages complete
// the sentence "expected NAME to be ...".

const portNumber = 'a port number (0 to 65535)';
export const envPort = z.coerce.number({ error: portNumber }).int(portNumber).min(0, portNumber).max(65535, portNumber);

const minutes = 'a positive number of minutes, e.g. 10 or 0.5';
/** At most a day, so a typo cannot switch a periodic job off for good. */
export const envMinutes = z.coerce.number({ error: minutes }).positive(minutes).max(24 * 60, minutes);

export const envFlag = z
  .enum(['0', '1', 'true', 'false'], { error: '1, true, 0 or false' })
  .transform((v) => v === '1' || v === 'true');

export const postgresUrl = z.string({ error: 'set to a postgres:// connection URL' }).regex(/^postgres(ql)?:\/\/.+/, 'a postgres:// connection URL');

/** True for a bare origin such as `https://cohort.example` (no path, no trailing slash). */
export function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

export { ConfigError };

/**
 * Parses the environment with `schema`. An empty variable counts as unset, as in most .env
 * tooling. On bad values, throws a ConfigError naming each variable, what was expected and what
 * was found — except secrets and connection URLs (which may hold a password), never echoed.
 */
export function readEnvironment<S extends z.ZodType>(schema: S, source: Record<string, string | undefined>): z.output<S> {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const value = /SECRET|DATABASE_URL/.test(name) ? undefined : present[name];
    return `  expected ${name} to be ${issue.message}${value === undefined ? '' : `, got ${JSON.stringify(value)}`}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

export { runService, type StartedService } from './run-service.ts';
