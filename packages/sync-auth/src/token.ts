import { z } from 'zod';
import { syncRoles } from './protocol.ts';
import { createSignedTokens, type SignedTokens, type VerifiedToken } from './signed-token.ts';

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

export type VerifiedSyncToken = VerifiedToken<SyncTokenPayload>;
export type SyncTokens = SignedTokens<SyncTokenPayload>;

/** Signs and checks the sync tokens the web app hands clients (`cohort-sync-token` key). */
export function createSyncTokens({ secret }: { secret: string }): SyncTokens {
  return createSignedTokens(SyncTokenPayload, { secret, purpose: 'cohort-sync-token' });
}
