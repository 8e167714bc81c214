import { createHmac, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSyncTokens, type SyncTokenPayload } from './token.ts';

const secret = 'a test secret that is long enough to sign things';
const payload: SyncTokenPayload = {
  sub: '0b4a3c1e-6f0e-4b8a-9d7e-2f1c3b5a7d90',
  nb: '6a1f0d2c-3b4e-4f5a-8b6c-7d8e9f0a1b2c',
  role: 'editor',
  name: 'Ana',
  handle: 'ana',
  color: '#3b82f6',
  exp: 2_000_000_000,
};
const now = (payload.exp - 60) * 1000;

describe('sync tokens', () => {
  const tokens = createSyncTokens({ secret });

  it('round-trips a payload signed with the same secret', () => {
    expect(tokens.verify(tokens.sign(payload), now)).toEqual({ ok: true, payload });
  });

  it('refuses a token signed with another secret, or with a changed payload, as forged', () => {
    const other = createSyncTokens({ secret: `${secret}!` }).sign(payload);
    expect(tokens.verify(other, now)).toEqual({ ok: false, reason: 'forged' });
    const [, signature] = tokens.sign(payload).split('.');
    const raised = Buffer.from(JSON.stringify({ ...payload, role: 'owner' })).toString('base64url');
    expect(tokens.verify(`${raised}.${signature}`, now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses an expired token', () => {
    expect(tokens.verify(tokens.sign(payload), payload.exp * 1000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses malformed tokens without throwing', () => {
    for (const token of ['', 'abc', 'a.b.c', '.sig', 'body.']) expect(tokens.verify(token, now)).toEqual({ ok: false, reason: 'malformed' });
    // Correctly signed with the derived key (HKDF-SHA256, info "cohort-sync-token"), but not a valid payload.
    const key = Buffer.from(hkdfSync('sha256', secret, '', 'cohort-sync-token', 32));
    const signed = (json: string) => {
      const body = Buffer.from(json).toString('base64url');
      return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
    };
    expect(tokens.verify(signed(JSON.stringify(payload)), now)).toEqual({ ok: true, payload });
    expect(tokens.verify(signed('not json'), now)).toEqual({ ok: false, reason: 'malformed' });
    expect(tokens.verify(signed(JSON.stringify({ ...payload, role: 'admin' })), now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('never signs a payload that does not validate', () => {
    expect(() => tokens.sign({ ...payload, role: 'admin' as 'owner' })).toThrow();
    expect(() => tokens.sign({ ...payload, color: 'red' })).toThrow();
  });
});
