import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { signUp } from '../helpers/http.ts';
import { transactionLeague } from '../helpers/transactions.ts';

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
  });
});
