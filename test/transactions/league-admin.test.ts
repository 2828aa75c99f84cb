import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { signUp } from '../helpers/http.ts';
import { transactionLeague } from '../helpers/transactions.ts';
import { baseballLeague } from '../helpers/baseball.ts';

describe('league administration', () => {
  const server = useTestServer();

  it('lets the commissioner edit name, visibility and settings, each change logged with before and after', async () => {
    const { commish, managers, base, byPosition, team } = await transactionLeague(server);
    const edited = await commish.client.raw('PATCH', base, { name: 'Renamed', settings: { roster: { total: 1 }, waivers: { type: 'faab', faabBudget: 200 } } });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.deepEqual(edited.body.changed, ['name', 'settings']);
    assert.deepEqual([edited.body.settings.roster.total, edited.body.settings.roster.maxPerPosition.QB, edited.body.settings.waivers.type], [1, 3, 'faab']);
    const settings = (await managers[0].client.get(`${base}/settings`)).body.settings;
    assert.deepEqual([settings.roster.total, settings.waivers.faabBudget, settings.trades.review], [1, 200, 'commissioner']);
    const [entry] = (await managers[0].client.get(`${base}/transactions?type=admin`)).body.items;
    assert.deepEqual([entry.actorId, entry.details.before.name, entry.details.after.name], [commish.userId, 'football draft league', 'Renamed']);
    // The new limit applies at once.
    const [wr1, wr2] = byPosition('WR');
    await managers[0].client.post(`${team(managers[0].teamId)}/adds`, { playerId: wr1 });
    assert.equal((await managers[0].client.post(`${team(managers[0].teamId)}/adds`, { playerId: wr2 })).body.error.code, 'ROSTER_FULL');

    assert.equal((await managers[0].client.raw('PATCH', base, { name: 'Mine now' })).status, 403);
    const offset = await commish.client.raw('PATCH', base, { settings: { trades: { deadline: '2030-12-01T00:00:00+01:00' } } });
    assert.equal(offset.body.settings?.trades.deadline, '2030-11-30T23:00:00.000Z', 'a deadline with an offset is kept in UTC');
    assert.equal((await commish.client.raw('PATCH', base, { settings: { roster: { total: 0 } } })).status, 400);
    assert.equal((await commish.client.raw('PATCH', base, { settings: { waivers: { type: 'lottery' } } })).status, 400);
  });

  it('renames a team and reassigns or removes its manager; a removed manager no longer sees the private league', async () => {
    const { commish, managers, base, team, teamIds } = await transactionLeague(server);
    const [old] = managers;
    const newcomer = await signUp(server.baseUrl, 'newcomer');
    const renamed = await commish.client.raw('PATCH', team(teamIds[0]), { name: 'The Renamed' });
    assert.deepEqual([renamed.status, renamed.body.name], [200, 'The Renamed']);
    const reassigned = await commish.client.raw('PATCH', team(teamIds[0]), { ownerId: newcomer.userId });
    assert.equal(reassigned.body.ownerId, newcomer.userId);
    assert.equal((await old.client.get(base)).status, 404, 'the old manager is no member any more');
    assert.equal((await newcomer.client.get(base)).body.role, 'manager');
    assert.equal((await commish.client.raw('PATCH', team(teamIds[1]), { ownerId: newcomer.userId })).status, 409, 'one team per manager');
    const removed = await commish.client.raw('PATCH', team(teamIds[0]), { ownerId: null });
    assert.equal(removed.body.ownerId, null);
    const log = (await commish.client.get(`${base}/transactions?type=admin&teamId=${teamIds[0]}`)).body.items;
    assert.deepEqual(log.map((t: { reason: string }) => t.reason), ['team manager changed', 'team manager changed', 'team renamed']);
  });

  it('archives a league: every change is refused from then on, reads go on', async () => {
    const { commish, managers, base, byPosition, team } = await transactionLeague(server);
    assert.equal((await managers[0].client.post(`${base}/archive`)).status, 403);
    const archived = await commish.client.post(`${base}/archive`);
    assert.equal(archived.status, 200);
    const [wr] = byPosition('WR');
    const add = await managers[0].client.post(`${team(managers[0].teamId)}/adds`, { playerId: wr });
    assert.deepEqual([add.status, add.body.error.code], [409, 'LEAGUE_ARCHIVED']);
    assert.equal((await commish.client.raw('PATCH', base, { name: 'Again' })).body.error.code, 'LEAGUE_ARCHIVED');
    assert.equal((await managers[0].client.get(`${base}/settings`)).body.archivedAt, archived.body.archivedAt);
    assert.equal((await managers[0].client.get(`${base}/transactions?type=admin`)).body.items[0].reason, 'league archived');

    // Every route that changes something in the league, not only the transactions'.
    const code = (reply: { status: number; body: { error?: { code: string } } }) => [reply.status, reply.body.error?.code];
    const archivedRefusal = [409, 'LEAGUE_ARCHIVED'];
    assert.deepEqual(code(await commish.client.post(`${base}/teams`, { name: 'Late' })), archivedRefusal);
    assert.deepEqual(code(await commish.client.post(`${base}/drafts`, { type: 'snake' })), archivedRefusal);
    assert.deepEqual(code(await commish.client.post(`${base}/seasons`, {})), archivedRefusal);
    const { inviteCode } = (await commish.client.get(base)).body;
    const late = await signUp(server.baseUrl, 'latecomer');
    assert.deepEqual(code(await late.client.post(`${base}/join`, { inviteCode })), archivedRefusal);
    assert.equal((await late.client.post(`${base}/join`, {})).status, 404, 'a stranger without the code still learns nothing');
    assert.equal((await late.client.post(`${base}/teams`, { name: 'Mine' })).status, 404);
    assert.equal((await managers[0].client.get(`${base}/teams`)).body.items.length, 2, 'nothing was added');
  });

  it('refuses changes to the games of an archived league (409 LEAGUE_ARCHIVED)', async () => {
    const { commish, leagueId, teamIds } = await baseballLeague(server);
    const body = { homeTeamId: teamIds[0], awayTeamId: teamIds[1], scheduledAt: new Date(Date.now() + 86_400_000).toISOString() };
    const game = (await commish.client.post(`/api/v1/leagues/${leagueId}/games`, body)).body;
    assert.equal((await commish.client.post(`/api/v1/leagues/${leagueId}/archive`)).status, 200);
    const cancel = await commish.client.post(`/api/v1/games/${game.id}/cancel`, {});
    assert.deepEqual([cancel.status, cancel.body.error.code], [409, 'LEAGUE_ARCHIVED']);
    assert.equal((await commish.client.get(`/api/v1/games/${game.id}`)).body.status, 'scheduled');
    assert.equal((await commish.client.post(`/api/v1/leagues/${leagueId}/games`, body)).body.error.code, 'LEAGUE_ARCHIVED');
  });
});
