import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signedInUser, type TestUser } from '../support/api-client.ts';
import { startCohort, type CohortProcess } from '../support/cohort.ts';

let cohort: CohortProcess;
beforeAll(async () => {
  cohort = await startCohort();
});
afterAll(async () => {
  await cohort?.dispose();
});

interface Person {
  client: ApiClient;
  user: TestUser;
}

async function groupOwnedBy(owner: ApiClient, name = 'DL Study Group'): Promise<string> {
  const created = await owner.post('/groups', { name, description: 'Deep learning, together' });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function createInvite(owner: ApiClient, groupId: string, options: object = {}) {
  const created = await owner.post(`/groups/${groupId}/invites`, options);
  expect(created.status).toBe(201);
  return created.body as { id: string; token: string; url: string; role: string; maxUses: number | null; uses: number };
}

/** A new user who joined the group through an invite link with `role`. */
async function joined(owner: ApiClient, groupId: string, name: string, role: 'member' | 'mentor' = 'member'): Promise<Person> {
  const person = await signedInUser(cohort.url, name);
  const { token } = await createInvite(owner, groupId, { role });
  const accepted = await person.client.post(`/invites/${token}/accept`);
  expect(accepted.body).toMatchObject({ role });
  return person;
}

const roleOf = async (client: ApiClient, groupId: string, userId: string) =>
  (await client.get(`/groups/${groupId}/members`)).body.members.find((m: { user: { id: string } }) => m.user.id === userId)?.role;

describe('groups', () => {
  it('makes the creator owner, and lists my groups newest first with my role and member count', async () => {
    const { client } = await signedInUser(cohort.url, 'Ana');
    const created = await client.post('/groups', { name: '  DL Study Group  ', description: 'CNNs on Fridays' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'DL Study Group',
      description: 'CNNs on Fridays',
      role: 'owner',
      memberCount: 1,
      createdAt: expect.any(String),
    });
    const second = await groupOwnedBy(client, 'Reading group');

    const listed = await client.get('/groups');
    expect(listed.status).toBe(200);
    expect(listed.body.groups.map((g: { id: string }) => g.id)).toEqual([second, created.body.id]);
    expect((await client.get(`/groups/${created.body.id}`)).body).toEqual(created.body);
  });

  it('lets an owner rename a group and change its description, but not a member or mentor (403)', async () => {
    const ana = await signedInUser(cohort.url, 'Ana');
    const groupId = await groupOwnedBy(ana.client);
    const renamed = await ana.client.patch(`/groups/${groupId}`, { name: 'Vision group', description: '' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Vision group', description: '' });

    for (const role of ['member', 'mentor'] as const) {
      const someone = await joined(ana.client, groupId, 'Ben', role);
      const refused = await someone.client.patch(`/groups/${groupId}`, { name: 'Mine now' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/Only group owners can rename/);
    }
    expect((await ana.client.get(`/groups/${groupId}`)).body.name).toBe('Vision group');
  });

  it('answers 400 naming the field for a blank or too long name and a too long description', async () => {
    const { client } = await signedInUser(cohort.url, 'Ana');
    const blank = await client.post('/groups', { name: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error).toMatchObject({ field: 'name', message: expect.stringMatching(/Name the group/) });
    expect((await client.post('/groups', { name: 'x'.repeat(81) })).body.error.field).toBe('name');
    expect((await client.post('/groups', { name: 'ok', description: 'x'.repeat(501) })).body.error.field).toBe('description');
    expect((await client.post('/groups', {})).body.error.field).toBe('name');
  });

  it('answers 404 to a non-member on every group route, exactly as for an unknown group', async () => {
    const ana = await signedInUser(cohort.url, 'Ana');
    const groupId = await groupOwnedBy(ana.client);
    const invite = await createInvite(ana.client, groupId);
    const stranger = await signedInUser(cohort.url, 'Eve');
    const unknownGroup = crypto.randomUUID();
    for (const id of [groupId, unknownGroup, 'not-a-uuid']) {
      const requests = [
        stranger.client.get(`/groups/${id}`),
        stranger.client.patch(`/groups/${id}`, { name: 'Taken over' }),
        stranger.client.get(`/groups/${id}/members`),
        stranger.client.patch(`/groups/${id}/members/${ana.user.id}`, { role: 'member' }),
        stranger.client.delete(`/groups/${id}/members/${ana.user.id}`),
        stranger.client.delete(`/groups/${id}/members/${stranger.user.id}`),
        stranger.client.get(`/groups/${id}/invites`),
        stranger.client.post(`/groups/${id}/invites`, {}),
        stranger.client.delete(`/groups/${id}/invites/${invite.id}`),
      ];
      for (const response of await Promise.all(requests)) {
        expect(response.status).toBe(404);
        expect(response.body.error.code).toBe('not_found');
      }
    }
    expect((await stranger.client.get('/groups')).body.groups).toEqual([]);
    expect((await ana.client.get(`/groups/${groupId}/invites`)).body.invites).toHaveLength(1);
  });

  it('asks for sign-in (401) on group routes', async () => {
    const anonymous = new ApiClient(cohort.url);
    expect((await anonymous.get('/groups')).status).toBe(401);
    expect((await anonymous.post('/groups', { name: 'x' })).status).toBe(401);
  });
});

describe('invite links', () => {
  it('let Ben preview and accept a member invite; he appears in the members list as member', async () => {
    const ana = await signedInUser(cohort.url, 'Ana');
    const groupId = await groupOwnedBy(ana.client);
    const invite = await createInvite(ana.client, groupId);
    expect(invite).toMatchObject({ role: 'member', maxUses: null, uses: 0, url: `${cohort.url}/invite/${invite.token}` });

    const preview = await new ApiClient(cohort.url).get(`/invites/${invite.token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      group: { id: groupId, name: 'DL Study Group', memberCount: 1 },
      role: 'member',
      expiresAt: expect.any(String),
    });
    const days = (Date.parse(preview.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const ben = await signedInUser(cohort.url, 'Ben');
    const accepted = await ben.client.post(`/invites/${invite.token}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ group: { id: groupId, name: 'DL Study Group' }, role: 'member' });

    const members = await ben.client.get(`/groups/${groupId}/members`);
    expect(members.body.members).toEqual([
      { user: { id: ana.user.id, handle: ana.user.handle, name: 'Ana' }, role: 'owner', joinedAt: expect.any(String) },
      { user: { id: ben.user.id, handle: ben.user.handle, name: 'Ben' }, role: 'member', joinedAt: expect.any(String) },
    ]);
    expect((await ben.client.get('/groups')).body.groups).toEqual([expect.objectContaining({ id: groupId, role: 'member', memberCount: 2 })]);
    expect((await ana.client.get(`/groups/${groupId}/invites`)).body.invites).toEqual([expect.objectContaining({ id: invite.id, uses: 1 })]);
  });

  it('give the mentor role when created as mentor invites', async () => {
    const ana = await signedInUser(cohort.url, 'Ana');
    const groupId = await groupOwnedBy(ana.client);
    const maya = await joined(ana.client, groupId, 'Maya', 'mentor');
    expect(await roleOf(ana.client, groupId, maya.user.id)).toBe('mentor');
    expect((await maya.client.get(`/groups/${groupId}`)).body.role).toBe('mentor');
  });

  it('leave an existing member their role and use nothing up when they accept again', async () => {
    const ana = await signedInUser(cohort.url, 'Ana');
    const groupId = await groupOwnedBy(ana.client);
    const maya = await joined(ana.client, groupId, 'Maya', 'mentor');
    const invite = await createInvite(ana.client, groupId, { role: 'member', maxUses: 1 });
    const again = await maya.client.post(`/invites/${invite.token}/accept`);
    expect(again.status).toBe(200);
    expect(again.body.role).toBe('mentor');
    const ownerAccepts = await ana.client.post(`/invites/${invite.token}/accept`);
    expect(ownerAccepts.body.role).toBe('owner');
    expect((await ana.client.get(`/groups/${groupId}/invites`)).body.invites).toContainEqual(expect.objectContaining({ id: invite.id, uses: 0 }));
  });

  it('answer 410 saying the link is used up once maxUses people joined, and drop it from the list', async () => {
    const ana = await signedInUser(cohort.url, 'Ana');
    const groupId = await groupOwnedBy(ana.client);
    const invite = await createInvite(ana.client, groupId, { maxUses: 1 });
    const ben = await signedInUser(cohort.url, 'Ben');
    expect((await ben.client.post(`/invites/${invite.token}/accept`)).status).toBe(200);

    const carl = await signedInUser(cohort.url, 'Carl');
    const refused = await carl.client.post(`/invites/${invite.token}/accept`);
    expect(refused.status).toBe(410);
    expect(refused.body.error).toMatchObject({ code: 'invite_unusable', message: expect.stringMatching(/used as many times.*ask the group owner/) });
    expect((await carl.client.get(`/invites/${invite.token}`)).status).toBe(410);
    expect((await carl.client.get(`/groups/${groupId}`)).status).toBe(404);
    expect((await ana.client.get(`/groups/${groupId}/invites`)).body.invites).toEqual([]);
  });

  it('answer 410 saying the link was revoked once an owner revokes it', async () => {
    const ana = await signedInUser(cohort.url, 'Ana');
    const groupId = await groupOwnedBy(ana.client);
    const invite = await createInvite(ana.client, groupId);
    expect((await ana.client.delete(`/groups/${groupId}/invites/${invite.id}`)).status).toBe(204);
    expect((await ana.client.delete(`/groups/${groupId}/invites/${invite.id}`)).status).toBe(404);

    const preview = await new ApiClient(cohort.url).get(`/invites/${invite.token}`);
    expect(preview.status).toBe(410);
    expect(preview.body.error.message).toMatch(/revoked; ask the group owner for a new one/);
    const ben = await signedInUser(cohort.url, 'Ben');
    expect((await ben.client.post(`/invites/${invite.token}/accept`)).status).toBe(410);
    expect((await ana.client.get(`/groups/${groupId}/invites`)).body.invites).toEqual([]);
  });

  it('answer 404 for an unknown token, and ask for sign-in to accept', async () => {
    const ben = await signedInUser(cohort.url, 'Ben');
    expect((await ben.client.get('/invites/no-such-token')).status).toBe(404);
    expect((await ben.client.post('/invites/no-such-token/accept')).status).toBe(404);

    const ana = await signedInUser(cohort.url, 'Ana');
    const { token } = await createInvite(ana.client, await groupOwnedBy(ana.client));
    expect((await new ApiClient(cohort.url).post(`/invites/${token}/accept`)).status).toBe(401);
  });

  it('let exactly two of five people in when they accept a maxUses 2 invite at the same time', async () => {
    const ana = await signedInUser(cohort.url, 'Ana');
    const groupId = await groupOwnedBy(ana.client);
    const { token } = await createInvite(ana.client, groupId, { maxUses: 2 });
    const people = await Promise.all(['Ben', 'Carl', 'Dina', 'Eli', 'Fay'].map((name) => signedInUser(cohort.url, name)));

    const answers = await Promise.all(people.map((p) => p.client.post(`/invites/${token}/accept`)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 410, 410, 410]);
    const members = (await ana.client.get(`/groups/${groupId}/members`)).body.members;
    expect(members).toHaveLength(3);
    const admitted = people.filter((_, i) => answers[i]!.status === 200).map((p) => p.user.id);
    expect(members.map((m: { user: { id: string } }) => m.user.id).sort()).toEqual([ana.user.id, ...admitted].sort());
  });

  it('are created, listed and revoked by owners only (403 for members and mentors)', async () => {
    const ana = await signedInUser(cohort.url, 'Ana');
    const groupId = await groupOwnedBy(ana.client);
    const invite = await createInvite(ana.client, groupId);
    for (const role of ['member', 'mentor'] as const) {
      const { client } = await joined(ana.client, groupId, 'Ben', role);
      for (const response of [
        await client.get(`/groups/${groupId}/invites`),
        await client.post(`/groups/${groupId}/invites`, {}),
        await client.delete(`/groups/${groupId}/invites/${invite.id}`),
      ]) {
        expect(response.status).toBe(403);
        expect(response.body.error.message).toMatch(/Only group owners can/);
      }
    }
  });

  it.each([
    [{ role: 'owner' }, 'role'],
    [{ role: 'admin' }, 'role'],
    [{ expiresInDays: 0 }, 'expiresInDays'],
    [{ expiresInDays: 31 }, 'expiresInDays'],
    [{ expiresInDays: 1.5 }, 'expiresInDays'],
    [{ maxUses: 0 }, 'maxUses'],
    [{ maxUses: 1001 }, 'maxUses'],
    [{ maxUses: 'ten' }, 'maxUses'],
  ])('answer 400 naming the field for the invite body %j', async (body, field) => {
    const ana = await signedInUser(cohort.url, 'Ana');
    const response = await ana.client.post(`/groups/${await groupOwnedBy(ana.client)}/invites`, body);
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe(field);
  });
});

describe('roles and leaving', () => {
  it('lets an owner change roles, and lists owners first, then by name', async () => {
    const ana = await signedInUser(cohort.url, 'Ana');
    const groupId = await groupOwnedBy(ana.client);
    const zoe = await joined(ana.client, groupId, 'Zoe');
    const ben = await joined(ana.client, groupId, 'Ben', 'mentor');

    const promoted = await ana.client.patch(`/groups/${groupId}/members/${zoe.user.id}`, { role: 'owner' });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toEqual({ user: { id: zoe.user.id, handle: zoe.user.handle, name: 'Zoe' }, role: 'owner', joinedAt: expect.any(String) });
    expect((await ana.client.patch(`/groups/${groupId}/members/${ben.user.id}`, { role: 'member' })).body.role).toBe('member');

    const members = (await ben.client.get(`/groups/${groupId}/members`)).body.members;
    expect(members.map((m: { user: { name: string }; role: string }) => `${m.user.name}:${m.role}`)).toEqual(['Ana:owner', 'Zoe:owner', 'Ben:member']);
    expect((await zoe.client.get(`/groups/${groupId}`)).body.role).toBe('owner');
  });

  it('refuses role changes and removals by a member or mentor (403)', async () => {
    const ana = await signedInUser(cohort.url, 'Ana');
    const groupId = await groupOwnedBy(ana.client);
    const ben = await joined(ana.client, groupId, 'Ben');
    const maya = await joined(ana.client, groupId, 'Maya', 'mentor');

    for (const actor of [ben, maya]) {
      const selfPromotion = await actor.client.patch(`/groups/${groupId}/members/${actor.user.id}`, { role: 'owner' });
      expect(selfPromotion.status).toBe(403);
      expect(selfPromotion.body.error.message).toMatch(/Only group owners can change roles/);
      expect((await actor.client.patch(`/groups/${groupId}/members/${ana.user.id}`, { role: 'member' })).status).toBe(403);
      const removal = await actor.client.delete(`/groups/${groupId}/members/${ana.user.id}`);
      expect(removal.status).toBe(403);
      expect(removal.body.error.message).toMatch(/Only group owners can remove/);
    }
    expect(await roleOf(ana.client, groupId, ben.user.id)).toBe('member');
    expect(await roleOf(ana.client, groupId, ana.user.id)).toBe('owner');
  });

  it('lets a member leave the group, after which it answers 404', async () => {
    const ana = await signedInUser(cohort.url, 'Ana');
    const groupId = await groupOwnedBy(ana.client);
    const ben = await joined(ana.client, groupId, 'Ben');
    expect((await ben.client.delete(`/groups/${groupId}/members/${ben.user.id}`)).status).toBe(204);
    expect((await ben.client.get(`/groups/${groupId}`)).status).toBe(404);
    expect((await ben.client.get('/groups')).body.groups).toEqual([]);
    expect((await ana.client.get(`/groups/${groupId}`)).body.memberCount).toBe(1);
  });

  it('keeps the last owner from leaving or being demoted (409) until another owner is promoted', async () => {
    const ana = await signedInUser(cohort.url, 'Ana');
    const groupId = await groupOwnedBy(ana.client);
    const ben = await joined(ana.client, groupId, 'Ben');

    const leave = await ana.client.delete(`/groups/${groupId}/members/${ana.user.id}`);
    expect(leave.status).toBe(409);
    expect(leave.body.error.message).toMatch(/at least one owner: make someone else owner first/);
    const demote = await ana.client.patch(`/groups/${groupId}/members/${ana.user.id}`, { role: 'member' });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toMatch(/at least one owner/);

    expect((await ana.client.patch(`/groups/${groupId}/members/${ben.user.id}`, { role: 'owner' })).status).toBe(200);
    expect((await ana.client.patch(`/groups/${groupId}/members/${ana.user.id}`, { role: 'mentor' })).status).toBe(200);
    expect((await ana.client.delete(`/groups/${groupId}/members/${ana.user.id}`)).status).toBe(204);
    // Ben is now the one owner left.
    expect((await ben.client.delete(`/groups/${groupId}/members/${ben.user.id}`)).status).toBe(409);
    expect((await ben.client.get(`/groups/${groupId}/members`)).body.members).toEqual([expect.objectContaining({ role: 'owner' })]);
  });

  it('lets only one of two owners demoting each other at the same time succeed, so an owner remains', async () => {
    const ana = await signedInUser(cohort.url, 'Ana');
    const ben = await signedInUser(cohort.url, 'Ben');
    // Several groups at once, to give the race a fair chance to happen.
    const groupIds = await Promise.all([1, 2, 3, 4, 5, 6].map(async () => {
      const groupId = await groupOwnedBy(ana.client);
      const { token } = await createInvite(ana.client, groupId);
      await ben.client.post(`/invites/${token}/accept`);
      await ana.client.patch(`/groups/${groupId}/members/${ben.user.id}`, { role: 'owner' });
      return groupId;
    }));

    const answers = await Promise.all(groupIds.flatMap((groupId) => [
      ana.client.patch(`/groups/${groupId}/members/${ben.user.id}`, { role: 'member' }),
      ben.client.patch(`/groups/${groupId}/members/${ana.user.id}`, { role: 'member' }),
    ]));
    for (const groupId of groupIds) {
      const roles = (await ana.client.get(`/groups/${groupId}/members`)).body.members.map((m: { role: string }) => m.role);
      expect(roles).toEqual(['owner', 'member']);
    }
    expect(answers.filter((a) => a.status === 200)).toHaveLength(groupIds.length);
  });

  it('lets an owner remove a member or another owner, and answers 404 for someone not in the group', async () => {
    const ana = await signedInUser(cohort.url, 'Ana');
    const groupId = await groupOwnedBy(ana.client);
    const ben = await joined(ana.client, groupId, 'Ben');
    const cleo = await joined(ana.client, groupId, 'Cleo');
    await ana.client.patch(`/groups/${groupId}/members/${cleo.user.id}`, { role: 'owner' });

    expect((await ana.client.delete(`/groups/${groupId}/members/${ben.user.id}`)).status).toBe(204);
    expect((await ben.client.get(`/groups/${groupId}`)).status).toBe(404);
    expect((await ana.client.delete(`/groups/${groupId}/members/${cleo.user.id}`)).status).toBe(204);

    const again = await ana.client.delete(`/groups/${groupId}/members/${ben.user.id}`);
    expect(again.status).toBe(404);
    expect(again.body.error.message).toMatch(/not a member/);
    expect((await ana.client.patch(`/groups/${groupId}/members/${ben.user.id}`, { role: 'owner' })).status).toBe(404);
  });

  it('answers 400 naming the field role for an unknown role', async () => {
    const ana = await signedInUser(cohort.url, 'Ana');
    const groupId = await groupOwnedBy(ana.client);
    const ben = await joined(ana.client, groupId, 'Ben');
    const response = await ana.client.patch(`/groups/${groupId}/members/${ben.user.id}`, { role: 'admin' });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ field: 'role', message: expect.stringMatching(/owner.*mentor.*member/) });
  });
});

describe('OpenAPI', () => {
  it('describes the group and invite routes with their success bodies', async () => {
    const document = (await new ApiClient(cohort.url).get('/openapi.json')).body;
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/groups', '/groups/{groupId}/members/{userId}', '/invites/{token}/accept']),
    );
    const listGroups = document.paths['/groups'].get.responses['200'].content['application/json'].schema;
    expect(listGroups.properties.groups.items.properties.role.enum).toEqual(['owner', 'mentor', 'member']);
    expect(document.paths['/invites/{token}'].get.security).toContainEqual({});
  });
});
