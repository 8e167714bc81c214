import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * What the session host vouches for when it connects to a kernel worker
 * (`<worker url>/kernels/<kid>?token=…`, apps/worker/SPEC.md WORKER-AUTH-*): the kernel `kid` of
 * notebook `nb`, the backend to start it on (absent: the worker's automatic choice), until `exp`.
 * Signed like sync tokens (HMAC-SHA256) with its own key derived from the shared auth secret, so a
 * sync token can never pass as a kernel token or the other way round.
 */
export const KernelTokenPayload = z.object({
  nb: z.uuid(),
  kid: z.uuid(),
  /** The kernel protocol's backend names (@cohort/kernel's BackendName; this package depends on no other). */
  backend: z.enum(['webgpu', 'webgl', 'wasm', 'cpu', 'tensorflow']).optional(),
  /** Expiry, in Unix seconds. */
  exp: z.number().int().positive(),
});
export type KernelTokenPayload = z.output<typeof KernelTokenPayload>;

export type VerifiedKernelToken = { ok: true; payload: KernelTokenPayload } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

export interface KernelTokens {
  /** `base64url(JSON payload).base64url(HMAC-SHA256)`. */
  sign(payload: KernelTokenPayload): string;
  verify(token: string, nowMs?: number): VerifiedKernelToken;
}

export function createKernelTokens({ secret }: { secret: string }): KernelTokens {
  const key = Buffer.from(hkdfSync('sha256', secret, '', 'cohort-kernel-token', 32));
  const mac = (body: string) => createHmac('sha256', key).update(body).digest();
  return {
    sign(payload) {
      const body = Buffer.from(JSON.stringify(KernelTokenPayload.parse(payload))).toString('base64url');
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
      const payload = KernelTokenPayload.safeParse(json);
      if (!payload.success) return { ok: false, reason: 'malformed' };
      if (payload.data.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
      return { ok: true, payload: payload.data };
    },
  };
}
