/** The run queue: a Y.Array with one Y.Map per run request, in the order they were queued. */
import * as Y from 'yjs';
import { RUN_STATES, RUNTIMES, type FinishedRunState, type RunRequest, type RunState, type Runtime } from './api.ts';
import { RUN } from './keys.ts';

export type RunQueue = Y.Array<Y.Map<unknown>>;

export function createRunMap(request: RunRequest): Y.Map<unknown> {
  return new Y.Map(Object.entries(request));
}

function readRun(map: unknown): RunRequest | null {
  if (!(map instanceof Y.Map)) return null;
  const [id, cellId, requestedBy, requestedAt] = [RUN.id, RUN.cellId, RUN.requestedBy, RUN.requestedAt].map((key) => map.get(key));
  const runtime: unknown = map.get(RUN.runtime);
  const state: unknown = map.get(RUN.state);
  const claimedBy: unknown = map.get(RUN.claimedBy);
  if (typeof id !== 'string' || typeof cellId !== 'string' || typeof requestedBy !== 'string' || typeof requestedAt !== 'string') return null;
  if (!RUNTIMES.includes(runtime as Runtime) || !RUN_STATES.includes(state as RunState)) return null;
  if (claimedBy !== null && typeof claimedBy !== 'string') return null;
  return { id, cellId, requestedBy, runtime: runtime as Runtime, requestedAt, state: state as RunState, claimedBy };
}

/** The requests as plain data; malformed entries (a misbehaving peer) are left out. */
export function readRunQueue(queue: RunQueue): RunRequest[] {
  return queue.toArray().flatMap((map) => readRun(map) ?? []);
}

function findRun(queue: RunQueue, id: string): Y.Map<unknown> | undefined {
  return queue.toArray().find((map) => readRun(map)?.id === id);
}

export function claimRunIn(queue: RunQueue, id: string, claimant: string): boolean {
  const map = findRun(queue, id);
  if (map?.get(RUN.state) !== 'queued') return false;
  map.set(RUN.state, 'running');
  map.set(RUN.claimedBy, claimant);
  return true;
}

export function finishRunIn(queue: RunQueue, id: string, state: FinishedRunState): boolean {
  const map = findRun(queue, id);
  const current = map?.get(RUN.state);
  if (!map || (current !== 'queued' && current !== 'running')) return false;
  map.set(RUN.state, state);
  return true;
}

/** Removes finished requests; returns how many. */
export function clearFinishedIn(queue: RunQueue): number {
  let removed = 0;
  for (let i = queue.length - 1; i >= 0; i--) {
    const state = readRun(queue.get(i))?.state;
    if (state === 'done' || state === 'error' || state === 'aborted') {
      queue.delete(i, 1);
      removed++;
    }
  }
  return removed;
}
