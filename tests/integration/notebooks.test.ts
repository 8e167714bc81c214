import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signedInUser } from '../support/api-client.ts';
import { startCohort, type CohortProcess } from '../support/cohort.ts';

let cohort: CohortProcess;
beforeAll(async () => {
  cohort = await startCohort();
});
afterAll(async () => {
  await cohort?.dispose();
});

type Person = Awaited<ReturnType<typeof signedInUser>>;

async function join(owner: ApiClient, groupId: string, person: Person, role: 'member' | 'mentor') {
  const invite = await owner.post(`/groups/${groupId}/invites`, { role });
  expect(invite.status).toBe(201);
  expect((await person.client.post(`/invites/${invite.body.token}/accept`)).status).toBe(200);
}

/** Ana owns "DL Study Group" with Ben as member and Maya as mentor. */
async function studyGroup() {
  const [ana, ben, maya] = await Promise.all([
    signedInUser(cohort.url, 'Ana'),
    signedInUser(cohort.url, 'Ben'),
    signedInUser(cohort.url, 'Maya'),
  ]);
  const group = await ana.client.post('/groups', { name: 'DL Study Group' });
  expect(group.status).toBe(201);
  const groupId: string = group.body.id;
  await join(ana.client, groupId, ben, 'member');
  await join(ana.client, groupId, maya, 'mentor');
  return { ana, ben, maya, groupId };
}

async function createNotebook(client: ApiClient, body: Record<string, unknown> = {}) {
  const created = await client.post('/notebooks', body);
  expect(created.status).toBe(201);
  return created.body as { id: string; title: string };
}

const listedIds = async (client: ApiClient, query = '') =>
  ((await client.get(`/notebooks${query}`)).body.notebooks as { id: string }[]).map((n) => n.id);

describe('creating and listing notebooks', () => {
  it('creates a personal notebook owned by me, with a default title and link access off', async () => {
    const { client, user } = await signedInUser(cohort.url);
    const created = await client.post('/notebooks', {});
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Untitled notebook',
      owner: { type: 'user', id: user.id, handle: user.handle, name: user.name },
      myRole: 'owner',
      linkAccess: false,
    });
    const trimmed = await createNotebook(client, { title: '  CNN on MNIST  ' });
    expect(trimmed.title).toBe('CNN on MNIST');
  });

  it('creates a group notebook owned by the group; members edit it, mentors comment, owners own it', async () => {
    const { ana, ben, maya, groupId } = await studyGroup();
    const created = await ben.client.post('/notebooks', { title: 'Ben’s experiments', groupId });
    expect(created.status).toBe(201);
    expect(created.body.owner).toEqual({ type: 'group', id: groupId, name: 'DL Study Group' });
    expect(created.body.myRole).toBe('editor');
    const id: string = created.body.id;

    expect((await ana.client.get(`/notebooks/${id}`)).body.myRole).toBe('owner');
    expect((await maya.client.get(`/notebooks/${id}`)).body.myRole).toBe('commenter');
  });

  it('refuses a group notebook from a mentor (403) and from a non-member (404)', async () => {
    const { maya, groupId } = await studyGroup();
    const byMentor = await maya.client.post('/notebooks', { title: 'Mine', groupId });
    expect(byMentor.status).toBe(403);
    expect(byMentor.body.error.message).toMatch(/Mentors comment on group notebooks/);

    const stranger = await signedInUser(cohort.url, 'Eve');
    expect((await stranger.client.post('/notebooks', { title: 'Mine', groupId })).status).toBe(404);
    expect((await stranger.client.get(`/notebooks?groupId=${groupId}`)).status).toBe(404);
  });

  it('lists my notebooks and my groups’ notebooks, most recently updated first, and filters by group', async () => {
    const { ana, ben, groupId } = await studyGroup();
    const personal = await createNotebook(ben.client, { title: 'Personal' });
    const groupNotebook = await createNotebook(ana.client, { title: 'Group', groupId });
    const anasOwn = await createNotebook(ana.client, { title: 'Ana only' });

    expect(await listedIds(ben.client)).toEqual([groupNotebook.id, personal.id]);
    expect(await listedIds(ana.client)).toEqual([anasOwn.id, groupNotebook.id]);

    // Renaming makes a notebook the most recently updated.
    expect((await ben.client.patch(`/notebooks/${personal.id}`, { title: 'Personal, renamed' })).status).toBe(200);
    const listed = (await ben.client.get('/notebooks')).body.notebooks;
    expect(listed.map((n: { id: string }) => n.id)).toEqual([personal.id, groupNotebook.id]);
    expect(listed[1]).toMatchObject({
      title: 'Group',
      owner: { type: 'group', id: groupId, name: 'DL Study Group' },
      myRole: 'editor',
      linkAccess: false,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    expect(await listedIds(ben.client, `?groupId=${groupId}`)).toEqual([groupNotebook.id]);
  });
});

