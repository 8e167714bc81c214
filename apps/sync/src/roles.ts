import { rolesOfUsersOnNotebook, type Db } from '@cohort/db';
import { closeCodes, syncRoles, type SyncRole } from '@cohort/sync-auth';
import { SyncRefusal, type DocumentHandle, type SyncExtension } from './extension.ts';

/** syncRoles runs from owner down to viewer. */
const lower = (a: SyncRole, b: SyncRole): SyncRole => (syncRoles.indexOf(a) > syncRoles.indexOf(b) ? a : b);

interface Access {
  /** The notebook no longer exists, or is in the trash. */
  gone: boolean;
  roleOf(userId: string | null): SyncRole | null;
}

async function access(db: Db, notebookId: string, userIds: string[]): Promise<Access> {
  const result = await rolesOfUsersOnNotebook(db, notebookId, userIds);
  if (!result || result.notebook.deletedAt) return { gone: true, roleOf: () => null };
  const { notebook, roles } = result;
  return {
    gone: false,
    roleOf: (userId) => (userId ? (roles.get(userId) ?? null) : notebook.linkAccess ? 'viewer' : null),
  };
}

/**
 * Roles from the database, never only from the token: at connect the token's role is capped by
 * the current one (SYNC-ROLE-2), and every `intervalMs` each loaded document re-checks everyone
 * connected in one batched lookup; a lowered role applies to the next frame, a removed one
 * closes the socket with 4403, a deleted notebook closes all of them with 4404 (SYNC-ROLE-3).
 */
export function createRoles({ db, intervalMs, log }: { db: Db; intervalMs: number; log(message: string, error?: unknown): void }): SyncExtension {
  const documents = new Map<string, DocumentHandle>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  async function check(document: DocumentHandle): Promise<void> {
    const connections = document.connections();
    if (!connections.length) return;
    const userIds = [...new Set(connections.flatMap((c) => (c.identity.userId ? [c.identity.userId] : [])))];
    const current = await access(db, document.notebookId, userIds);
    for (const connection of connections) {
      const role = current.roleOf(connection.identity.userId);
      if (current.gone) connection.close(closeCodes.notFound, 'notebook deleted');
      else if (!role) connection.close(closeCodes.forbidden, 'access removed');
      else connection.setRole(lower(connection.identity.role, role));
    }
  }

  function schedule(): void {
    if (timer || stopped) return;
    timer = setTimeout(() => {
      running = (async () => {
        await Promise.all(
          [...documents.values()].map((document) =>
            check(document).catch((error: unknown) => log(`re-checking roles on notebook ${document.notebookId} failed`, error)),
          ),
        );
        timer = undefined;
        if (documents.size) schedule();
      })();
    }, intervalMs).unref();
  }

  return {
    async onAuthenticate({ notebookId, identity }) {
      if (!identity) return null;
      const current = await access(db, notebookId, identity.userId ? [identity.userId] : []);
      if (current.gone) throw new SyncRefusal(closeCodes.notFound, 'notebook not found');
      const role = current.roleOf(identity.userId);
      if (!role) throw new SyncRefusal(closeCodes.forbidden, 'no access to this notebook');
      return { ...identity, role: lower(identity.role, role) };
    },
    afterLoadDocument(document) {
      documents.set(document.notebookId, document);
      schedule();
    },
    afterUnloadDocument({ notebookId }) {
      documents.delete(notebookId);
    },
    async onDestroy() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
