import { describe, expect, it } from 'vitest';
import { createLocalFanOut, type FanOutMessage } from './fan-out.ts';

describe('createLocalFanOut', () => {
  it('SYNC-FAN-1: delivers a message to the subscribers of its notebook only, until they unsubscribe', () => {
    const fanOut = createLocalFanOut();
    const seen: Array<[string, string, FanOutMessage]> = [];
    const stop = fanOut.subscribe('a', (from, message) => seen.push(['a', from, message]));
    fanOut.subscribe('b', (from, message) => seen.push(['b', from, message]));
    const message: FanOutMessage = { kind: 'update', payload: Uint8Array.of(1) };
    fanOut.publish('a', 'server-1', message);
    stop();
    fanOut.publish('a', 'server-1', message);
    expect(seen).toEqual([['a', 'server-1', message]]);
  });
});
