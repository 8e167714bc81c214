import { createServer } from './server.ts';
import { ConfigError, readEnv } from './env.ts';

try {
  const env = readEnv();
  const server = await createServer(env);
  console.log(`Cohort is running at ${server.url} (database: ${server.dbDriver})`);
  const stop = async (signal: string) => {
    console.log(`${signal}: shutting down`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}
