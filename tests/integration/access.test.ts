import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../apps/web/src/api/registry.ts';
import { ApiClient, signedInUser, type ApiResponse } from '../support/api-client.ts';
import { startCohort, type CohortProcess } from '../support/cohort.ts';

/**
 * Walks every /api/v1 route as three callers who must be refused, and checks that Ana's data is
 * unchanged afterwards:
 *  - anonymous: no session, no token;
 *  - stranger: signed in, but in no group of Ana's and without shares;
 *  - viewer: a member of Ana's group whose role on both of Ana's notebooks was lowered to viewer.
 * A new route fails this test until it is given its expectations here.
 */

interface Ids {
  groupId: string;
  groupNotebookId: string;
  personalNotebookId: string;
  inviteId: string;
  inviteToken: string;
  anaTokenId: string;
  anaUserId: string;
  shareId: string;
  strangerHandle: string;
  versionId: string;
}

type Caller = 'anonymous' | 'stranger' | 'viewer';
/** A status the caller must get, or a check of a list that must not reveal Ana's data. */
type Expected = number | 'own-data-only';

interface Case {
  request(ids: Ids): { path: string; body?: unknown };
  expect: Record<Caller, Expected>;
  /** Why a caller is allowed, where one is. */
  why?: string;
}

const cases: Record<string, Case> = {
  'POST /users': {
    request: () => ({ path: '/users', body: {} }),
    // An empty body is refused as invalid by everyone: sign-up is open, so nothing to refuse by role.
    expect: { anonymous: 400, stranger: 400, viewer: 400 },
  },
  'GET /me': { request: () => ({ path: '/me' }), expect: { anonymous: 401, stranger: 200, viewer: 200 }, why: 'own account' },
  'GET /tokens': { request: () => ({ path: '/tokens' }), expect: { anonymous: 401, stranger: 'own-data-only', viewer: 'own-data-only' } },
  'POST /tokens': { request: () => ({ path: '/tokens', body: { name: 'x' } }), expect: { anonymous: 401, stranger: 201, viewer: 201 }, why: 'own token' },
  'DELETE /tokens/{tokenId}': { request: (ids) => ({ path: `/tokens/${ids.anaTokenId}` }), expect: { anonymous: 401, stranger: 404, viewer: 404 } },
  'GET /groups': { request: () => ({ path: '/groups' }), expect: { anonymous: 401, stranger: 'own-data-only', viewer: 200 } },
  'POST /groups': { request: () => ({ path: '/groups', body: { name: 'Mine' } }), expect: { anonymous: 401, stranger: 201, viewer: 201 }, why: 'own group' },
  'GET /groups/{groupId}': { request: (ids) => ({ path: `/groups/${ids.groupId}` }), expect: { anonymous: 401, stranger: 404, viewer: 200 } },
  'PATCH /groups/{groupId}': { request: (ids) => ({ path: `/groups/${ids.groupId}`, body: { name: 'Taken over' } }), expect: { anonymous: 401, stranger: 404, viewer: 403 } },
  'GET /groups/{groupId}/members': { request: (ids) => ({ path: `/groups/${ids.groupId}/members` }), expect: { anonymous: 401, stranger: 404, viewer: 200 } },
  'PATCH /groups/{groupId}/members/{userId}': {
    request: (ids) => ({ path: `/groups/${ids.groupId}/members/${ids.anaUserId}`, body: { role: 'member' } }),
    expect: { anonymous: 401, stranger: 404, viewer: 403 },
  },
  'DELETE /groups/{groupId}/members/{userId}': {
    request: (ids) => ({ path: `/groups/${ids.groupId}/members/${ids.anaUserId}` }),
    expect: { anonymous: 401, stranger: 404, viewer: 403 },
  },
  'GET /groups/{groupId}/invites': { request: (ids) => ({ path: `/groups/${ids.groupId}/invites` }), expect: { anonymous: 401, stranger: 404, viewer: 403 } },
  'POST /groups/{groupId}/invites': {
    request: (ids) => ({ path: `/groups/${ids.groupId}/invites`, body: { role: 'mentor' } }),
    expect: { anonymous: 401, stranger: 404, viewer: 403 },
  },
  'DELETE /groups/{groupId}/invites/{inviteId}': {
    request: (ids) => ({ path: `/groups/${ids.groupId}/invites/${ids.inviteId}` }),
    expect: { anonymous: 401, stranger: 404, viewer: 403 },
  },
  'GET /invites/{token}': {
    request: (ids) => ({ path: `/invites/${ids.inviteToken}` }),
    expect: { anonymous: 200, stranger: 200, viewer: 200 },
    why: 'the link is the capability: whoever holds it may see which group it joins',
  },
  'POST /invites/{token}/accept': {
    request: () => ({ path: '/invites/not-a-real-token/accept' }),
    // Accepting a real link is what links are for; an unknown one must not join anything.
    expect: { anonymous: 401, stranger: 404, viewer: 404 },
  },
  'GET /notebooks': { request: () => ({ path: '/notebooks' }), expect: { anonymous: 401, stranger: 'own-data-only', viewer: 200 } },
  'GET /notebooks/trash': { request: () => ({ path: '/notebooks/trash' }), expect: { anonymous: 401, stranger: 'own-data-only', viewer: 'own-data-only' } },
  'POST /notebooks': {
    request: (ids) => ({ path: '/notebooks', body: { title: 'Planted', groupId: ids.groupId } }),
    // The viewer is a member of the group: members create group notebooks.
    expect: { anonymous: 401, stranger: 404, viewer: 201 },
  },
  'GET /notebooks/{notebookId}': { request: (ids) => ({ path: `/notebooks/${ids.personalNotebookId}` }), expect: { anonymous: 404, stranger: 404, viewer: 200 } },
  'PATCH /notebooks/{notebookId}': {
    request: (ids) => ({ path: `/notebooks/${ids.groupNotebookId}`, body: { title: 'Renamed by someone else' } }),
    expect: { anonymous: 401, stranger: 404, viewer: 403 },
  },
  'DELETE /notebooks/{notebookId}': { request: (ids) => ({ path: `/notebooks/${ids.personalNotebookId}` }), expect: { anonymous: 401, stranger: 404, viewer: 403 } },
  'POST /notebooks/{notebookId}/restore': {
    request: (ids) => ({ path: `/notebooks/${ids.personalNotebookId}/restore` }),
    expect: { anonymous: 401, stranger: 404, viewer: 403 },
  },
  'POST /notebooks/import': {
    request: (ids) => ({ path: '/notebooks/import', body: { ipynb: { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] }, groupId: ids.groupId } }),
    // As for POST /notebooks: the viewer is a member of the group, and members create group notebooks.
    expect: { anonymous: 401, stranger: 404, viewer: 201 },
  },
  'GET /notebooks/{notebookId}/ipynb': {
    request: (ids) => ({ path: `/notebooks/${ids.personalNotebookId}/ipynb` }),
    expect: { anonymous: 404, stranger: 404, viewer: 200 },
    why: 'a viewer may download what they can read',
  },
  'GET /notebooks/{notebookId}/versions': {
    request: (ids) => ({ path: `/notebooks/${ids.personalNotebookId}/versions` }),
    expect: { anonymous: 401, stranger: 404, viewer: 200 },
    why: 'a viewer may read the history of what they can read',
  },
  'POST /notebooks/{notebookId}/versions': {
    request: (ids) => ({ path: `/notebooks/${ids.personalNotebookId}/versions`, body: { name: 'Planted' } }),
    expect: { anonymous: 401, stranger: 404, viewer: 403 },
  },
  'GET /notebooks/{notebookId}/versions/{versionId}': {
    request: (ids) => ({ path: `/notebooks/${ids.personalNotebookId}/versions/${ids.versionId}` }),
    expect: { anonymous: 401, stranger: 404, viewer: 200 },
    why: 'a viewer may read the history of what they can read',
  },
  'GET /notebooks/{notebookId}/versions/{versionId}/diff': {
    request: (ids) => ({ path: `/notebooks/${ids.personalNotebookId}/versions/${ids.versionId}/diff` }),
    expect: { anonymous: 401, stranger: 404, viewer: 200 },
    why: 'a viewer may read the history of what they can read',
  },
  'POST /notebooks/{notebookId}/versions/{versionId}/restore': {
    request: (ids) => ({ path: `/notebooks/${ids.personalNotebookId}/versions/${ids.versionId}/restore` }),
    expect: { anonymous: 401, stranger: 404, viewer: 403 },
  },
  'GET /notebooks/{notebookId}/sync-token': {
    request: (ids) => ({ path: `/notebooks/${ids.personalNotebookId}/sync-token` }),
    expect: { anonymous: 404, stranger: 404, viewer: 200 },
    why: 'a viewer gets a token that opens the notebook read-only',
  },
  'POST /notebooks/{notebookId}/kernel/interrupt': {
    request: (ids) => ({ path: `/notebooks/${ids.personalNotebookId}/kernel/interrupt` }),
    expect: { anonymous: 401, stranger: 404, viewer: 403 },
  },
  'POST /notebooks/{notebookId}/kernel/restart': {
    request: (ids) => ({ path: `/notebooks/${ids.personalNotebookId}/kernel/restart`, body: { backend: 'cpu' } }),
    expect: { anonymous: 401, stranger: 404, viewer: 403 },
  },
  'GET /notebooks/{notebookId}/shares': { request: (ids) => ({ path: `/notebooks/${ids.personalNotebookId}/shares` }), expect: { anonymous: 401, stranger: 404, viewer: 403 } },
  'PUT /notebooks/{notebookId}/shares': {
    request: (ids) => ({ path: `/notebooks/${ids.personalNotebookId}/shares`, body: { handle: ids.strangerHandle, role: 'editor' } }),
    expect: { anonymous: 401, stranger: 404, viewer: 403 },
  },
  'DELETE /notebooks/{notebookId}/shares/{shareId}': {
    request: (ids) => ({ path: `/notebooks/${ids.personalNotebookId}/shares/${ids.shareId}` }),
    expect: { anonymous: 401, stranger: 404, viewer: 403 },
  },
};

