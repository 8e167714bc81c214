import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { syncRoles } from './protocol.ts';

/**
 * What the web app vouches for when it hands a client a sync token: who (null: an anonymous
 * link viewer), which notebook, with which role, how to show them to others, until when.
 */
export const SyncTokenPayload = z.object({
  sub: z.uuid().nullable(),
  nb: z.uuid(),
  role: z.enum(syncRoles),
  name: z.string().min(1).max(200),
  handle: z.string().min(1).max(64),
  color: z.string().regex(/^#[0-9a-f]{6}$/),
  /** Expiry, in Unix seconds. */
  exp: z.number().int().positive(),
});
export type SyncTokenPayload = z.output<typeof SyncTokenPayload>;

export type VerifiedSyncToken =
  | { ok: true; payload: SyncTokenPayload }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

export interface SyncTokens {
  /** `base64url(JSON payload).base64url(HMAC-SHA256)`. */
  sign(payload: SyncTokenPayload): string;
  verify(token: string, nowMs?: number): VerifiedSyncToken;
}

/**
 * Signs and checks sync tokens with a key derived from the app's auth secret, so the secret
 * itself signs nothing but sessions and a leaked token key would not forge sessions.
 */
export function createSyncTokens({ secret }: { secret: string }): SyncTokens {
  const key = Buffer.from(hkdfSync('sha256', secret, '', 'cohort-sync-token', 32));
  const mac = (body: string) => createHmac('sha256', key).update(body).digest();
  return {
    sign(payload) {
      const body = Buffer.from(JSON.stringify(SyncTokenPayload.parse(payload))).toString('base64url');
      return `${body}.${mac(body).toString('base64url')}`;
    },
    verify(token, nowMs = Date.now()) {
      const parts = token.split('.');
      if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: 'malformed' };
      const [body, signature] = parts as [string, string];
      const expected = mac(body);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
      let json: unknown;
      try {
        json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      const payload = SyncTokenPayload.safeParse(json);
      if (!payload.success) return { ok: false, reason: 'malformed' };
      if (payload.data.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
      return { ok: true, payload: payload.data };
    },
  };
}
