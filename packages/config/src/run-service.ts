import { ConfigError } from './config-error.ts';

export interface StartedService {
  /** What stopping does before the process exits, printed as `SIGTERM: <stopping>`. */
  stopping: string;
  close(): Promise<void>;
}

/**
 * The lifecycle every Cohort process (server, sync, worker) shares: starts the service, and on
 * SIGTERM or SIGINT prints what it does, closes the service and exits 0. A ConfigError while
 * starting is printed and ends the process with 78 (EX_CONFIG), so a bad environment reads as
 * one clear message rather than a stack trace; any other error is rethrown.
 */
export async function runService(start: () => Promise<StartedService>): Promise<void> {
  try {
    const service = await start();
    const stop = async (signal: string) => {
      console.log(`${signal}: ${service.stopping}`);
      await service.close();
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
}