describe('access', () => {
  it('answers 404 to a stranger on every notebook route', async () => {
    const { ana, groupId } = await studyGroup();
    const notebook = await createNotebook(ana.client, { title: 'Private', groupId });
    const share = await ana.client.put(`/notebooks/${notebook.id}/shares`, { groupId, role: 'viewer' });
    expect(share.status).toBe(200);
    const { client: stranger } = await signedInUser(cohort.url, 'Eve');
    const path = `/notebooks/${notebook.id}`;
    const responses = await Promise.all([
      stranger.get(path),
      stranger.patch(path, { title: 'Mine now' }),
      stranger.delete(path),
      stranger.post(`${path}/restore`),
      stranger.get(`${path}/shares`),
      stranger.put(`${path}/shares`, { handle: 'someone', role: 'viewer' }),
      stranger.delete(`${path}/shares/${share.body.id}`),
    ]);
    expect(responses.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    expect(await listedIds(stranger)).toEqual([]);
    expect((await ana.client.get(path)).body.title).toBe('Private');
  });

  it('keeps link access off by default; on, anonymous callers can view but not change the notebook', async () => {
    const { client: ana } = await signedInUser(cohort.url, 'Ana');
    const notebook = await createNotebook(ana, { title: 'Shared by link' });
    const anonymous = new ApiClient(cohort.url);
    expect((await anonymous.get(`/notebooks/${notebook.id}`)).status).toBe(404);

    const on = await ana.patch(`/notebooks/${notebook.id}`, { linkAccess: true });
    expect(on.status).toBe(200);
    expect(on.body.linkAccess).toBe(true);

    const viewed = await anonymous.get(`/notebooks/${notebook.id}`);
    expect(viewed.status).toBe(200);
    expect(viewed.body).toMatchObject({ id: notebook.id, title: 'Shared by link', myRole: 'viewer' });
    expect((await anonymous.patch(`/notebooks/${notebook.id}`, { title: 'Defaced' })).status).toBe(401);

    // A signed-in stranger with the link views it too, without it joining their list.
    const { client: stranger } = await signedInUser(cohort.url, 'Eve');
    expect((await stranger.get(`/notebooks/${notebook.id}`)).body.myRole).toBe('viewer');
    expect((await stranger.patch(`/notebooks/${notebook.id}`, { title: 'Defaced' })).status).toBe(403);
    expect(await listedIds(stranger)).toEqual([]);

    expect((await ana.patch(`/notebooks/${notebook.id}`, { linkAccess: false })).status).toBe(200);
    expect((await anonymous.get(`/notebooks/${notebook.id}`)).status).toBe(404);
  });

  it('lets an editor rename, and refuses a viewer (403), leaving the title unchanged', async () => {
    const { ana, ben, maya, groupId } = await studyGroup();
    const notebook = await createNotebook(ana.client, { title: 'CNN on MNIST', groupId });
    const renamed = await ben.client.patch(`/notebooks/${notebook.id}`, { title: 'CNN on MNIST (v2)' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.title).toBe('CNN on MNIST (v2)');

    const byMentor = await maya.client.patch(`/notebooks/${notebook.id}`, { title: 'Mentor was here' });
    expect(byMentor.status).toBe(403);
    expect(byMentor.body.error.message).toMatch(/Commenters cannot rename this notebook/);

    const { client: viewer, user } = await signedInUser(cohort.url, 'Vic');
    expect((await ana.client.put(`/notebooks/${notebook.id}/shares`, { handle: user.handle, role: 'viewer' })).status).toBe(200);
    const byViewer = await viewer.patch(`/notebooks/${notebook.id}`, { title: 'Viewer was here' });
    expect(byViewer.status).toBe(403);
    expect(byViewer.body.error.message).toMatch(/Viewers cannot rename this notebook/);

    expect((await ana.client.get(`/notebooks/${notebook.id}`)).body.title).toBe('CNN on MNIST (v2)');
  });

  it('lets only the owner turn link access on', async () => {
    const { ana, ben, groupId } = await studyGroup();
    const notebook = await createNotebook(ana.client, { title: 'Group', groupId });
    const byEditor = await ben.client.patch(`/notebooks/${notebook.id}`, { title: 'Renamed', linkAccess: true });
    expect(byEditor.status).toBe(403);
    // Neither change applies when one of them is refused.
    expect((await ana.client.get(`/notebooks/${notebook.id}`)).body).toMatchObject({ title: 'Group', linkAccess: false });
  });
});

describe('shares', () => {
  it('a personal share lowers a group member to viewer: he can still open it but not rename it', async () => {
    const { ana, ben, groupId } = await studyGroup();
    const notebook = await createNotebook(ana.client, { title: 'Exam answers', groupId });
    const share = await ana.client.put(`/notebooks/${notebook.id}/shares`, { handle: ben.user.handle, role: 'viewer' });
    expect(share.status).toBe(200);
    expect(share.body).toMatchObject({
      role: 'viewer',
      grantee: { type: 'user', id: ben.user.id, handle: ben.user.handle, name: 'Ben' },
    });

    expect((await ben.client.get(`/notebooks/${notebook.id}`)).body.myRole).toBe('viewer');
    const refused = await ben.client.patch(`/notebooks/${notebook.id}`, { title: 'Changed' });
    expect(refused.status).toBe(403);
    expect((await ana.client.get(`/notebooks/${notebook.id}`)).body.title).toBe('Exam answers');

    // Removing the share gives him back what membership grants.
    expect((await ana.client.delete(`/notebooks/${notebook.id}/shares/${share.body.id}`)).status).toBe(204);
    expect((await ben.client.get(`/notebooks/${notebook.id}`)).body.myRole).toBe('editor');
  });

  it('sharing by handle makes the notebook appear in a stranger’s list; removing the share hides it again', async () => {
    const { client: ana } = await signedInUser(cohort.url, 'Ana');
    const carl = await signedInUser(cohort.url, 'Carl');
    const notebook = await createNotebook(ana, { title: 'For Carl' });
    expect((await carl.client.get(`/notebooks/${notebook.id}`)).status).toBe(404);

    const share = await ana.put(`/notebooks/${notebook.id}/shares`, { handle: `@${carl.user.handle.toUpperCase()}`, role: 'commenter' });
    expect(share.status).toBe(200);
    expect(await listedIds(carl.client)).toEqual([notebook.id]);
    expect((await carl.client.get(`/notebooks/${notebook.id}`)).body.myRole).toBe('commenter');

    // Sharing again changes the role of the same share.
    const raised = await ana.put(`/notebooks/${notebook.id}/shares`, { handle: carl.user.handle, role: 'editor' });
    expect(raised.body).toMatchObject({ id: share.body.id, role: 'editor' });
    const shares = await carl.client.get(`/notebooks/${notebook.id}/shares`);
    expect(shares.status).toBe(200);
    expect(shares.body.shares).toEqual([expect.objectContaining({ id: share.body.id, role: 'editor' })]);

    expect((await ana.delete(`/notebooks/${notebook.id}/shares/${share.body.id}`)).status).toBe(204);
    expect((await carl.client.get(`/notebooks/${notebook.id}`)).status).toBe(404);
    expect(await listedIds(carl.client)).toEqual([]);
  });

  it('shares with a group I belong to, and refuses a group I do not belong to (404)', async () => {
    const { ana, ben, groupId } = await studyGroup();
    const notebook = await createNotebook(ana.client, { title: 'Personal, for the group' });
    const share = await ana.client.put(`/notebooks/${notebook.id}/shares`, { groupId, role: 'commenter' });
    expect(share.status).toBe(200);
    expect(share.body.grantee).toEqual({ type: 'group', id: groupId, name: 'DL Study Group' });
    expect((await ben.client.get(`/notebooks/${notebook.id}`)).body.myRole).toBe('commenter');

    const { client: eve } = await signedInUser(cohort.url, 'Eve');
    const elsewhere = await eve.post('/groups', { name: 'Eve’s group' });
    const refused = await ana.client.put(`/notebooks/${notebook.id}/shares`, { groupId: elsewhere.body.id, role: 'viewer' });
    expect(refused.status).toBe(404);
  });

  it('refuses an unknown handle (404), the owner themselves (409) and shares by non-owners (403)', async () => {
    const { ana, ben, maya, groupId } = await studyGroup();
    const notebook = await createNotebook(ana.client, { title: 'Group', groupId });
    const unknown = await ana.client.put(`/notebooks/${notebook.id}/shares`, { handle: 'nobody-here', role: 'viewer' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('No user @nobody-here');

    const owner = await ana.client.put(`/notebooks/${notebook.id}/shares`, { handle: ana.user.handle, role: 'viewer' });
    expect(owner.status).toBe(409);

    const byEditor = await ben.client.put(`/notebooks/${notebook.id}/shares`, { handle: maya.user.handle, role: 'editor' });
    expect(byEditor.status).toBe(403);
    expect((await ben.client.get(`/notebooks/${notebook.id}/shares`)).status).toBe(200);
    expect((await maya.client.get(`/notebooks/${notebook.id}/shares`)).status).toBe(403);
  });
});

describe('trash', () => {
  it('moves a deleted notebook to the trash, from which its owner restores it', async () => {
    const { client: ana } = await signedInUser(cohort.url, 'Ana');
    const notebook = await createNotebook(ana, { title: 'Oops' });
    expect((await ana.delete(`/notebooks/${notebook.id}`)).status).toBe(204);
    expect(await listedIds(ana)).toEqual([]);
    expect((await ana.get(`/notebooks/${notebook.id}`)).status).toBe(404);

    const trash = (await ana.get('/notebooks/trash')).body.notebooks;
    expect(trash).toEqual([expect.objectContaining({ id: notebook.id, title: 'Oops', myRole: 'owner' })]);
    const { deletedAt, purgeAt } = trash[0];
    expect(Date.parse(purgeAt) - Date.parse(deletedAt)).toBe(30 * 24 * 60 * 60 * 1000);

    const restored = await ana.post(`/notebooks/${notebook.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id: notebook.id, title: 'Oops' });
    expect(await listedIds(ana)).toEqual([notebook.id]);
    expect((await ana.get('/notebooks/trash')).body.notebooks).toEqual([]);
  });

  it('lets only the owner delete: 403 for a member who can see it, and group owners see it in their trash', async () => {
    const { ana, ben, maya, groupId } = await studyGroup();
    const notebook = await createNotebook(ben.client, { title: 'Group', groupId });
    const byMember = await ben.client.delete(`/notebooks/${notebook.id}`);
    expect(byMember.status).toBe(403);
    expect(byMember.body.error.message).toMatch(/only its owner can/);
    expect((await maya.client.delete(`/notebooks/${notebook.id}`)).status).toBe(403);

    expect((await ana.client.delete(`/notebooks/${notebook.id}`)).status).toBe(204);
    expect(await listedIds(ben.client)).toEqual([]);
    expect((await ben.client.get('/notebooks/trash')).body.notebooks).toEqual([]);
    expect((await ben.client.post(`/notebooks/${notebook.id}/restore`)).status).toBe(404);
    expect(((await ana.client.get('/notebooks/trash')).body.notebooks as { id: string }[]).map((n) => n.id)).toEqual([
      notebook.id,
    ]);
  });
});

describe('request validation', () => {
  it('answers 400 naming the field at fault', async () => {
    const { client: ana } = await signedInUser(cohort.url, 'Ana');
    const notebook = await createNotebook(ana, { title: 'Valid' });
    const cases = [
      [await ana.post('/notebooks', { title: '' }), 'title'],
      [await ana.post('/notebooks', { title: 'x'.repeat(121) }), 'title'],
      [await ana.post('/notebooks', { groupId: 'not-a-uuid' }), 'groupId'],
      [await ana.get('/notebooks?groupId=nope'), 'groupId'],
      [await ana.patch(`/notebooks/${notebook.id}`, { title: '   ' }), 'title'],
      [await ana.patch(`/notebooks/${notebook.id}`, { linkAccess: 'yes' }), 'linkAccess'],
      [await ana.patch(`/notebooks/${notebook.id}`, {}), 'title'],
      [await ana.put(`/notebooks/${notebook.id}/shares`, { handle: 'someone', role: 'admin' }), 'role'],
      [await ana.put(`/notebooks/${notebook.id}/shares`, { role: 'viewer' }), 'handle'],
    ] as const;
    for (const [response, field] of cases) {
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.error.field).toBe(field);
    }
    expect((await ana.get(`/notebooks/${notebook.id}`)).body.title).toBe('Valid');
  });
});
