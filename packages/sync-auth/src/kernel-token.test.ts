import { describe, expect, it } from 'vitest';
import { createKernelTokens, type KernelTokenPayload } from './kernel-token.ts';
import { createSyncTokens } from './token.ts';

const secret = 'a test secret that is long enough to sign things';
const payload: KernelTokenPayload = { nb: '6a1f0d2c-3b4e-4f5a-8b6c-7d8e9f0a1b2c', kid: '0b4a3c1e-6f0e-4b8a-9d7e-2f1c3b5a7d90', backend: 'wasm', exp: 2_000_000_000 };
const now = (payload.exp - 60) * 1000;

describe('kernel tokens', () => {
  const tokens = createKernelTokens({ secret });

  it('WORKER-AUTH-1 round-trips a payload signed with the same secret', () => {
    expect(tokens.verify(tokens.sign(payload), now)).toEqual({ ok: true, payload });
  });

  it('WORKER-AUTH-1 refuses another secret, a changed kernel id and an expired token', () => {
    expect(tokens.verify(createKernelTokens({ secret: `${secret}!` }).sign(payload), now)).toEqual({ ok: false, reason: 'forged' });
    const [, signature] = tokens.sign(payload).split('.');
    const changed = Buffer.from(JSON.stringify({ ...payload, kid: '11111111-1111-4111-8111-111111111111' })).toString('base64url');
    expect(tokens.verify(`${changed}.${signature}`, now)).toEqual({ ok: false, reason: 'forged' });
    expect(tokens.verify(tokens.sign(payload), payload.exp * 1000)).toEqual({ ok: false, reason: 'expired' });
    for (const token of ['', 'abc', 'a.b.c', '.sig', 'body.']) expect(tokens.verify(token, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('WORKER-AUTH-1 never accepts a sync token as a kernel token, though both come from the same secret', () => {
    const syncToken = createSyncTokens({ secret }).sign({ sub: null, nb: payload.nb, role: 'owner', name: 'Ana', handle: 'ana', color: '#3b82f6', exp: payload.exp });
    expect(tokens.verify(syncToken, now)).toEqual({ ok: false, reason: 'forged' });
  });
});
