import assert from 'node:assert/strict';
import { makePublic, useTestServer } from '../helpers/server.ts';
import { signUp } from '../helpers/http.ts';
import { leagueWithOpenTeams } from '../helpers/league-rooms.ts';
import { seed } from '../../src/db/seed.ts';

describe('commissioner roster moves', () => {
  const server = useTestServer();
  beforeEach(async () => {
    await seed(server.app.storage.orm, { withLeagues: false });
  });

  async function baseballLeague() {
    const league = await leagueWithOpenTeams(server.baseUrl, 'baseball', 2);
    const page = await league.client.get('/api/v1/players?sport=baseball&limit=6');
    const playerIds = page.body.items.map((p: { id: string }) => p.id) as string[];
    const players = (teamId: string) => `/api/v1/leagues/${league.leagueId}/teams/${teamId}/players`;
    const rosterOf = async (teamId: string) => {
      const teams = (await league.client.get(`/api/v1/leagues/${league.leagueId}/teams`)).body.items as Array<{ id: string; roster: Array<{ playerId: string; acquiredVia: string }> }>;
      return teams.find((t) => t.id === teamId)!.roster;
    };
    return { ...league, playerIds, players, rosterOf };
  }

  it('puts players on a team as a commissioner move, once however often it is asked', async () => {
    const { client, teamIds, playerIds, players, rosterOf } = await baseballLeague();
    const added = await client.post(players(teamIds[0]), { playerIds: playerIds.slice(0, 3) });
    assert.deepEqual([added.status, added.body.added], [201, 3]);
    const again = await client.post(players(teamIds[0]), { playerIds: playerIds.slice(0, 4) });
    assert.equal(again.body.added, 1);
    const roster = await rosterOf(teamIds[0]);
    assert.deepEqual(roster.map((r) => r.playerId).sort(), playerIds.slice(0, 4).sort());
    assert.ok(roster.every((r) => r.acquiredVia === 'commissioner'));
  });

  it('refuses a player who is on another team of the league, and changes nothing', async () => {
    const { client, teamIds, playerIds, players, rosterOf } = await baseballLeague();
    await client.post(players(teamIds[0]), { playerIds: [playerIds[0]] });
    const refused = await client.post(players(teamIds[1]), { playerIds: [playerIds[1], playerIds[0]] });
    assert.deepEqual([refused.status, refused.body.error.code, refused.body.error.details.playerIds], [409, 'CONFLICT', [playerIds[0]]]);
    assert.deepEqual(await rosterOf(teamIds[1]), []);
  });

  it('refuses players of another sport, unknown players and bad bodies', async () => {
    const { client, teamIds, players } = await baseballLeague();
    const football = (await client.get('/api/v1/players?sport=football&limit=1')).body.items[0].id;
    assert.equal((await client.post(players(teamIds[0]), { playerIds: [football] })).status, 400);
    assert.equal((await client.post(players(teamIds[0]), { playerIds: [crypto.randomUUID()] })).status, 400);
    assert.equal((await client.post(players(teamIds[0]), { playerIds: 'everyone' })).status, 400);
    assert.equal((await client.post(players(teamIds[0]), { playerIds: [] })).status, 400);
  });

  it('lets only the commissioner move players, and takes them off again', async () => {
    const { client, teamIds, playerIds, players, rosterOf, leagueId } = await baseballLeague();
    await makePublic(server.app, leagueId); // a stranger who may see the league: 403; of a private one, 404
    const stranger = await signUp(server.baseUrl, 'stranger');
    assert.equal((await stranger.client.post(players(teamIds[0]), { playerIds: [playerIds[0]] })).status, 403);
    await client.post(players(teamIds[0]), { playerIds: [playerIds[0]] });
    assert.equal((await stranger.client.raw('DELETE', `${players(teamIds[0])}/${playerIds[0]}`)).status, 403);
    assert.equal((await client.raw('DELETE', `${players(teamIds[0])}/${playerIds[0]}`)).status, 204);
    assert.equal((await client.raw('DELETE', `${players(teamIds[0])}/${playerIds[0]}`)).status, 409);
    assert.deepEqual(await rosterOf(teamIds[0]), []);
    assert.equal((await client.post(`/api/v1/leagues/${leagueId}/teams/${crypto.randomUUID()}/players`, { playerIds: [playerIds[0]] })).status, 404);
  });
});
