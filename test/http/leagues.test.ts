import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { signUp } from '../helpers/http.ts';
import { holdRows, itRace, lockWaiters } from '../helpers/row-locks.ts';

describe('league REST', () => {
  const server = useTestServer();

  async function leagueWithCommissioner(extra: { visibility?: 'public' | 'private' } = {}) {
    const commish = await signUp(server.baseUrl, 'commish');
    const created = await commish.client.post('/api/v1/leagues', { name: 'Sunday League', sport: 'football', ...extra });
    assert.equal(created.status, 201);
    return { commish, league: created.body };
  }

  it('makes the creator of a league its commissioner, who sees the invite code', async () => {
    const { commish, league } = await leagueWithCommissioner();
    assert.equal(league.role, 'commissioner');
    assert.ok(league.inviteCode);
    const fetched = await commish.client.get(`/api/v1/leagues/${league.id}`);
    assert.equal(fetched.status, 200);
    assert.equal(fetched.body.name, 'Sunday League');
    assert.equal(fetched.body.role, 'commissioner');
    assert.equal(fetched.body.inviteCode, league.inviteCode);
    const mine = await commish.client.get('/api/v1/leagues');
    assert.deepEqual(mine.body.items.map((l: { id: string }) => l.id), [league.id]);
  });

  it('makes a league private unless asked otherwise, and shows its visibility', async () => {
    const { commish, league } = await leagueWithCommissioner();
    assert.equal(league.visibility, 'private');
    const open = await commish.client.post('/api/v1/leagues', { name: 'Open League', sport: 'f1', visibility: 'public' });
    assert.equal(open.status, 201);
    assert.equal(open.body.visibility, 'public');
    assert.equal((await commish.client.get(`/api/v1/leagues/${open.body.id}`)).body.visibility, 'public');
    const mine = await commish.client.get('/api/v1/leagues');
    assert.deepEqual(mine.body.items.map((l: { visibility: string }) => l.visibility), ['private', 'public']);
    const bad = await commish.client.post('/api/v1/leagues', { name: 'Odd', sport: 'f1', visibility: 'secret' });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.error.details.fields.map((f: { path: string }) => f.path), ['visibility']);
  });

  it('hides the invite code from users who are not the commissioner', async () => {
    const { league } = await leagueWithCommissioner({ visibility: 'public' });
    const other = await signUp(server.baseUrl, 'other');
    const fetched = await other.client.get(`/api/v1/leagues/${league.id}`);
    assert.equal(fetched.status, 200);
    assert.equal(fetched.body.inviteCode, undefined);
    assert.equal(fetched.body.role, null);
  });

  it('lets only the commissioner add teams (403 for others who may see the league)', async () => {
    const { commish, league } = await leagueWithCommissioner({ visibility: 'public' });
    const other = await signUp(server.baseUrl, 'other');
    const refused = await other.client.post(`/api/v1/leagues/${league.id}/teams`, { name: 'Sneaky' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'FORBIDDEN');
    const added = await commish.client.post(`/api/v1/leagues/${league.id}/teams`, { name: 'Hawks' });
    assert.equal(added.status, 201);
    assert.equal(added.body.ownerId, null);
    const teams = await other.client.get(`/api/v1/leagues/${league.id}/teams`);
    assert.deepEqual(teams.body.items.map((t: { name: string }) => t.name), ['Hawks']);
  });

  it('gives a team to a named owner, who becomes a manager, and refuses a second team for them', async () => {
    const { commish, league } = await leagueWithCommissioner();
    const manager = await signUp(server.baseUrl, 'mgr');
    const added = await commish.client.post(`/api/v1/leagues/${league.id}/teams`, { name: 'Owls', ownerId: manager.userId });
    assert.equal(added.body.ownerId, manager.userId);
    const seen = await manager.client.get(`/api/v1/leagues/${league.id}`);
    assert.equal(seen.body.role, 'manager');
    const second = await commish.client.post(`/api/v1/leagues/${league.id}/teams`, { name: 'Owls 2', ownerId: manager.userId });
    assert.equal(second.status, 409);
    const unknownOwner = await commish.client.post(`/api/v1/leagues/${league.id}/teams`, { name: 'Ghosts', ownerId: crypto.randomUUID() });
    assert.equal(unknownOwner.status, 400);
  });

  it('lets a user with the invite code claim an open team, once', async () => {
    const { commish, league } = await leagueWithCommissioner();
    await commish.client.post(`/api/v1/leagues/${league.id}/teams`, { name: 'Open One' });
    await commish.client.post(`/api/v1/leagues/${league.id}/teams`, { name: 'Open Two' });
    const joiner = await signUp(server.baseUrl, 'joiner');
    // A private league: without its code a stranger cannot tell it from an unknown one.
    const noCode = await joiner.client.post(`/api/v1/leagues/${league.id}/join`, {});
    assert.equal(noCode.status, 404);
    assert.equal(noCode.body.error.code, 'NOT_FOUND');
    const wrongCode = await joiner.client.post(`/api/v1/leagues/${league.id}/join`, { inviteCode: 'nope' });
    assert.equal(wrongCode.status, 404);
    const joined = await joiner.client.post(`/api/v1/leagues/${league.id}/join`, { inviteCode: league.inviteCode });
    assert.equal(joined.status, 200);
    assert.equal(joined.body.team.name, 'Open One');
    assert.equal(joined.body.team.ownerId, joiner.userId);
    const again = await joiner.client.post(`/api/v1/leagues/${league.id}/join`, { inviteCode: league.inviteCode });
    assert.equal(again.status, 409);
    const teams = await joiner.client.get(`/api/v1/leagues/${league.id}/teams`);
    assert.deepEqual(teams.body.items.map((t: { ownerId: string | null }) => t.ownerId), [joiner.userId, null]);
  });

  it('asks a stranger to a public league for the invite code with a 403', async () => {
    const { commish, league } = await leagueWithCommissioner({ visibility: 'public' });
    await commish.client.post(`/api/v1/leagues/${league.id}/teams`, { name: 'Open One' });
    const joiner = await signUp(server.baseUrl, 'joiner');
    const wrongCode = await joiner.client.post(`/api/v1/leagues/${league.id}/join`, { inviteCode: 'nope' });
    assert.equal(wrongCode.status, 403);
    assert.equal(wrongCode.body.error.code, 'FORBIDDEN');
  });

  it('gives one user one team when he races six joins for six teams', async () => {
    const { commish, league } = await leagueWithCommissioner();
    const teams = [];
    for (let i = 0; i < 6; i++) teams.push((await commish.client.post(`/api/v1/leagues/${league.id}/teams`, { name: `Team ${i}` })).body);
    const racer = await signUp(server.baseUrl, 'racer');
    const replies = await Promise.all(teams.map((team) =>
      racer.client.post(`/api/v1/leagues/${league.id}/join`, { inviteCode: league.inviteCode, teamId: team.id })));
    assert.deepEqual(replies.map((r) => r.status).sort(), [200, 409, 409, 409, 409, 409]);
    for (const refused of replies.filter((r) => r.status === 409)) {
      assert.equal(refused.body.error.code, 'CONFLICT');
      assert.equal(refused.body.error.message, 'You already manage a team in this league');
    }
    const listed = await racer.client.get(`/api/v1/leagues/${league.id}/teams`);
    assert.equal(listed.body.items.filter((t: { ownerId: string | null }) => t.ownerId === racer.userId).length, 1);
  });

  it('gives a member one team when the commissioner adds six for him at once', async () => {
    // The commissioner himself: a member already, so only the teams' unique index can refuse.
    const { commish, league } = await leagueWithCommissioner();
    const replies = await Promise.all(Array.from({ length: 6 }, (_, i) =>
      commish.client.post(`/api/v1/leagues/${league.id}/teams`, { name: `Team ${i}`, ownerId: commish.userId })));
    assert.deepEqual(replies.map((r) => r.status).sort(), [201, 409, 409, 409, 409, 409]);
    for (const refused of replies.filter((r) => r.status === 409)) {
      assert.equal(refused.body.error.message, 'That user already manages a team in this league');
    }
    const listed = await commish.client.get(`/api/v1/leagues/${league.id}/teams`);
    assert.equal(listed.body.items.filter((t: { ownerId: string | null }) => t.ownerId === commish.userId).length, 1);
  });

  it('never lets two users claim the same team at once', async () => {
    const { commish, league } = await leagueWithCommissioner();
    const team = await commish.client.post(`/api/v1/leagues/${league.id}/teams`, { name: 'Contested' });
    const users = await Promise.all([signUp(server.baseUrl, 'racer'), signUp(server.baseUrl, 'racer')]);
    const replies = await Promise.all(users.map((u) =>
      u.client.post(`/api/v1/leagues/${league.id}/join`, { inviteCode: league.inviteCode, teamId: team.body.id })));
    assert.deepEqual(replies.map((r) => r.status).sort(), [200, 409]);
  });

  itRace('never loses a join to the commissioner giving the same team away at once: one of them wins, and the members follow', async () => {
    const { commish, league } = await leagueWithCommissioner();
    const team = (await commish.client.post(`/api/v1/leagues/${league.id}/teams`, { name: 'Contested' })).body;
    const [given, joiner] = await Promise.all([signUp(server.baseUrl, 'given'), signUp(server.baseUrl, 'joiner')]);
    const em = server.app.storage.orm.em.fork();
    // Something else holds the league (a roster move's lock): the edit waits for it, and a join arrives meanwhile.
    const hold = await holdRows(em, 'select id from leagues where id = ?', [league.id]);
    let edit: Promise<{ status: number }>;
    let join: Promise<{ status: number; body: any }>;
    try {
      edit = commish.client.raw('PATCH', `/api/v1/leagues/${league.id}/teams/${team.id}`, { ownerId: given.userId });
      await lockWaiters(em, 1);
      join = joiner.client.post(`/api/v1/leagues/${league.id}/join`, { inviteCode: league.inviteCode, teamId: team.id });
      await lockWaiters(em, 2);
    } finally {
      await hold.release();
    }
    const [edited, joined] = await Promise.all([edit!, join!]);
    assert.equal(edited.status, 200);
    assert.deepEqual([joined.status, joined.body.error?.code], [409, 'CONFLICT'], 'the edit came first: the team is taken');
    const teams = (await commish.client.get(`/api/v1/leagues/${league.id}/teams`)).body.items;
    assert.deepEqual(teams.map((t: { ownerId: string }) => t.ownerId), [given.userId]);
    assert.equal((await joiner.client.get(`/api/v1/leagues/${league.id}`)).status, 404, 'the joiner is no member of the private league');
  });

  it('answers a league with no open team with 409 and an unknown league with 404', async () => {
    const { league } = await leagueWithCommissioner();
    const joiner = await signUp(server.baseUrl, 'late');
    const full = await joiner.client.post(`/api/v1/leagues/${league.id}/join`, { inviteCode: league.inviteCode });
    assert.equal(full.status, 409);
    assert.equal((await joiner.client.get(`/api/v1/leagues/${crypto.randomUUID()}`)).status, 404);
    assert.equal((await joiner.client.get('/api/v1/leagues/not-an-id')).status, 404);
  });

  it('validates league bodies and names the bad fields', async () => {
    const user = await signUp(server.baseUrl, 'val');
    const reply = await user.client.post('/api/v1/leagues', { name: '', sport: 'curling' });
    assert.equal(reply.status, 400);
    assert.equal(reply.body.error.code, 'INVALID_INPUT');
    assert.deepEqual(reply.body.error.details.fields.map((f: { path: string }) => f.path).sort(), ['name', 'sport']);
  });

  it('answers unknown routes under /api with a JSON 404', async () => {
    const user = await signUp(server.baseUrl, 'lost');
    const reply = await user.client.get('/api/v1/nothing-here');
    assert.equal(reply.status, 404);
    assert.equal(reply.body.error.code, 'NOT_FOUND');
  });
});