let cohort: CohortProcess;
let ana: ApiClient;
let callers: Record<Caller, ApiClient>;
let ids: Ids;

const created = <T = any>(response: ApiResponse<T>) => {
  if (response.status >= 300) throw new Error(`setup request failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
};

beforeAll(async () => {
  cohort = await startCohort();
  const signedInAna = await signedInUser(cohort.url, 'Ana');
  const anaUser = signedInAna.user;
  ana = signedInAna.client;
  const { client: viewer, user: viewerUser } = await signedInUser(cohort.url, 'Vic');
  const { client: stranger, user: strangerUser } = await signedInUser(cohort.url, 'Sam');
  callers = { anonymous: new ApiClient(cohort.url), stranger, viewer };

  const group = created(await ana.post('/groups', { name: 'DL Study Group' }));
  const joinInvite = created(await ana.post(`/groups/${group.id}/invites`, { role: 'member' }));
  created(await viewer.post(`/invites/${joinInvite.token}/accept`));
  const invite = created(await ana.post(`/groups/${group.id}/invites`, { role: 'mentor' }));
  const groupNotebook = created(await ana.post('/notebooks', { title: 'CNN on MNIST', groupId: group.id }));
  const personalNotebook = created(await ana.post('/notebooks', { title: 'Ana’s scratchpad' }));
  created(await ana.put(`/notebooks/${groupNotebook.id}/shares`, { handle: viewerUser.handle, role: 'viewer' }));
  const share = created(await ana.put(`/notebooks/${personalNotebook.id}/shares`, { handle: viewerUser.handle, role: 'viewer' }));
  const token = created(await ana.post('/tokens', { name: 'ana script' }));
  const version = created(await ana.post(`/notebooks/${personalNotebook.id}/versions`, { name: 'First draft' }));
  ids = {
    groupId: group.id,
    groupNotebookId: groupNotebook.id,
    personalNotebookId: personalNotebook.id,
    inviteId: invite.id,
    inviteToken: invite.token,
    anaTokenId: token.id,
    anaUserId: anaUser.id,
    shareId: share.id,
    strangerHandle: strangerUser.handle,
    versionId: version.id,
  };
});

afterAll(async () => {
  await cohort?.dispose();
});

/** What Ana can see of her own data; refused requests must leave it as it was. */
async function anasData() {
  const paths = [
    `/groups/${ids.groupId}`,
    `/groups/${ids.groupId}/members`,
    `/groups/${ids.groupId}/invites`,
    `/notebooks/${ids.groupNotebookId}`,
    `/notebooks/${ids.personalNotebookId}`,
    `/notebooks/${ids.groupNotebookId}/shares`,
    `/notebooks/${ids.personalNotebookId}/shares`,
    `/notebooks/${ids.personalNotebookId}/versions`,
    '/tokens',
  ];
  return Promise.all(paths.map(async (path) => ({ path, body: (await ana.get(path)).body })));
}

const routeKey = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

describe('access to every /api/v1 route', () => {
  it('has expectations for every route the router serves, and none for routes that do not exist', () => {
    expect(Object.keys(cases).sort()).toEqual(routes.map(routeKey).sort());
  });

  it.each(['anonymous', 'stranger', 'viewer'] as const)('refuses the %s caller wherever the data is not theirs', async (caller) => {
    const before = await anasData();
    const secrets = Object.values(ids).filter((id) => id !== ids.strangerHandle && id !== ids.anaUserId);
    const failures: string[] = [];
    for (const route of routes) {
      const spec = cases[routeKey(route)]!;
      const { path, body } = spec.request(ids);
      const response = await callers[caller].request(route.method, path, route.method === 'GET' ? undefined : (body ?? {}));
      const expected = spec.expect[caller];
      if (expected === 'own-data-only') {
        const leaked = secrets.filter((secret) => JSON.stringify(response.body).includes(secret));
        if (response.status !== 200 || leaked.length) failures.push(`${routeKey(route)}: ${response.status}, leaked ${leaked.join(', ')}`);
      } else if (response.status !== expected) {
        failures.push(`${routeKey(route)}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await anasData()).toEqual(before);
  });
});
