import { runService } from '@cohort/config';
import { createServer } from './server.ts';
import { readEnv } from './env.ts';

await runService(async () => {
  const server = await createServer(readEnv());
  console.log(`Cohort is running at ${server.url} (database: ${server.dbDriver})`);
  return { stopping: 'shutting down', close: () => server.close() };
});
