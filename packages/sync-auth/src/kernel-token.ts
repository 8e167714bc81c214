import { z } from 'zod';
import { createSignedTokens, type SignedTokens, type VerifiedToken } from './signed-token.ts';

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

export type VerifiedKernelToken = VerifiedToken<KernelTokenPayload>;
export type KernelTokens = SignedTokens<KernelTokenPayload>;

export function createKernelTokens({ secret }: { secret: string }): KernelTokens {
  return createSignedTokens(KernelTokenPayload, { secret, purpose: 'cohort-kernel-token' });
}
