import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, runService } from './index.ts';

afterEach(() => {
  vi.restoreAllMocks();
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
});

describe('runService', () => {
  it('prints a bad configuration and exits 78 without a stack trace', async () => {
    // The real process.exit never returns; this one throws, so nothing after it runs either.
    vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`process.exit(${code})`);
    });
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    const started = runService(async () => {
      throw new ConfigError('Invalid configuration:\n  expected PORT to be a port number');
    });
    await expect(started).rejects.toThrow('process.exit(78)');
    expect(printed).toHaveBeenCalledWith('Invalid configuration:\n  expected PORT to be a port number');
  });

  it('rethrows any other start-up failure', async () => {
    await expect(runService(async () => Promise.reject(new Error('port in use')))).rejects.toThrow('port in use');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('on %s says what it does, closes the service, then exits 0', async (signal) => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const printed = vi.spyOn(console, 'log').mockImplementation(() => {});
    const close = vi.fn(async () => expect(exit).not.toHaveBeenCalled());
    await runService(async () => ({ stopping: 'storing pending updates and shutting down', close }));
    process.emit(signal);
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
    expect(printed).toHaveBeenCalledWith(`${signal}: storing pending updates and shutting down`);
    expect(close).toHaveBeenCalledOnce();
  });
});
