import * as encoding from 'lib0/encoding';
import type WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { docSnapshots, docVersions, eq, notebooks, type Database, type Db } from '@cohort/db';
import { openNotebook, ORIGIN, type Notebook } from '@cohort/notebook';
import { testDatabases } from '@cohort/db/testing';
import { closeCodes, decodePersisted, messageTypes, syncMessageTypes } from '@cohort/sync-auth';
import type { SyncExtension } from './extension.ts';
import { createLocalFanOut } from './fan-out.ts';
import { notebookSeed } from './notebook-seed.ts';
import { awarenessUpdate, frame, rawClient, upgradeStatus, upgradeWithFrames } from './raw-socket.ts';
import type { SyncServerOptions } from './sync-server.ts';
import { connectClient, docSatisfies, within, type TestClient } from './testing.ts';
import {
  createNotebook, createUser, logRows, migrated, share, startTestSyncServer, storedDoc, testOrigin, tokenFor, type TestSyncServer,
} from './test-server.ts';

const syncFrame = (kind: number, payload: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, messageTypes.sync);
    encoding.writeVarUint(e, kind);
    encoding.writeVarUint8Array(e, payload);
  });
const awarenessFrame = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, messageTypes.awareness);
    encoding.writeVarUint8Array(e, update);
  });

/** Resolves once `check` holds for the awareness states, checking again on each change. */
function awarenessSatisfies(awareness: Awareness, check: (states: Map<number, Record<string, unknown>>) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const test = () => {
      if (!check(awareness.getStates() as Map<number, Record<string, unknown>>)) return;
      awareness.off('change', test);
      resolve();
    };
    awareness.on('change', test);
    test();
  });
}

// Every WebsocketProvider listens for the process' exit; some tests hold more than ten at once.
process.setMaxListeners(64);

/**
 * The database, with appends to the update log held back on request, to look at the server while
 * an append is under way. Everything else passes straight through.
 */
function holdAppends(db: Db) {
  let gate: Promise<void> | null = null;
  let signalStarted = () => {};
  const held = new Proxy(db, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      // Appends are the server's only raw statements (document-store.ts); the rest uses the query builder.
      if (property !== 'execute') return typeof value === 'function' ? value.bind(target) : value;
      return (query: Parameters<Db['execute']>[0]) => {
        const waitFor = gate;
        if (!waitFor) return target.execute(query);
        signalStarted();
        return waitFor.then(() => target.execute(query));
      };
    },
  });
  return {
    db: held,
    /** Holds the appends from now on until `release()`; `started` resolves when one is under way. */
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      const started = new Promise<void>((resolve) => (signalStarted = resolve));
      return { started, release };
    },
  };
}

