import { describe, expect, it } from 'vitest';
import { closeCodes, decodePersisted, encodePersisted, encodeSubscribePersisted, isUpdateFrame, messageTypes } from './protocol.ts';

describe('sync protocol frames', () => {
  it('round-trips persisted frames, with counts that take several varUint bytes', () => {
    const stateVector = Uint8Array.of(1, 200, 3);
    for (const updates of [0, 1, 127, 128, 300, 2 ** 31 + 5, Number.MAX_SAFE_INTEGER]) {
      expect(decodePersisted(encodePersisted({ updates, stateVector }))).toEqual({ updates, stateVector });
    }
  });

  it('reads only persisted frames, and refuses truncated ones', () => {
    expect(decodePersisted(encodeSubscribePersisted())).toBeNull();
    expect(decodePersisted(Uint8Array.of(messageTypes.persisted))).toBeNull();
    expect(decodePersisted(Uint8Array.of(messageTypes.persisted, 0x80))).toBeNull();
    expect(encodeSubscribePersisted()).toEqual(Uint8Array.of(100));
  });

  it('tells update-carrying frames from the rest', () => {
    expect(isUpdateFrame(Uint8Array.of(0, 1, 0))).toBe(true);
    expect(isUpdateFrame(Uint8Array.of(0, 2, 0))).toBe(true);
    expect(isUpdateFrame(Uint8Array.of(0, 0, 0))).toBe(false);
    expect(isUpdateFrame(Uint8Array.of(1, 1))).toBe(false);
  });

  it('uses close codes in the private 4400–4499 range, which stock clients do not retry', () => {
    for (const code of Object.values(closeCodes)) expect(code >= 4400 && code < 4500).toBe(true);
  });
});
