import assert from 'node:assert/strict';
import { matchMaker } from '@colyseus/core';
import { useTestServer } from '../helpers/server.ts';
import { signUp } from '../helpers/http.ts';
import { baseballLeague } from '../helpers/baseball.ts';
import { waitFor } from '../helpers/jobs.ts';

/** Long enough that nothing decides for a manager while a test runs. */
const IDLE = { decisionSeconds: 600 };

/**
 * A manager's game against a team he does not own is a challenge: proposed, no room, counting
 * nowhere, until that team's manager (or the commissioner) accepts it.
 */
describe('baseball game challenges', function () {
  this.timeout(60_000);
  const server = useTestServer();

  const gamesOf = (leagueId: string) => `/api/v1/leagues/${leagueId}/games`;
  const hasRoom = async (gameId: string) => (await matchMaker.query({ name: 'baseball', gameId } as never)).length > 0;
  const roomOpens = (gameId: string) => waitFor(async () => ((await hasRoom(gameId)) ? true : undefined), 5000, `room of ${gameId}`);

  async function challenge() {
    const league = await baseballLeague(server, { teams: 3 });
    const [mine, other] = league.managers;
    const created = await mine.client.post(gamesOf(league.leagueId), { homeTeamId: mine.teamId, awayTeamId: other.teamId, ai: { home: 'safe' }, ...IDLE });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return { ...league, game: created.body };
  }

  it("makes a manager's game against another manager's team a proposed challenge with no room until accepted", async () => {
    const { leagueId, managers: [mine, other], game } = await challenge();
    assert.deepEqual([game.status, game.challengedTeamId, game.home.ai, game.away.ai], ['proposed', other.teamId, 'safe', null]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await hasRoom(game.id), false, 'no room for a challenge');
    const listed = (await mine.client.get(`${gamesOf(leagueId)}?status=proposed`)).body.items;
    assert.deepEqual(listed.map((g: { id: string; status: string }) => [g.id, g.status]), [[game.id, 'proposed']]);
    const standings = (await mine.client.get(`/api/v1/leagues/${leagueId}/standings`)).body.items as Array<{ w: number; l: number }>;
    assert.ok(standings.every((row) => row.w === 0 && row.l === 0), 'a challenge counts nowhere');

    const accepted = await other.client.post(`/api/v1/games/${game.id}/accept`, { ai: 'aggressive' });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.ok(['scheduled', 'live'].includes(accepted.body.status));
    assert.deepEqual([accepted.body.home.ai, accepted.body.away.ai], ['safe', 'aggressive'], 'each side as its own manager set it');
    assert.equal(await roomOpens(game.id), true);

    const again = await other.client.post(`/api/v1/games/${game.id}/accept`, {});
    assert.deepEqual([again.status, again.body.error.code], [409, 'NOT_PROPOSED']);
  });

  it('refuses acceptance by anyone but the challenged manager or the commissioner (403; 404 to a stranger of the private league), and changes nothing', async () => {
    const { managers: [mine, , third], game } = await challenge();
    const stranger = await signUp(server.baseUrl, 'stranger');
    for (const who of [mine, third]) {
      const refused = await who.client.post(`/api/v1/games/${game.id}/accept`, {});
      assert.deepEqual([refused.status, refused.body.error.code], [403, 'FORBIDDEN']);
    }
    const refusedThird = await third.client.post(`/api/v1/games/${game.id}/decline`);
    assert.deepEqual([refusedThird.status, refusedThird.body.error.code], [403, 'FORBIDDEN']);
    for (const action of ['accept', 'decline']) {
      const hidden = await stranger.client.post(`/api/v1/games/${game.id}/${action}`, {});
      assert.deepEqual([hidden.status, hidden.body.error.code], [404, 'NOT_FOUND'], action);
    }
    assert.equal((await mine.client.get(`/api/v1/games/${game.id}`)).body.status, 'proposed');
    assert.equal(await hasRoom(game.id), false);
  });

  it("refuses the challenger the other side's AI or lineup (403 NOT_YOUR_SIDE) and a decision time under 10 s (400)", async () => {
    const { leagueId, managers: [mine, other] } = await baseballLeague(server, { teams: 2 });
    const post = (body: Record<string, unknown>) => mine.client.post(gamesOf(leagueId), { homeTeamId: mine.teamId, awayTeamId: other.teamId, ...body });
    const theirAi = await post({ ai: { away: 'safe' } });
    assert.deepEqual([theirAi.status, theirAi.body.error.code, theirAi.body.error.details], [403, 'NOT_YOUR_SIDE', { side: 'away' }]);
    const fast = await post({ decisionSeconds: 1 });
    assert.deepEqual([fast.status, fast.body.error.details.fields[0].path], [400, 'decisionSeconds']);
    assert.equal((await mine.client.get(gamesOf(leagueId))).body.items.length, 0, 'nothing stored');
    const ten = await post({ decisionSeconds: 10 });
    assert.deepEqual([ten.status, ten.body.status, ten.body.decisionSeconds], [201, 'proposed', 10]);
  });

  it('declines a challenge: kept as declined, never played, no longer to accept', async () => {
    const { leagueId, managers: [mine, other], game } = await challenge();
    const declined = await other.client.post(`/api/v1/games/${game.id}/decline`);
    assert.deepEqual([declined.status, declined.body.status], [200, 'declined']);
    const late = await other.client.post(`/api/v1/games/${game.id}/accept`, {});
    assert.deepEqual([late.status, late.body.error.code], [409, 'NOT_PROPOSED']);
    assert.deepEqual((await mine.client.get(gamesOf(leagueId))).body.items.map((g: { status: string }) => g.status), ['declined']);
    assert.equal(await hasRoom(game.id), false);
  });

  it('lets the challenger withdraw his challenge', async () => {
    const { managers: [mine], game } = await challenge();
    const withdrawn = await mine.client.post(`/api/v1/games/${game.id}/decline`);
    assert.deepEqual([withdrawn.status, withdrawn.body.status], [200, 'declined']);
  });

  it("lets the commissioner accept any challenge, and makes a game against an unowned team the commissioner's to accept", async () => {
    const { commish, leagueId, managers: [mine], teamIds: [, open] } = await baseballLeague(server, { teams: 2, owned: 1 });
    const created = await mine.client.post(gamesOf(leagueId), { homeTeamId: mine.teamId, awayTeamId: open, ...IDLE });
    assert.deepEqual([created.status, created.body.status, created.body.challengedTeamId], [201, 'proposed', open]);
    const accepted = await commish.client.post(`/api/v1/games/${created.body.id}/accept`, {});
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.deepEqual([accepted.body.home.ai, accepted.body.away.ai], [null, 'balanced'], 'the open side is the AI');
    assert.equal(await roomOpens(created.body.id), true);
  });

  it('still lets the commissioner create a game outright, with any decision time, its room open at once', async () => {
    const { commish, leagueId, teamIds: [home, away] } = await baseballLeague(server, { teams: 2 });
    const direct = await commish.client.post(gamesOf(leagueId), { homeTeamId: home, awayTeamId: away, decisionSeconds: 1 });
    assert.equal(direct.status, 201, JSON.stringify(direct.body));
    assert.ok(['scheduled', 'live'].includes(direct.body.status));
    assert.equal(direct.body.challengedTeamId, null);
    assert.equal(await roomOpens(direct.body.id), true);
  });
});
