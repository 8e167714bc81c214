import { closeCodes } from '@cohort/sync-auth';
import { createSyncTokens } from '@cohort/sync-auth/token';
import { SyncRefusal, type SyncExtension } from './extension.ts';

const reasons = { malformed: 'malformed token', forged: 'invalid token signature', expired: 'token expired' } as const;

/**
 * Who is connecting: the Origin of the upgrade request must be one of ours when a browser sends
 * one (SYNC-AUTH-1), and `?token=` must be a valid, unexpired sync token for this notebook
 * (SYNC-AUTH-2). The identity it yields is the token's; roles.ts checks it against the database.
 */
export function createAuth({ authSecret, allowedOrigins }: { authSecret: string; allowedOrigins: string[] }): SyncExtension {
  const tokens = createSyncTokens({ secret: authSecret });
  const origins = new Set(allowedOrigins);
  return {
    onUpgrade({ request }) {
      // Browsers always send Origin; other clients may omit it and are held to the token alone.
      const origin = request.headers.origin;
      if (origin !== undefined && !origins.has(origin)) throw new SyncRefusal(closeCodes.forbidden, `origin ${origin} is not allowed`);
    },
    async onAuthenticate({ request, notebookId }) {
      const token = new URL(request.url ?? '/', 'http://sync').searchParams.get('token');
      if (!token) throw new SyncRefusal(closeCodes.unauthenticated, 'missing token');
      const verified = tokens.verify(token);
      if (!verified.ok) throw new SyncRefusal(closeCodes.unauthenticated, reasons[verified.reason]);
      const { sub, nb, role, name, handle, color } = verified.payload;
      if (nb !== notebookId) throw new SyncRefusal(closeCodes.unauthenticated, 'token is for another notebook');
      return { userId: sub, user: { name, handle, color }, role };
    },
  };
}
