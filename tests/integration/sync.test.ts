import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { closeCodes } from '@cohort/sync-auth';
import { connectClient, within, type TestClient } from '@cohort/sync/testing';
import { ApiClient, signedInUser } from '../support/api-client.ts';
import { startCohort, type CohortProcess } from '../support/cohort.ts';
import { mulberry32 as random } from '../../packages/notebook/test-support/mulberry32.ts';

// Every WebsocketProvider listens for the process' exit; the fuzz test holds more than ten at once.
process.setMaxListeners(64);

let cohort: CohortProcess;
let ana: ApiClient;
beforeAll(async () => {
  cohort = await startCohort();
  ana = (await signedInUser(cohort.url, 'Ana')).client;
});
afterAll(async () => {
  await cohort?.dispose();
});

const created = async (client: ApiClient, path: string, body: unknown) => {
  const response = await client.post(path, body);
  if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
};

/** Opens a notebook live as the API's client does: a fresh token from the API, then the stock provider. */
async function open(client: ApiClient, notebookId: string, options: { persisted?: boolean } = {}): Promise<TestClient> {
  const grant = await client.get(`/notebooks/${notebookId}/sync-token`);
  expect(grant.status).toBe(200);
  expect(grant.body.url).toBe(`/sync/${notebookId}`);
  return connectClient({
    serverUrl: `${cohort.url.replace(/^http/, 'ws')}/sync`,
    notebookId,
    token: grant.body.token,
    origin: cohort.url,
    ...options,
  });
}

/** The document as the server holds it, read by a client that connects just for that. */
async function serverState(notebookId: string): Promise<Y.Doc> {
  const reader = await open(ana, notebookId);
  await within(10_000, 'server state read', reader.synced());
  reader.destroy();
  return reader.doc;
}

describe('live editing through `npm start`', () => {
  it('SYNC-PROTO-1: a signed-in user syncs the stock WebsocketProvider with a token from the API; SYNC-ROLE-1: a link viewer only reads', async () => {
    const notebook = await created(ana, '/notebooks', { title: 'Shared scratchpad' });
    const owner = await open(ana, notebook.id, { persisted: true });
    await within(10_000, 'synced', owner.synced());
    expect(owner.doc.getMap('meta').get('title')).toBe('Shared scratchpad');
    owner.doc.getText('source').insert(0, 'print("hi")');
    await within(10_000, 'saved', owner.saved());

    expect((await ana.patch(`/notebooks/${notebook.id}`, { linkAccess: true })).status).toBe(200);
    const anonymous = await open(new ApiClient(cohort.url), notebook.id);
    await within(10_000, 'anonymous synced', anonymous.synced());
    expect(anonymous.doc.getText('source').toString()).toBe('print("hi")');
    anonymous.doc.getText('source').insert(0, 'defaced ');
    expect(await within(10_000, 'refused', anonymous.closed)).toMatchObject({ code: closeCodes.forbidden });
    expect((await serverState(notebook.id)).getText('source').toString()).toBe('print("hi")');
    owner.destroy();
  });

  it('SYNC-PROTO-1, SYNC-STORE-1: ten clients editing at random, with sockets dropping, converge with the server and with Postgres after a restart', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`sync fuzz seed ${seed} (replay with FUZZ_SEED=${seed})`);
    const next = random(seed);
    const notebook = await created(ana, '/notebooks', { title: 'Fuzzed' });
    const { client: ben, user: benUser } = await signedInUser(cohort.url, 'Ben');
    expect((await ana.put(`/notebooks/${notebook.id}/shares`, { handle: benUser.handle, role: 'editor' })).status).toBe(200);
    const clients = await Promise.all(Array.from({ length: 10 }, (_, i) => open(i % 2 ? ben : ana, notebook.id)));
    await within(20_000, 'all synced', Promise.all(clients.map((c) => c.synced())));

    let drops = 0;
    for (let step = 0; step < 400; step++) {
      const client = clients[Math.floor(next() * clients.length)]!;
      const source = client.doc.getText('source');
      const dice = next();
      if (dice < 0.08) {
        // As a network drop: the provider reconnects by itself, and edits made meanwhile sync then.
        client.provider.ws?.close();
        drops++;
      } else if (dice < 0.3 && source.length) {
        const at = Math.floor(next() * source.length);
        source.delete(at, Math.min(source.length - at, 1 + Math.floor(next() * 5)));
      } else {
        source.insert(Math.floor(next() * (source.length + 1)), next().toString(36).slice(2, 2 + 1 + Math.floor(next() * 6)));
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(drops).toBeGreaterThan(0);

    const converged = async () => {
      await Promise.all(clients.map((c) => c.synced()));
      const server = await serverState(notebook.id);
      const vector = Y.encodeStateVector(server);
      return clients.every((c) => Buffer.from(Y.encodeStateVector(c.doc)).equals(vector)) ? server : null;
    };
    let server: Y.Doc | null = null;
    await within(30_000, `convergence (seed ${seed})`, (async () => {
      while (!(server = await converged()));
    })());
    const text = server!.getText('source').toString();
    for (const client of clients) expect(client.doc.getText('source').toString()).toBe(text);
    for (const client of clients) client.destroy();

    cohort = await cohort.restart();
    ana = ana.at(cohort.url);
    expect((await serverState(notebook.id)).getText('source').toString()).toBe(text);
  });

  it('SYNC-STORE-2: an update acknowledged as persisted survives kill -9 of the server, ten times in a row', async () => {
    const notebook = await created(ana, '/notebooks', { title: 'Crash test' });
    for (let round = 0; round < 10; round++) {
      const client = await open(ana, notebook.id, { persisted: true });
      await within(10_000, 'synced', client.synced());
      expect(client.doc.getText('source').toString()).toBe(Array.from({ length: round }, (_, i) => `[${i}]`).join(''));
      client.doc.getText('source').insert(client.doc.getText('source').length, `[${round}]`);
      await within(10_000, 'acknowledged', client.saved());
      await cohort.kill();
      client.destroy();
      cohort = await cohort.restart();
      ana = ana.at(cohort.url);
    }
    const survived = await open(ana, notebook.id);
    await within(10_000, 'synced', survived.synced());
    expect(survived.doc.getText('source').toString()).toBe(Array.from({ length: 10 }, (_, i) => `[${i}]`).join(''));
    survived.destroy();
  }, 300_000);
});
