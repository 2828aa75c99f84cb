import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { signUp } from '../helpers/http.ts';
import { rejectionCode, waitForState } from '../helpers/league-rooms.ts';
import { makePublic } from '../helpers/server.ts';
import { baseballLeague, gameRoomSuite } from '../helpers/baseball.ts';
import { sleep } from '../helpers/process.ts';

describe('baseball room', function () {
  this.timeout(60_000);
  const { suite, joinGame } = gameRoomSuite();

  async function createGame(body: Record<string, unknown>, options: Parameters<typeof baseballLeague>[1] = {}) {
    const league = await baseballLeague(suite.server, options);
    // Public, so the outsiders of these tests may watch (a private league refuses them: test/security/visibility.test.ts).
    await makePublic(suite.server.app, league.leagueId);
    const [home, away] = league.teamIds;
    const created = await league.commish.client.post(`/api/v1/leagues/${league.leagueId}/games`, { homeTeamId: home, awayTeamId: away, ...body });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return { ...league, gameId: created.body.id as string, home, away };
  }

  async function untilFinal(client: Awaited<ReturnType<typeof signUp>>['client'], gameId: string, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const view = (await client.get(`/api/v1/games/${gameId}`)).body;
      if (view.status === 'final') return view;
      if (Date.now() > deadline) throw new Error(`game ${gameId} not final: ${view.status} inning ${view.inning}`);
      await sleep(100);
    }
  }

  it('plays an AI-vs-AI game to the end by itself, with nobody in the room, and stores every play', async () => {
    const { commish, gameId, leagueId, home, away } = await createGame({ ai: { home: 'balanced', away: 'aggressive' }, pace: 'instant' });
    const view = await untilFinal(commish.client, gameId);
    const runs = (side: 'away' | 'home') => view.plays.filter((p: any) => (p.half === 'top') === (side === 'away')).reduce((sum: number, p: any) => sum + p.runs, 0);
    assert.ok(view.plays.length >= 50, `a nine-inning game has many plays, got ${view.plays.length}`);
    assert.deepEqual(view.plays.map((p: any) => p.number), view.plays.map((_: unknown, i: number) => i + 1), 'plays numbered 1..n without gaps');
    assert.deepEqual([view.away.score, view.home.score], [runs('away'), runs('home')]);
    assert.notEqual(view.away.score, view.home.score, 'no ties');
    assert.ok(view.inning >= 9);
    assert.equal(view.winnerId, view.home.score > view.away.score ? home : away);
    assert.equal(createHash('sha256').update(Buffer.from(view.diceSeed, 'hex')).digest('hex'), view.diceCommitment);
    const dice = (await commish.client.get(`/api/v1/games/${gameId}/dice`)).body;
    assert.equal(dice.verification.ok, true);
    assert.equal(dice.rolls, view.plays.reduce((sum: number, p: any) => sum + p.dice.length, 0));
    const standings = (await commish.client.get(`/api/v1/leagues/${leagueId}/standings`)).body;
    const rows = (standings.items ?? standings.standings ?? standings) as Array<{ teamId: string; w: number; l: number }>;
    const winner = rows.find((r) => r.teamId === view.winnerId)!;
    const loser = rows.find((r) => r.teamId !== view.winnerId)!;
    assert.deepEqual([winner.w, winner.l, loser.w, loser.l], [1, 0, 0, 1]);
  });

  it('shows a spectator every play with its dice as it happens, and reveals the dice seed at the end', async () => {
    const { commish, gameId } = await createGame({ ai: { home: 'safe', away: 'balanced' }, pace: 0.02 });
    const fan = await signUp(suite.server.baseUrl, 'fan');
    const room = await joinGame(fan.token, gameId, { spectate: true });
    const seen = new Set<number>();
    room.onStateChange((state: any) => {
      if (state.lastPlay?.number) seen.add(state.lastPlay.number);
      if (state.status !== 'final') assert.equal(state.diceSeed, '', 'the seed stays secret while the game is on');
    });
    // A play that rolled: an intentional walk (the AI may call one) rolls none.
    const playing = await waitForState(room, (s) => s.lastPlay.number > 0 && s.lastPlay.dice.length > 0, 10_000);
    assert.equal(playing.lastPlay.dice.length, playing.lastPlay.sides.length);
    assert.ok(playing.lastPlay.text.length > 0 && playing.lastPlay.result.length > 0);
    assert.equal(playing.lineups.length, 2);
    assert.equal(playing.lineups[0].players.length, 9);
    const final = await waitForState(room, (s) => s.status === 'final', 40_000);
    assert.equal(createHash('sha256').update(Buffer.from(final.diceSeed, 'hex')).digest('hex'), final.diceCommitment);
    assert.ok(seen.size >= 20, `the spectator saw the game unfold (${seen.size} plays)`);
    const view = await untilFinal(commish.client, gameId);
    assert.equal(final.lastPlay.number, view.plays.length);
    assert.deepEqual([final.score.away, final.score.home], [view.away.score, view.home.score]);
  });

  /** Two managers, no AI: the game waits for their decisions (30 s each). */
  async function managedGame() {
    const game = await createGame({ decisionSeconds: 30 });
    const [homeManager, awayManager] = game.managers;
    const homeRoom = await joinGame(homeManager.token, game.gameId);
    const awayRoom = await joinGame(awayManager.token, game.gameId);
    const fan = await signUp(suite.server.baseUrl, 'fan');
    const fanRoom = await joinGame(fan.token, game.gameId, { spectate: true });
    await waitForState(homeRoom, (s) => s.status === 'live' && s.awaiting === 'defense');
    return { ...game, homeRoom, awayRoom, fanRoom, fan };
  }

  it('lets each manager decide only for his side, and keeps the sealed defense decision from the other side', async () => {
    const { homeRoom, awayRoom, fanRoom } = await managedGame();
    // Top of the 1st: the home side fields and decides first.
    assert.equal(await rejectionCode(awayRoom.request('defense', {})), 'NOT_YOUR_DECISION');
    assert.equal(await rejectionCode(homeRoom.request('offense', {})), 'NOT_YOUR_DECISION');
    assert.equal(await rejectionCode(awayRoom.request('offense', {})), 'NOT_AWAITING');
    const batter = homeRoom.state.batter;
    await homeRoom.request('defense', { intentionalWalk: true });
    const homeView = await waitForState(homeRoom, (s) => s.awaiting === 'offense');
    assert.deepEqual(JSON.parse(homeView.lineups[1].pending), { intentionalWalk: true });
    for (const other of [awayRoom, fanRoom]) {
      const state = await waitForState(other, (s) => s.awaiting === 'offense');
      assert.ok(!state.lineups[1].pending, 'the batting side and spectators never see the pending decision');
    }
    await awayRoom.request('offense', {});
    const after = await waitForState(fanRoom, (s) => s.lastPlay.number === 1);
    assert.equal(after.lastPlay.result, 'IBB');
    assert.equal(after.lastPlay.dice.length, 0, 'an intentional walk rolls no dice');
    assert.equal(after.bases[0], batter);
    assert.equal(after.awaiting, 'defense');
    const homeAfter = await waitForState(homeRoom, (s) => s.lastPlay.number === 1);
    assert.ok(!homeAfter.lineups[1].pending, 'a decision is spent with its roll');
  });

  it('refuses bad and illegal decisions with a code, and changes nothing', async () => {
    const { homeRoom, awayRoom, fanRoom } = await managedGame();
    assert.equal(await rejectionCode(homeRoom.request('defense', { infieldIn: 'yes' })), 'INVALID_PAYLOAD');
    assert.equal(await rejectionCode(homeRoom.request('defense', { pitcher: 'nobody' })), 'NOT_IN_BULLPEN');
    assert.equal(await rejectionCode(homeRoom.request('defense', { bogus: true })), 'INVALID_PAYLOAD');
    assert.equal(await rejectionCode(homeRoom.request('defense', { fielders: { DH: 'nobody' } })), 'INVALID_POSITION');
    assert.equal(await rejectionCode(fanRoom.request('defense', {})), 'NOT_AUTHORIZED');
    assert.equal(await rejectionCode(homeRoom.request('defense', { play: 1 })), 'STALE', 'no play has been made yet');
    await homeRoom.request('defense', { play: 0 });
    await waitForState(awayRoom, (s) => s.awaiting === 'offense');
    assert.equal(await rejectionCode(awayRoom.request('offense', { play: 2 })), 'STALE');
    const starter = awayRoom.state.lineups[0].players[0].playerId;
    assert.equal(await rejectionCode(awayRoom.request('offense', { pinchHitter: starter })), 'PLAYER_NOT_AVAILABLE');
    assert.equal(await rejectionCode(awayRoom.request('offense', { steal: 2 })), 'NO_RUNNER');
    assert.equal(await rejectionCode(awayRoom.request('offense', { steal: 4 })), 'INVALID_BASE');
    assert.equal(await rejectionCode(awayRoom.request('offense', { pinchRunner: { base: 0, playerId: starter } })), 'INVALID_BASE');
    assert.equal(await rejectionCode(awayRoom.request('offense', { bunt: true })), 'NO_RUNNER');
    const state = await waitForState(fanRoom, (s) => s.awaiting === 'offense');
    assert.equal(state.lastPlay.number, 0, 'no refused decision rolled the dice');
  });

  it('decides for a manager whose decision clock runs out', async () => {
    const { managers, gameId } = await createGame({ decisionSeconds: 1 });
    // The game starts once both managers are in (test/rooms/baseball-lifecycle.test.ts); then neither decides.
    const room = await joinGame(managers[1].token, gameId);
    await joinGame(managers[0].token, gameId);
    await waitForState(room, (s) => s.status === 'live');
    const started = Date.now();
    const state = await waitForState(room, (s) => s.lastPlay.number >= 1, 5000);
    assert.ok(Date.now() - started >= 1500, 'both sides had their full second');
    assert.equal(state.awaiting, 'defense');
  });

  it('refuses a manager whose side the AI runs', async () => {
    const { managers, gameId } = await createGame({ ai: { home: 'balanced' }, pace: 30 });
    const room = await joinGame(managers[0].token, gameId);
    // The away side is managed: the game starts when its manager is in.
    await joinGame(managers[1].token, gameId);
    await waitForState(room, (s) => s.status === 'live');
    assert.equal(await rejectionCode(room.request('defense', {})), 'AI_SIDE');
  });
});
