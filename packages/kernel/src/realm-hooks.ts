/**
 * What the runtime changes on the realm's global object besides the cell API: console methods
 * become streams of the execution they belong to, and timer callbacks run as the execution that
 * scheduled them, so output from a callback that fires after its cell finished still reaches that
 * cell. `restore` puts the originals back.
 */
import { inspect } from './inspect.ts';

export type StreamName = 'stdout' | 'stderr';

export interface RealmHooks<Owner> {
  /** The owner of output produced now: the scheduler of the running timer callback, else `currentOwner()`. */
  owner(): Owner | undefined;
  /** Runs `callback` with `owner` as the owner of what it prints. */
  runAs<T>(owner: Owner | undefined, callback: () => T): T;
  /** Cancels every pending timer cells scheduled (restart). */
  clearTimers(): void;
  restore(): void;
}

const consoleStreams = { log: 'stdout', info: 'stdout', debug: 'stdout', warn: 'stderr', error: 'stderr' } as const satisfies Record<string, StreamName>;

export function installRealmHooks<Owner>(
  global: typeof globalThis,
  options: {
    /** The owner of output printed now; undefined: forward to the original console. */
    currentOwner(): Owner | undefined;
    write(owner: Owner, name: StreamName, text: string): void;
  },
): RealmHooks<Owner> {
  let ownerOverride: { owner: Owner | undefined } | undefined;
  const owner = () => (ownerOverride ? ownerOverride.owner : options.currentOwner());
  const runAs = <T>(scheduler: Owner | undefined, callback: () => T): T => {
    const previous = ownerOverride;
    ownerOverride = { owner: scheduler };
    try {
      return callback();
    } finally {
      ownerOverride = previous;
    }
  };

  const console = global.console;
  const originalConsole = Object.fromEntries(Object.keys(consoleStreams).map((method) => [method, console[method as keyof typeof consoleStreams]]));
  for (const [method, stream] of Object.entries(consoleStreams)) {
    const original = console[method as keyof typeof consoleStreams];
    console[method as keyof typeof consoleStreams] = (...args: unknown[]) => {
      const current = owner();
      if (current === undefined) original.apply(console, args);
      else options.write(current, stream, `${formatConsoleArguments(args)}\n`);
    };
  }

  const { setTimeout, setInterval, clearTimeout, clearInterval } = global;
  const pending = new Map<unknown, 'timeout' | 'interval'>();
  const wrap = (kind: 'timeout' | 'interval', schedule: typeof setTimeout) =>
    ((callback: unknown, delay?: number, ...args: unknown[]) => {
      if (typeof callback !== 'function') return schedule(callback as () => void, delay);
      const scheduler = owner();
      const handle = schedule(() => {
        if (kind === 'timeout') pending.delete(handle);
        runAs(scheduler, () => callback(...args));
      }, delay);
      pending.set(handle, kind);
      return handle;
    }) as typeof setTimeout;
  global.setTimeout = wrap('timeout', setTimeout);
  global.setInterval = wrap('interval', setInterval as typeof setTimeout) as typeof setInterval;
  global.clearTimeout = ((handle?: Parameters<typeof clearTimeout>[0]) => {
    pending.delete(handle);
    clearTimeout(handle);
  }) as typeof clearTimeout;
  global.clearInterval = ((handle?: Parameters<typeof clearInterval>[0]) => {
    pending.delete(handle);
    clearInterval(handle);
  }) as typeof clearInterval;

  return {
    owner,
    runAs,
    clearTimers() {
      for (const [handle, kind] of pending) (kind === 'timeout' ? clearTimeout : clearInterval)(handle as Parameters<typeof clearTimeout>[0]);
      pending.clear();
    },
    restore() {
      Object.assign(console, originalConsole);
      Object.assign(global, { setTimeout, setInterval, clearTimeout, clearInterval });
    },
  };
}

/** Like console.log: strings as they are, other values inspected, separated by spaces. */
export function formatConsoleArguments(args: unknown[]): string {
  return args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' ');
}