describe.each(testDatabases())('the sync server on $name', (testDb) => {
  let database: Database;
  let db: Db;
  let server: TestSyncServer;
  let clients: TestClient[] = [];
  let extraServers: TestSyncServer[] = [];
  beforeAll(async () => {
    database = await testDb.open();
    db = await migrated(database);
    server = await startTestSyncServer(db);
  });
  afterEach(async () => {
    for (const client of clients) client.destroy();
    clients = [];
    await Promise.all(extraServers.map((s) => s.close()));
    extraServers = [];
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  const connect = (notebookId: string, token: string, options: { persisted?: boolean; on?: TestSyncServer } = {}) => {
    const client = connectClient({ serverUrl: (options.on ?? server).serverUrl, notebookId, token, origin: testOrigin, persisted: options.persisted });
    clients.push(client);
    return client;
  };
  const startServer = async (options: Partial<SyncServerOptions>) => {
    const started = await startTestSyncServer(db, options);
    extraServers.push(started);
    return started;
  };
  const text = (client: TestClient | Y.Doc) => ('doc' in client ? client.doc : client).getText('source').toString();
  /** A notebook of a new owner, with the owner's token. */
  const ownNotebook = async (linkAccess = false) => {
    const owner = await createUser(db, 'Ana');
    const notebookId = await createNotebook(db, owner, linkAccess);
    return { owner, notebookId, ownerToken: tokenFor({ userId: owner, notebookId, role: 'owner' }) };
  };
  /** A user with a share of `role` and their token. */
  const sharedWith = async (notebookId: string, role: 'editor' | 'commenter' | 'viewer', name = 'Ben') => {
    const userId = await createUser(db, name);
    await share(db, notebookId, userId, role);
    return { userId, token: tokenFor({ userId, notebookId, role, name }) };
  };
  const port = () => Number(new URL(server.serverUrl).port);

  describe('protocol', () => {
    it('SYNC-PROTO-1: the stock WebsocketProvider syncs, receives the seeded document, and two editors converge', async () => {
      const { notebookId, ownerToken } = await ownNotebook();
      const ben = await sharedWith(notebookId, 'editor');
      const a = connect(notebookId, ownerToken);
      const b = connect(notebookId, ben.token);
      await within(5_000, 'both synced', Promise.all([a.synced(), b.synced()]));
      expect(a.doc.getMap('meta').get('title')).toBe('CNN on MNIST');
      a.doc.getText('source').insert(0, 'const x = 1;');
      b.doc.getText('source').insert(0, '// Ben\n');
      const length = 'const x = 1;// Ben\n'.length;
      await within(5_000, 'converged', Promise.all([a, b].map((c) => docSatisfies(c.doc, (doc) => doc.getText('source').length === length))));
      expect(text(a)).toBe(text(b));
      expect((await storedDoc(db, notebookId)).getText('source').toString()).toBe(text(a));
    });

    it('SYNC-PROTO-1: a client without an Origin header (not a browser) is held to its token alone', async () => {
      const { notebookId, ownerToken } = await ownNotebook();
      const client = connectClient({ serverUrl: server.serverUrl, notebookId, token: ownerToken });
      clients.push(client);
      await within(5_000, 'synced', client.synced());
    });

    it('SYNC-PROTO-2: closes the socket with 4400 on a text frame, an unknown message type or a malformed update, storing nothing', async () => {
      const { notebookId, ownerToken } = await ownNotebook();
      await within(5_000, 'loaded', connect(notebookId, ownerToken).synced());
      const rows = await logRows(db, notebookId);
      const url = `${server.serverUrl}/${notebookId}?token=${ownerToken}`;
      const sends: Array<(ws: WebSocket) => void> = [
        (ws) => ws.send('hello'),
        (ws) => ws.send(Uint8Array.of(77)),
        (ws) => ws.send(Uint8Array.of(messageTypes.sync)),
        (ws) => ws.send(syncFrame(syncMessageTypes.update, Uint8Array.of(5, 200, 1, 9, 9, 9))),
        (ws) => ws.send(syncFrame(syncMessageTypes.step1, Uint8Array.of(3, 1))),
        (ws) => ws.send(awarenessFrame(new TextEncoder().encode('not an awareness update'))),
        (ws) => ws.send(awarenessFrame(awarenessUpdate([[1, 1, 'a string, not a state']]))),
      ];
      for (const send of sends) {
        const raw = rawClient(url);
        await raw.opened;
        send(raw.ws);
        expect(await within(5_000, 'closed', raw.closed)).toBe(closeCodes.badMessage);
      }
      expect(await logRows(db, notebookId)).toBe(rows);
    });

    it('SYNC-PROTO-3: closes the socket with 4413 on a frame over the size cap', async () => {
      const small = await startServer({ maxFrameBytes: 64 * 1024 });
      const { notebookId, ownerToken } = await ownNotebook();
      const raw = rawClient(`${small.serverUrl}/${notebookId}?token=${ownerToken}`);
      await raw.opened;
      raw.ws.send(new Uint8Array(64 * 1024 + 1));
      expect(await within(5_000, 'closed', raw.closed)).toBe(closeCodes.tooLarge);
    });

    it('SYNC-PROTO-4: answers frames sent before authentication completed, in order, once it has', async () => {
      const { notebookId, ownerToken } = await ownNotebook();
      const answer = await within(
        5_000,
        'answered',
        upgradeWithFrames(port(), `/sync/${notebookId}?token=${ownerToken}`, [
          syncFrame(syncMessageTypes.step1, Y.encodeStateVector(new Y.Doc())),
          Uint8Array.of(messageTypes.subscribePersisted),
          Uint8Array.of(77),
        ]),
      );
      expect(answer.status).toBe('HTTP/1.1 101 Switching Protocols');
      const kinds = answer.payloads.map((p) => `${p[0]}/${p[0] === messageTypes.sync ? p[1] : ''}`);
      expect(kinds).toEqual([`0/${syncMessageTypes.step1}`, `0/${syncMessageTypes.step2}`, `${messageTypes.persisted}/`]);
      expect(answer.closeCode).toBe(closeCodes.badMessage);
    });

    it('SYNC-PROTO-4: closes the socket with 4429 when more than 64 frames arrive before authentication completed', async () => {
      const { notebookId, ownerToken } = await ownNotebook();
      const frames = Array.from({ length: 65 }, () => Uint8Array.of(messageTypes.queryAwareness));
      const answer = await within(5_000, 'answered', upgradeWithFrames(port(), `/sync/${notebookId}?token=${ownerToken}`, frames));
      expect(answer.closeCode).toBe(closeCodes.flood);
      expect(answer.payloads).toEqual([]);
    });

    it('SYNC-PROTO-4: closes the socket with 4429 when more bytes than allowed arrive before authentication completed', async () => {
      const strict = await startServer({ preAuthMaxBytes: 4 * 1024 });
      const { notebookId, ownerToken } = await ownNotebook();
      const frames = Array.from({ length: 5 }, () => new Uint8Array(1024));
      const answer = await within(5_000, 'answered', upgradeWithFrames(Number(new URL(strict.serverUrl).port), `/sync/${notebookId}?token=${ownerToken}`, frames));
      expect(answer.closeCode).toBe(closeCodes.flood);
    });
  });

  describe('authentication', () => {
    it('SYNC-AUTH-1: answers 403 to an upgrade from an origin that is not ours, and opens no socket', async () => {
      const { notebookId, ownerToken } = await ownNotebook();
      const url = `${server.serverUrl}/${notebookId}?token=${ownerToken}`;
      expect(await upgradeStatus(url, 'http://evil.test')).toBe(403);
      expect(await upgradeStatus(url, testOrigin)).toBe(101);
    });

    it('SYNC-AUTH-2: closes with 4401 without a token, or with a forged, expired or other notebook\'s token', async () => {
      const { owner, notebookId } = await ownNotebook();
      const other = await createNotebook(db, owner);
      const tokens = {
        missing: '',
        garbage: 'not-a-token',
        forged: tokenFor({ userId: owner, notebookId, role: 'owner' }, 'some other secret, as long as a real one'),
        expired: tokenFor({ userId: owner, notebookId, role: 'owner', exp: Math.floor(Date.now() / 1000) - 1 }),
        'other notebook': tokenFor({ userId: owner, notebookId: other, role: 'owner' }),
      };
      for (const [what, token] of Object.entries(tokens)) {
        const client = connect(notebookId, token);
        expect(await within(5_000, `${what} token refused`, client.closed), what).toMatchObject({ code: closeCodes.unauthenticated });
      }
    });
  });

  describe('roles', () => {
    it('SYNC-ROLE-1: a viewer and a commenter receive the document and awareness, but an update from them is refused with 4403, never stored or broadcast', async () => {
      const { notebookId, ownerToken } = await ownNotebook();
      const owner = connect(notebookId, ownerToken, { persisted: true });
      await owner.synced();
      owner.doc.getText('source').insert(0, 'hello');
      owner.provider.awareness.setLocalStateField('cursor', 1);
      await within(5_000, 'saved', owner.saved());
      for (const role of ['viewer', 'commenter'] as const) {
        const reader = connect(notebookId, (await sharedWith(notebookId, role, role)).token);
        await within(5_000, `${role} synced`, reader.synced());
        expect(text(reader)).toBe(text(owner));
        await within(5_000, 'owner presence', awarenessSatisfies(reader.provider.awareness, (s) => s.get(owner.doc.clientID)?.cursor === 1));
        const rows = await logRows(db, notebookId);
        reader.doc.getText('source').insert(0, `${role} was here `);
        expect(await within(5_000, `${role} closed`, reader.closed)).toMatchObject({ code: closeCodes.forbidden });
        expect(await logRows(db, notebookId)).toBe(rows);
        // Anything the server took from the reader would reach the owner before this edit is saved.
        owner.doc.getText('source').insert(5, `[after ${role}]`);
        await within(5_000, 'saved', owner.saved());
        const fresh = connect(notebookId, ownerToken);
        await within(5_000, 'fresh client synced', fresh.synced());
        expect(text(fresh)).toContain(`[after ${role}]`);
        expect(text(fresh)).not.toContain('was here');
        expect(text(owner)).not.toContain('was here');
      }
    });

    it('SYNC-ROLE-1: a read-only client whose sync step 2 repeats known content, deletions included, stays connected', async () => {
      const { notebookId, ownerToken } = await ownNotebook();
      const owner = connect(notebookId, ownerToken, { persisted: true });
      await owner.synced();
      owner.doc.getText('source').insert(0, 'hello world');
      owner.doc.getText('source').delete(0, 6);
      await within(5_000, 'saved', owner.saved());
      const viewer = await sharedWith(notebookId, 'viewer');
      // The viewer already holds the document (e.g. from an earlier visit) and reconnects.
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(owner.doc));
      const reader = connectClient({ serverUrl: server.serverUrl, notebookId, token: viewer.token, origin: testOrigin, persisted: true, doc });
      clients.push(reader);
      const saved = await within(5_000, 'step 2 acknowledged', reader.saved());
      expect(saved.updates).toBe(1);
      expect(text(reader)).toBe('world');
    });

    it('SYNC-ROLE-2: caps the token\'s role by the current one, refuses users without access (4403) and deleted notebooks (4404)', async () => {
      const { owner, notebookId } = await ownNotebook();
      const viewer = await sharedWith(notebookId, 'viewer');
      const stale = connect(notebookId, tokenFor({ userId: viewer.userId, notebookId, role: 'editor' }));
      await within(5_000, 'synced', stale.synced());
      stale.doc.getText('source').insert(0, 'not mine to write');
      expect(await within(5_000, 'refused', stale.closed)).toMatchObject({ code: closeCodes.forbidden });

      const stranger = await createUser(db, 'Sam');
      const refused = connect(notebookId, tokenFor({ userId: stranger, notebookId, role: 'editor' }));
      expect(await within(5_000, 'stranger refused', refused.closed)).toMatchObject({ code: closeCodes.forbidden });

      const trashed = await createNotebook(db, owner);
      await db.update(notebooks).set({ deletedAt: new Date() }).where(eq(notebooks.id, trashed));
      const gone = connect(trashed, tokenFor({ userId: owner, notebookId: trashed, role: 'owner' }));
      expect(await within(5_000, 'trashed refused', gone.closed)).toMatchObject({ code: closeCodes.notFound });
      const missing = '00000000-0000-4000-8000-000000000000';
      const nothing = connect(missing, tokenFor({ userId: owner, notebookId: missing, role: 'owner' }));
      expect(await within(5_000, 'missing refused', nothing.closed)).toMatchObject({ code: closeCodes.notFound });
    });

    it('SYNC-ROLE-3: removing a share closes the open socket with 4403 within 5 s', async () => {
      const { notebookId } = await ownNotebook();
      const ben = await sharedWith(notebookId, 'editor');
      const client = connect(notebookId, ben.token);
      await within(5_000, 'synced', client.synced());
      await share(db, notebookId, ben.userId, null);
      expect(await within(5_000, 'closed after the share was removed', client.closed)).toMatchObject({ code: closeCodes.forbidden });
    });

    it('SYNC-ROLE-3: lowering a role refuses the next update within 5 s, and stores none after it', async () => {
      const { notebookId } = await ownNotebook();
      const ben = await sharedWith(notebookId, 'editor');
      const client = connect(notebookId, ben.token, { persisted: true });
      await within(5_000, 'synced', client.synced());
      await share(db, notebookId, ben.userId, 'viewer');
      const refusedEdit = (async () => {
        for (let i = 0; ; i++) {
          client.doc.getText('source').insert(0, `[edit ${i}]`);
          const outcome = await Promise.race([client.saved().then(() => 'saved' as const), client.closed]);
          if (outcome !== 'saved') return { i, outcome };
        }
      })();
      const { i, outcome } = await within(5_000, 'an edit refused', refusedEdit);
      expect(outcome).toMatchObject({ code: closeCodes.forbidden });
      const stored = (await storedDoc(db, notebookId)).getText('source').toString();
      if (i > 0) expect(stored).toContain(`[edit ${i - 1}]`);
      expect(stored).not.toContain(`[edit ${i}]`);
    });

    it('SYNC-ROLE-3: an anonymous link viewer syncs read-only, and is closed with 4403 when link access is turned off', async () => {
      const { notebookId, ownerToken } = await ownNotebook(true);
      const owner = connect(notebookId, ownerToken, { persisted: true });
      await owner.synced();
      owner.doc.getText('source').insert(0, 'public');
      await within(5_000, 'saved', owner.saved());
      const anonymous = connect(notebookId, tokenFor({ userId: null, notebookId, role: 'viewer', name: 'Anonymous' }));
      await within(5_000, 'synced', anonymous.synced());
      expect(text(anonymous)).toBe('public');
      await db.update(notebooks).set({ linkAccess: false }).where(eq(notebooks.id, notebookId));
      expect(await within(5_000, 'closed', anonymous.closed)).toMatchObject({ code: closeCodes.forbidden });
    });

    it('SYNC-ROLE-3: moving the notebook to the trash closes every socket with 4404 within 5 s', async () => {
      const { notebookId, ownerToken } = await ownNotebook();
      const owner = connect(notebookId, ownerToken);
      await within(5_000, 'synced', owner.synced());
      await db.update(notebooks).set({ deletedAt: new Date() }).where(eq(notebooks.id, notebookId));
      expect(await within(5_000, 'closed', owner.closed)).toMatchObject({ code: closeCodes.notFound });
    });
  });

  describe('awareness', () => {
    it('SYNC-AWARE-1: shows the name, handle and colour of the token, whatever the client claims', async () => {
      const { notebookId, ownerToken } = await ownNotebook();
      const ben = await sharedWith(notebookId, 'editor', 'Ben');
      const ana = connect(notebookId, ownerToken);
      const observer = connect(notebookId, ben.token);
      await within(5_000, 'synced', Promise.all([ana.synced(), observer.synced()]));
      ana.provider.awareness.setLocalState({ user: { name: 'Mallory', handle: 'mallory', color: '#000000' }, cursor: 3 });
      await within(5_000, 'seen', awarenessSatisfies(observer.provider.awareness, (s) => s.get(ana.doc.clientID)?.cursor === 3));
      expect(observer.provider.awareness.getStates().get(ana.doc.clientID)).toEqual({
        user: { name: 'Ana', handle: 'ana', color: '#3b82f6' },
        cursor: 3,
      });
    });

    it('SYNC-AWARE-2: ignores awareness a client sets for another client\'s id; SYNC-AWARE-3: removes a closed socket\'s states', async () => {
      const { notebookId, ownerToken } = await ownNotebook();
      const ana = connect(notebookId, ownerToken);
      const observer = connect(notebookId, ownerToken);
      await within(5_000, 'synced', Promise.all([ana.synced(), observer.synced()]));
      ana.provider.awareness.setLocalStateField('cursor', 1);
      await within(5_000, 'seen', awarenessSatisfies(observer.provider.awareness, (s) => s.get(ana.doc.clientID)?.cursor === 1));

      const mallory = await sharedWith(notebookId, 'viewer', 'Mallory');
      const raw = rawClient(`${server.serverUrl}/${notebookId}?token=${mallory.token}`, { origin: testOrigin });
      await raw.opened;
      const mine = 4242;
      raw.ws.send(awarenessFrame(awarenessUpdate([[ana.doc.clientID, 1_000, { cursor: 99 }]])));
      raw.ws.send(awarenessFrame(awarenessUpdate([[mine, 1, { cursor: 7 }]])));
      await within(5_000, 'mallory seen', awarenessSatisfies(observer.provider.awareness, (s) => s.get(mine)?.cursor === 7));
      expect(observer.provider.awareness.getStates().get(ana.doc.clientID)).toMatchObject({ cursor: 1, user: { name: 'Ana' } });
      expect(observer.provider.awareness.getStates().get(mine)).toMatchObject({ user: { name: 'Mallory' } });

      raw.ws.close();
      await within(5_000, 'mallory gone', awarenessSatisfies(observer.provider.awareness, (s) => !s.has(mine)));
    });
  });

  describe('persistence', () => {
    it('SYNC-STORE-1, SYNC-STORE-2: acknowledges an update only once it is in Postgres; stock clients get no acknowledgements', async () => {
      const { notebookId, ownerToken } = await ownNotebook();
      const client = connect(notebookId, ownerToken, { persisted: true });
      const stock = connect(notebookId, ownerToken);
      await within(5_000, 'synced', Promise.all([client.synced(), stock.synced()]));
      for (let i = 0; i < 20; i++) {
        client.doc.getText('source').insert(i, `${i % 10}`);
        const persisted = await within(5_000, `edit ${i} acknowledged`, client.saved());
        expect(Y.decodeStateVector(persisted.stateVector).get(client.doc.clientID)).toBe(i + 1);
        expect((await storedDoc(db, notebookId)).getText('source').toString()).toBe(text(client));
      }
      await within(5_000, 'stock client converged', docSatisfies(stock.doc, (doc) => doc.getText('source').length === 20));
      expect([...stock.receivedTypes].every((type) => type < 100)).toBe(true);
    });

    it('SYNC-STORE-1: applies, broadcasts and acknowledges nothing while the update is still being appended', async () => {
      const appends = holdAppends(db);
      const held = await startServer({ db: appends.db });
      const { notebookId, ownerToken } = await ownNotebook();
      const url = `${held.serverUrl}/${notebookId}?token=${ownerToken}`;
      const [writer, observer] = [rawClient(url), rawClient(url)];
      await Promise.all([writer.opened, observer.opened]);
      writer.ws.send(Uint8Array.of(messageTypes.subscribePersisted));
      await writer.frameWhere((f) => f[0] === messageTypes.persisted);
      const isUpdate = (f: Uint8Array) => f[0] === messageTypes.sync && f[1] === syncMessageTypes.update;
      const isAck = (f: Uint8Array) => (decodePersisted(f)?.updates ?? 0) > 0;

      const doc = new Y.Doc();
      doc.getText('source').insert(0, 'write-ahead');
      const { started, release } = appends.hold();
      writer.ws.send(syncFrame(syncMessageTypes.update, Y.encodeStateAsUpdate(doc)));
      await within(5_000, 'append started', started);
      // The server answers these probes at once; anything it sent before them arrives before the answers.
      for (const client of [writer, observer]) client.ws.send(Uint8Array.of(messageTypes.queryAwareness));
      await within(5_000, 'probes answered', Promise.all([writer, observer].map((c) => c.frameWhere((f) => f[0] === messageTypes.awareness))));
      expect(writer.received.some(isAck)).toBe(false);
      expect(observer.received.some(isUpdate)).toBe(false);
      expect(await logRows(db, notebookId)).toBe(1);

      release();
      await within(5_000, 'acknowledged', writer.frameWhere(isAck));
      expect(text(await storedDoc(db, notebookId))).toBe('write-ahead');
      await within(5_000, 'broadcast', observer.frameWhere(isUpdate));
      writer.ws.close();
      observer.ws.close();
    });

    it('SYNC-STORE-1: a reconnecting editor\'s sync step 2 that repeats what is stored adds no row to the log', async () => {
      const { notebookId, ownerToken } = await ownNotebook();
      const first = connect(notebookId, ownerToken, { persisted: true });
      await first.synced();
      first.doc.getText('source').insert(0, 'hello world');
      first.doc.getText('source').delete(0, 6);
      await within(5_000, 'saved', first.saved());
      first.destroy();
      const rows = await logRows(db, notebookId);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(first.doc));
      const again = connectClient({ serverUrl: server.serverUrl, notebookId, token: ownerToken, origin: testOrigin, persisted: true, doc });
      clients.push(again);
      expect(await within(5_000, 'step 2 acknowledged', again.saved())).toMatchObject({ updates: 1 });
      expect(await logRows(db, notebookId)).toBe(rows);
    });

    it('SYNC-STORE-3: keeps the document and retries when storing fails, acknowledging only after it succeeded', async () => {
      let failures = 2;
      const flaky: SyncExtension = {
        async beforeApplyUpdates() {
          if (failures-- > 0) throw new Error('database unavailable');
        },
      };
      const flakyServer = await startServer({ extensions: [flaky], log: () => {} });
      const { notebookId, ownerToken } = await ownNotebook();
      const client = connect(notebookId, ownerToken, { persisted: true, on: flakyServer });
      await within(5_000, 'synced', client.synced());
      client.doc.getText('source').insert(0, 'kept');
      await within(5_000, 'saved after retries', client.saved());
      expect(failures).toBeLessThan(0);
      expect((await storedDoc(db, notebookId)).getText('source').toString()).toBe('kept');
    });

    it('SYNC-STORE-5, SYNC-FAN-1: two sync servers on one database seed each new notebook once, and share edits', async () => {
      let seeded = 0;
      const countingSeed: SyncServerOptions['seed'] = (doc, notebook) => {
        seeded++;
        notebookSeed(doc, notebook);
      };
      const fanOut = createLocalFanOut();
      const [one, two] = await Promise.all([
        startServer({ seed: countingSeed, fanOut }),
        startServer({ seed: countingSeed, fanOut }),
      ]);
      const created = await Promise.all(Array.from({ length: 8 }, () => ownNotebook()));
      const pairs = created.map(({ notebookId, ownerToken }) => [
        connect(notebookId, ownerToken, { on: one, persisted: true }),
        connect(notebookId, ownerToken, { on: two }),
      ]);
      await within(10_000, 'all synced', Promise.all(pairs.flat().map((c) => c.synced())));
      expect(seeded).toBe(created.length);
      for (const { notebookId } of created) expect(await logRows(db, notebookId)).toBe(1);
      for (const [a, b] of pairs) expect(a!.doc.getMap('meta').toJSON()).toEqual(b!.doc.getMap('meta').toJSON());

      const [a, b] = pairs[0]!;
      a!.doc.getText('source').insert(0, 'from server one');
      await within(5_000, 'seen on server two', docSatisfies(b!.doc, (doc) => doc.getText('source').toString() === 'from server one'));
      await within(5_000, 'saved', a!.saved());
    });

    it('SYNC-LIFE-1: unloads a document without sockets after the idle time, compacting its log first', async () => {
      const { notebookId, ownerToken } = await ownNotebook();
      let unloaded!: () => void;
      const gone = new Promise<void>((resolve) => (unloaded = resolve));
      const watcher: SyncExtension = { afterUnloadDocument: ({ notebookId: id }) => id === notebookId && unloaded() };
      const idle = await startServer({ idleUnloadMs: 50, extensions: [watcher] });
      const client = connect(notebookId, ownerToken, { persisted: true, on: idle });
      await within(5_000, 'synced', client.synced());
      client.doc.getText('source').insert(0, 'compacted');
      await within(5_000, 'saved', client.saved());
      client.destroy();
      await within(5_000, 'unloaded', gone);
      expect(idle.sync.documents()).not.toContain(notebookId);
      expect(await logRows(db, notebookId)).toBe(0);
      const [snapshot] = await db.select().from(docSnapshots).where(eq(docSnapshots.notebookId, notebookId));
      const fromSnapshot = new Y.Doc();
      Y.applyUpdate(fromSnapshot, snapshot!.state);
      expect(text(fromSnapshot)).toBe('compacted');
      const again = connect(notebookId, ownerToken, { on: idle });
      await within(5_000, 'synced again', again.synced());
      expect(text(again)).toBe('compacted');
    });

    it('SYNC-LIFE-2: close() stores the updates still pending, then compacts and unloads every document', async () => {
      let entered!: () => void;
      const storing = new Promise<void>((resolve) => (entered = resolve));
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const slow: SyncExtension = {
        async beforeApplyUpdates() {
          entered();
          await gate;
        },
      };
      const closing = await startTestSyncServer(db, { extensions: [slow] });
      const { notebookId, ownerToken } = await ownNotebook();
      const client = connect(notebookId, ownerToken, { on: closing });
      await within(5_000, 'synced', client.synced());
      client.doc.getText('source').insert(0, 'in flight at shutdown');
      await within(5_000, 'store started', storing);
      const closed = closing.close();
      release();
      await within(5_000, 'closed', closed);
      expect(closing.sync.documents()).toEqual([]);
      expect(await logRows(db, notebookId)).toBe(0);
      expect(text(await storedDoc(db, notebookId))).toBe('in flight at shutdown');
    });
  });
  describe('server changes and versions', () => {
    /** A compute for `change` that edits the notebook model on a copy and returns the difference. */
    const edit = (write: (notebook: Notebook) => void, seen: Uint8Array[] = []) => async (state: Uint8Array) => {
      seen.push(state);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      const before = Y.encodeStateVector(doc);
      write(openNotebook(doc));
      return Y.encodeStateAsUpdate(doc, before);
    };
    const firstSource = (doc: Y.Doc) => openNotebook(doc).cells()[0]?.source;
    const appendToFirstCell = (text: string) => (notebook: Notebook) => notebook.editSource(notebook.cellIds()[0]!, 0, 0, text, ORIGIN.server);

    it('SYNC-DOC-1: a server change is in the log before any socket receives it; then every socket does', async () => {
      const appends = holdAppends(db);
      const held = await startServer({ db: appends.db });
      const { notebookId, ownerToken } = await ownNotebook();
      const observer = rawClient(`${held.serverUrl}/${notebookId}?token=${ownerToken}`);
      await observer.opened;
      await observer.frameWhere((f) => f[0] === messageTypes.sync);
      const rows = await logRows(db, notebookId);
      const isUpdate = (f: Uint8Array) => f[0] === messageTypes.sync && f[1] === syncMessageTypes.update;

      const { started, release } = appends.hold();
      const changed = held.sync.notebookDocuments.change(notebookId, edit(appendToFirstCell('restored()')));
      await within(5_000, 'append started', started);
      observer.ws.send(Uint8Array.of(messageTypes.queryAwareness));
      await within(5_000, 'probe answered', observer.frameWhere((f) => f[0] === messageTypes.awareness));
      expect(observer.received.some(isUpdate)).toBe(false);

      release();
      expect(await within(5_000, 'changed', changed)).toBe(true);
      await within(5_000, 'broadcast', observer.frameWhere(isUpdate));
      expect(await logRows(db, notebookId)).toBe(rows + 1);
      expect(firstSource(await storedDoc(db, notebookId))).toBe('restored()');
      observer.ws.close();
    });

    it('SYNC-DOC-1: the change is computed from the document with every update that arrived before it; clients converge on it', async () => {
      const appends = holdAppends(db);
      const held = await startServer({ db: appends.db });
      const { notebookId, ownerToken } = await ownNotebook();
      const client = connect(notebookId, ownerToken, { on: held });
      await within(5_000, 'synced', client.synced());
      const { started, release } = appends.hold();
      openNotebook(client.doc).editSource(openNotebook(client.doc).cellIds()[0]!, 0, 0, 'typed', ORIGIN.user);
      await within(5_000, 'append started', started);
      const seen: Uint8Array[] = [];
      const changed = held.sync.notebookDocuments.change(notebookId, edit(appendToFirstCell('server:'), seen));
      release();
      expect(await within(5_000, 'changed', changed)).toBe(true);
      const computedFrom = new Y.Doc();
      Y.applyUpdate(computedFrom, seen[0]!);
      expect(firstSource(computedFrom)).toBe('typed');
      await within(5_000, 'client has the change', docSatisfies(client.doc, (doc) => firstSource(doc) === 'server:typed'));
      expect(firstSource(await storedDoc(db, notebookId))).toBe('server:typed');
    });

    it('SYNC-DOC-1: reads and changes notebooks nobody has open; a change that changes nothing stores nothing; unknown notebooks answer null and false', async () => {
      const { notebookId } = await ownNotebook();
      const { notebookDocuments } = server.sync;
      const read = async () => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, (await notebookDocuments.read(notebookId))!);
        return doc;
      };
      expect(openNotebook(await read()).cells()).toHaveLength(1);
      expect(server.sync.documents()).not.toContain(notebookId);
      expect(await notebookDocuments.change(notebookId, edit(appendToFirstCell('x')))).toBe(true);
      expect(firstSource(await read())).toBe('x');
      const rows = await logRows(db, notebookId);
      expect(await notebookDocuments.change(notebookId, async () => null)).toBe(true);
      expect(await notebookDocuments.change(notebookId, edit(() => {}))).toBe(true);
      expect(await logRows(db, notebookId)).toBe(rows);
      await expect(notebookDocuments.change(notebookId, async () => Uint8Array.of(1, 2, 3))).rejects.toThrow();
      const unknown = crypto.randomUUID();
      expect(await notebookDocuments.read(unknown)).toBeNull();
      expect(await notebookDocuments.change(unknown, edit(() => {}))).toBe(false);
    });

    it('SYNC-DOC-2: a notebook created with content is seeded in the transaction that creates it, never by the default seed', async () => {
      let seeded = 0;
      const counting = await startServer({
        seed: (doc, notebook) => {
          seeded++;
          notebookSeed(doc, notebook);
        },
      });
      const owner = await createUser(db, 'Ana');
      const notebookId = await db.transaction(async (tx) => {
        const [row] = await tx.insert(notebooks).values({ title: 'Imported', ownerUserId: owner }).returning();
        await counting.sync.notebookDocuments.create(tx, row!.id, { title: 'Imported', cells: [{ id: 'kept-id', cell_type: 'markdown', source: '# Hi' }] });
        return row!.id;
      });
      const client = connect(notebookId, tokenFor({ userId: owner, notebookId, role: 'owner' }), { on: counting });
      await within(5_000, 'synced', client.synced());
      expect(openNotebook(client.doc).toJSON()).toMatchObject({ title: 'Imported', cells: [{ id: 'kept-id', cell_type: 'markdown', source: '# Hi' }] });
      expect(seeded).toBe(0);
      expect(await logRows(db, notebookId)).toBe(1);
    });

    it('SYNC-HIST-1: accepted edits store an automatic version of the document as edited', async () => {
      const versioned = await startTestSyncServer(db, { autoVersionIntervalMs: 60_000 });
      const { notebookId, ownerToken } = await ownNotebook();
      const client = connect(notebookId, ownerToken, { on: versioned, persisted: true });
      await within(5_000, 'synced', client.synced());
      openNotebook(client.doc).editSource(openNotebook(client.doc).cellIds()[0]!, 0, 0, 'first edit', ORIGIN.user);
      await within(5_000, 'saved', client.saved());
      client.destroy();
      // close() waits for version writes under way.
      await versioned.close();
      const versions = await db.select().from(docVersions).where(eq(docVersions.notebookId, notebookId));
      expect(versions).toHaveLength(1);
      expect(versions[0]).toMatchObject({ name: null, createdBy: null });
      const doc = new Y.Doc();
      Y.applyUpdate(doc, versions[0]!.state);
      expect(firstSource(doc)).toBe('first edit');
    });
  });
});
