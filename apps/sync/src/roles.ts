import { rolesOfUsersOnNotebooks, type Db, type NotebookMemberRoles } from '@cohort/db';
import { closeCodes, syncRoles, type SyncRole } from '@cohort/sync-auth';
import { SyncRefusal, type ConnectionHandle, type DocumentHandle, type SyncExtension } from './extension.ts';

/** syncRoles runs from owner down to viewer. */
const lower = (a: SyncRole, b: SyncRole): SyncRole => (syncRoles.indexOf(a) > syncRoles.indexOf(b) ? a : b);

interface Access {
  /** The notebook no longer exists, or is in the trash. */
  gone: boolean;
  roleOf(userId: string | null): SyncRole | null;
}

function accessFrom(result: NotebookMemberRoles | undefined): Access {
  if (!result || result.notebook.deletedAt) return { gone: true, roleOf: () => null };
  const { notebook, roles } = result;
  return {
    gone: false,
    roleOf: (userId) => (userId ? (roles.get(userId) ?? null) : notebook.linkAccess ? 'viewer' : null),
  };
}

const signedIn = (connections: ConnectionHandle[]): string[] => [
  ...new Set(connections.flatMap((c) => (c.identity.userId ? [c.identity.userId] : []))),
];

/**
 * Roles from the database, never only from the token: at connect the token's role is capped by
 * the current one (SYNC-ROLE-2), and every `intervalMs` the roles of everyone connected to any
 * loaded document are re-checked in one query; a lowered role applies to the next frame, a removed one
 * closes the socket with 4403, a deleted notebook closes all of them with 4404 (SYNC-ROLE-3).
 */
export function createRoles({ db, intervalMs, log }: { db: Db; intervalMs: number; log(message: string, error?: unknown): void }): SyncExtension {
  const documents = new Map<string, DocumentHandle>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  /** One query for the roles on every loaded document, however many there are. */
  async function checkAll(): Promise<void> {
    const open = [...documents.values()].map((document) => ({ document, connections: document.connections() })).filter((o) => o.connections.length);
    if (!open.length) return;
    const current = await rolesOfUsersOnNotebooks(db, new Map(open.map((o) => [o.document.notebookId, signedIn(o.connections)])));
    for (const { document, connections } of open) {
      const access = accessFrom(current.get(document.notebookId));
      for (const connection of connections) {
        const role = access.roleOf(connection.identity.userId);
        if (access.gone) connection.close(closeCodes.notFound, 'notebook deleted');
        else if (!role) connection.close(closeCodes.forbidden, 'access removed');
        else connection.setRole(lower(connection.identity.role, role));
      }
    }
  }

  function schedule(): void {
    if (timer || stopped) return;
    timer = setTimeout(() => {
      running = (async () => {
        await checkAll().catch((error: unknown) => log(`re-checking roles on ${documents.size} notebook(s) failed`, error));
        timer = undefined;
        if (documents.size) schedule();
      })();
    }, intervalMs).unref();
  }

  return {
    async onAuthenticate({ notebookId, identity }) {
      if (!identity) return null;
      const userIds = identity.userId ? [identity.userId] : [];
      const current = accessFrom((await rolesOfUsersOnNotebooks(db, new Map([[notebookId, userIds]]))).get(notebookId));
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
