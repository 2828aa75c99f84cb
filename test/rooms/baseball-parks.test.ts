import assert from 'node:assert/strict';
import { waitForState } from '../helpers/league-rooms.ts';
import { baseballLeague, gameRoomSuite } from '../helpers/baseball.ts';
import { BALLPARKS } from '../../src/baseball/ballparks.ts';

/** A team's park (docs/baseball.md "Ballparks"): set by the commissioner, fixed in each game it hosts, shown in the game and its room. */
describe('baseball ballparks over REST and the room', function () {
  this.timeout(60_000);
  const { suite, joinGame } = gameRoomSuite();

  it("plays a game in its home team's park as it was when the game was created", async () => {
    const { commish, managers, leagueId, teamIds: [home, away] } = await baseballLeague(suite.server, { owned: 1 });
    const teamPath = `/api/v1/leagues/${leagueId}/teams/${home}`;
    assert.equal((await managers[0].client.raw('PATCH', teamPath, { park: 'thin-air' })).status, 403, 'the commissioner sets it');
    assert.equal((await commish.client.raw('PATCH', teamPath, { park: 'no-such-park' })).status, 400);
    const set = await commish.client.raw('PATCH', teamPath, { park: 'thin-air' });
    assert.deepEqual([set.status, set.body.park], [200, 'thin-air']);

    const post = (homeTeamId: string, awayTeamId: string) => commish.client.post(`/api/v1/leagues/${leagueId}/games`, {
      homeTeamId, awayTeamId, ai: { home: 'balanced', away: 'balanced' }, scheduledAt: '2099-04-01T18:00:00Z',
    });
    const atThinAir = await post(home, away);
    assert.equal(atThinAir.status, 201, JSON.stringify(atThinAir.body));
    assert.deepEqual(atThinAir.body.park, BALLPARKS.find((p) => p.id === 'thin-air'));
    assert.equal((await post(away, home)).body.park.id, 'neutral', 'the other team has no park');

    // A later change of park moves later games only.
    await commish.client.raw('PATCH', teamPath, { park: 'deep-center' });
    assert.equal((await commish.client.get(`/api/v1/games/${atThinAir.body.id}`)).body.park.id, 'thin-air');
    assert.equal((await post(home, away)).body.park.id, 'deep-center');

    const room = await joinGame(commish.token, atThinAir.body.id, { spectate: true });
    const state = await waitForState(room, (s) => s.park?.id === 'thin-air');
    assert.deepEqual({ name: state.park.name, hr: state.park.hr, triple: state.park.triple }, { name: 'Thin Air Field', hr: Math.fround(1.2), triple: Math.fround(1.6) });
    assert.deepEqual([state.park.bpHr, state.park.bpSingle], [18, 20], 'its ballpark ratings');
  });
});
