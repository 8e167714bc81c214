import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';

export type VerifiedToken<Payload> = { ok: true; payload: Payload } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

export interface SignedTokens<Payload extends { exp: number }> {
  /** `base64url(JSON payload).base64url(HMAC-SHA256)`. */
  sign(payload: Payload): string;
  verify(token: string, nowMs?: number): VerifiedToken<Payload>;
}

/**
 * Tokens of one kind, signed with a key derived (HKDF-SHA256, `purpose` as info) from the app's
 * auth secret: the secret itself signs nothing but sessions, and a token of one kind never passes
 * as another. `exp` is in Unix seconds.
 */
export function createSignedTokens<Schema extends z.ZodType<{ exp: number }>>(
  schema: Schema,
  { secret, purpose }: { secret: string; purpose: string },
): SignedTokens<z.output<Schema>> {
  const key = Buffer.from(hkdfSync('sha256', secret, '', purpose, 32));
  const mac = (body: string) => createHmac('sha256', key).update(body).digest();
  return {
    sign(payload) {
      const body = Buffer.from(JSON.stringify(schema.parse(payload))).toString('base64url');
      return `${body}.${mac(body).toString('base64url')}`;
    },
    verify(token, nowMs = Date.now()) {
      const [body, signature, ...rest] = token.split('.');
      if (!body || !signature || rest.length > 0) return { ok: false, reason: 'malformed' };
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(body);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
      let json: unknown;
      try {
        json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      const payload = schema.safeParse(json);
      if (!payload.success) return { ok: false, reason: 'malformed' };
      if (payload.data.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
      return { ok: true, payload: payload.data };
    },
  };
}
