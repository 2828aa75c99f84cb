import assert from 'node:assert/strict';
import { Client, type Room } from '@colyseus/sdk';
import { League } from '../../src/db/entities/index.ts';
import { useTestServer } from '../helpers/server.ts';
import { signUp } from '../helpers/http.ts';
import { createDraft, joinDraft, rejectionCode, type Signed } from '../helpers/league-rooms.ts';
import { baseballLeague, playedGames } from '../helpers/baseball.ts';

/**
 * Who may see a league (src/leagues/access.ts): members always, every signed-in user when it is
 * public, nobody else, who gets the 404 of an unknown id from REST and rooms alike.
 */
describe('league visibility', () => {
  const server = useTestServer({ truncate: 'once' });
  let commish: Signed;
  let manager: Signed;
  let stranger: Signed;
  let leagueId: string;
  let teamIds: string[];
  let draftId: string;
  let gameId: string;
  let playerId: string;
  const opened: Room[] = [];

  before(async () => {
    const league = await baseballLeague(server);
    ({ commish, leagueId, teamIds } = league);
    manager = league.managers[0];
    stranger = await signUp(server.baseUrl, 'stranger');
    draftId = (await createDraft(commish, leagueId, { type: 'snake', rounds: 2 })).id;
    [gameId] = await playedGames(server.app, leagueId, commish.userId, [[teamIds[0], teamIds[1]]]);
    // A player with a line in that game, so his season has something to hide.
    const [line] = await server.app.storage.orm.em.fork().getConnection()
      .execute<Array<{ player_id: string }>>('select player_id from player_game_lines where game_id = ? limit 1', [gameId]);
    playerId = line.player_id;
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((room) => room.connection?.isOpen ? room.leave().catch(() => undefined) : undefined));
  });

  const setVisibility = (visibility: 'public' | 'private') =>
    server.app.storage.orm.em.fork().nativeUpdate(League, { id: leagueId }, { visibility });

  /** Every read of the league, its drafts and games: by the league's id or through another id. */
  const reads = () => [
    `/api/v1/leagues/${leagueId}`,
    `/api/v1/leagues/${leagueId}/teams`,
    `/api/v1/leagues/${leagueId}/drafts`,
    `/api/v1/leagues/${leagueId}/games`,
    `/api/v1/leagues/${leagueId}/standings`,
    `/api/v1/leagues/${leagueId}/stats/batting`,
    `/api/v1/leagues/${leagueId}/stats/pitching`,
    `/api/v1/drafts/${draftId}`,
    `/api/v1/games/${gameId}`,
    `/api/v1/games/${gameId}/dice`,
  ];

  /** The same path with every id of this league's replaced by an unknown one. */
  const unknownTwin = (path: string) => path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, () => crypto.randomUUID());

  describe('a private league', () => {
    it('answers a stranger on every read with the 404 of an unknown id', async () => {
      for (const path of reads()) {
        assert.equal((await commish.client.get(path)).status, 200, `the commissioner reads ${path}`);
        assert.equal((await manager.client.get(path)).status, 200, `a manager reads ${path}`);
        const refused = await stranger.client.get(path);
        const unknown = await stranger.client.get(unknownTwin(path));
        assert.equal(refused.status, 404, path);
        assert.deepEqual(refused.body, unknown.body, `${path} answers as an unknown id`);
      }
    });

    it('answers a stranger\'s writes with the same 404 and changes nothing', async () => {
      const writes: Array<[string, unknown]> = [
        [`/api/v1/leagues/${leagueId}/teams`, { name: 'Intruders' }],
        [`/api/v1/leagues/${leagueId}/drafts`, { type: 'snake', rounds: 1 }],
        [`/api/v1/leagues/${leagueId}/games`, { homeTeamId: teamIds[0], awayTeamId: teamIds[1] }],
        [`/api/v1/leagues/${leagueId}/scoring-rules`, { preset: 'standard' }],
        [`/api/v1/leagues/${leagueId}/teams/${teamIds[0]}/players`, { playerIds: [playerId] }],
      ];
      for (const [path, body] of writes) {
        const refused = await stranger.client.post(path, body);
        assert.equal(refused.status, 404, path);
        assert.deepEqual(refused.body, { error: { code: 'NOT_FOUND', message: 'League not found' } }, path);
      }
      const removed = await stranger.client.raw('DELETE', `/api/v1/leagues/${leagueId}/teams/${teamIds[0]}/players/${playerId}`);
      assert.equal(removed.status, 404);
      const teams = await commish.client.get(`/api/v1/leagues/${leagueId}/teams`);
      assert.deepEqual(teams.body.items.map((t: { name: string }) => t.name), ['Team 1', 'Team 2']);
      assert.equal((await commish.client.get(`/api/v1/leagues/${leagueId}/drafts`)).body.items.length, 1);
    });

    it('leaves its games out of a player\'s season for a stranger, and 404s its leagueId', async () => {
      const mine = await manager.client.get(`/api/v1/players/${playerId}/stats`);
      assert.equal(mine.status, 200);
      assert.deepEqual(mine.body.leagues.map((l: { leagueId: string }) => l.leagueId), [leagueId]);
      const theirs = await stranger.client.get(`/api/v1/players/${playerId}/stats`);
      assert.equal(theirs.status, 200);
      assert.deepEqual(theirs.body.leagues, []);
      assert.deepEqual(theirs.body.games, []);
      const named = await stranger.client.get(`/api/v1/players/${playerId}/stats?leagueId=${leagueId}`);
      assert.equal(named.status, 404);
      assert.equal(named.body.error.code, 'NOT_FOUND');
    });

    it('keeps a stranger out of its draft and game rooms, even as a spectator, as for an unknown id', async () => {
      for (const options of [{}, { spectate: true }]) {
        await assert.rejects(joinDraft(server, stranger.token, draftId, options), { code: 404, message: 'No such draft' });
        await assert.rejects(joinBaseball(stranger, gameId, options), { code: 404, message: 'No such game' });
      }
      await assert.rejects(joinDraft(server, stranger.token, crypto.randomUUID()), { code: 404, message: 'No such draft' });
      const member = await joinDraft(server, manager.token, draftId, { spectate: true });
      opened.push(member);
    });
  });

  describe('a public league', () => {
    before(async () => { await setVisibility('public'); });
    after(async () => { await setVisibility('private'); });

    it('lets every signed-in user read it', async () => {
      for (const path of reads()) assert.equal((await stranger.client.get(path)).status, 200, path);
      const league = await stranger.client.get(`/api/v1/leagues/${leagueId}`);
      assert.equal(league.body.visibility, 'public');
      assert.equal(league.body.role, null);
      const season = await stranger.client.get(`/api/v1/players/${playerId}/stats?leagueId=${leagueId}`);
      assert.deepEqual(season.body.leagues.map((l: { leagueId: string }) => l.leagueId), [leagueId]);
    });

    it('refuses a non-member\'s writes with 403', async () => {
      const writes: Array<[string, unknown]> = [
        [`/api/v1/leagues/${leagueId}/teams`, { name: 'Intruders' }],
        [`/api/v1/leagues/${leagueId}/drafts`, { type: 'snake', rounds: 1 }],
        [`/api/v1/leagues/${leagueId}/games`, { homeTeamId: teamIds[0], awayTeamId: teamIds[1] }],
        [`/api/v1/leagues/${leagueId}/teams/${teamIds[0]}/players`, { playerIds: [playerId] }],
      ];
      for (const [path, body] of writes) {
        const refused = await stranger.client.post(path, body);
        assert.equal(refused.status, 403, path);
        assert.equal(refused.body.error.code, 'FORBIDDEN', path);
      }
    });

    it('seats a non-member as a spectator who may watch but not chat; members may chat', async () => {
      const watcher = await joinDraft(server, stranger.token, draftId);
      opened.push(watcher);
      assert.equal(await rejectionCode(watcher.request('chat', { text: 'hello' })), 'NOT_AUTHORIZED');
      assert.equal(await rejectionCode(watcher.request('pick', { playerId, pick: 1 })), 'NOT_AUTHORIZED');
      const memberWatching = await joinDraft(server, manager.token, draftId, { spectate: true });
      opened.push(memberWatching);
      assert.deepEqual(await memberWatching.request('chat', { text: 'hello' }), { ok: true });
    });
  });

  function joinBaseball(who: Signed, id: string, options: Record<string, unknown>): Promise<Room> {
    const client = new Client(server.baseUrl);
    client.auth.token = who.token;
    return client.joinOrCreate('baseball', { gameId: id, ...options });
  }
});
