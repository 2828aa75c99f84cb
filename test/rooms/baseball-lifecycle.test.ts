import assert from 'node:assert/strict';
import { rejectionCode, waitForState } from '../helpers/league-rooms.ts';
import { baseballLeague, gameRoomSuite } from '../helpers/baseball.ts';
import { sleep } from '../helpers/process.ts';

/**
 * A game's life outside its plate appearances (PROTOCOL.md "Game lifecycle"), through REST and
 * the room: the pregame wait for the managers, modes, cancel, postpone, forfeit and abandonment.
 */
describe('baseball game lifecycle', function () {
  this.timeout(60_000);
  const { suite, joinGame } = gameRoomSuite();

  async function createGame(body: Record<string, unknown>, options: Parameters<typeof baseballLeague>[1] = {}) {
    const league = await baseballLeague(suite.server, options);
    const [home, away] = league.teamIds;
    const created = await league.commish.client.post(`/api/v1/leagues/${league.leagueId}/games`, { homeTeamId: home, awayTeamId: away, ...body });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const [homeManager, awayManager] = league.managers;
    return { ...league, gameId: created.body.id as string, home, away, homeManager, awayManager, created: created.body };
  }

  /** Leaves a room for good (and drops it from the suite's after-each leave, which would wait on it). */
  async function leave(room: Awaited<ReturnType<typeof joinGame>>) {
    suite.rooms.splice(suite.rooms.indexOf(room), 1);
    await room.leave();
  }

  async function viewOf(league: { commish: { client: any } }, gameId: string) {
    return (await league.commish.client.get(`/api/v1/games/${gameId}`)).body;
  }

  async function until(check: () => Promise<boolean>, timeoutMs = 15_000, what = 'condition') {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`${what} never held`);
      await sleep(100);
    }
  }

  it('keeps a managed game in its pregame until both managers are in: no clock, no AI play', async () => {
    const game = await createGame({ decisionSeconds: 1 });
    assert.equal(game.created.mode, 'ranked');
    const homeRoom = await joinGame(game.homeManager.token, game.gameId);
    const pregame = await waitForState(homeRoom, (s) => s.lineups[1].connected === true);
    assert.equal(pregame.status, 'scheduled');
    assert.equal(pregame.deadline, 0, 'no decision clock runs before the start');
    assert.equal(pregame.startAt, 0);
    assert.equal(await rejectionCode(homeRoom.request('defense', {})), 'NOT_STARTED');
    await sleep(1500);
    assert.equal(homeRoom.state.status, 'scheduled', 'longer than a decision window: still waiting, nothing decided for anyone');
    assert.equal(homeRoom.state.lastPlay.number, 0);
    await joinGame(game.awayManager.token, game.gameId);
    const live = await waitForState(homeRoom, (s) => s.status === 'live' && s.awaiting === 'defense');
    assert.ok(live.deadline > Date.now(), 'the first decision clock starts with the game');
    assert.equal((await viewOf(game, game.gameId)).status, 'live');
  });

  it('starts a managed game at its scheduledAt with nobody in, and the AI decides on expiry', async () => {
    const game = await createGame({ decisionSeconds: 1, pace: 'instant', scheduledAt: new Date(Date.now() + 4000).toISOString() });
    const firstPitch = Date.parse(game.created.scheduledAt);
    const before = await viewOf(game, game.gameId);
    assert.ok(Date.now() < firstPitch, 'the box was fast enough to look before the first pitch');
    assert.equal(before.status, 'scheduled');
    await until(async () => (await viewOf(game, game.gameId)).status === 'live', 10_000, 'live');
    assert.ok(Date.now() >= firstPitch, 'not before its first pitch');
    await until(async () => (await viewOf(game, game.gameId)).plays.length >= 1, 10_000, 'the AI decided for the absent managers');
  });

  it('cancels a game before it starts (kept cancelled, no room), and refuses once it has started', async () => {
    const game = await createGame({});
    const refusedManager = await game.homeManager.client.post(`/api/v1/games/${game.gameId}/cancel`, {});
    assert.equal(refusedManager.status, 403, 'a ranked game is the commissioner\'s to cancel');
    const cancelled = await game.commish.client.post(`/api/v1/games/${game.gameId}/cancel`, {});
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal(cancelled.body.status, 'cancelled');
    await sleep(1500); // the room closes once empty: nothing runs on a cancelled game's clock
    await assert.rejects(joinGame(game.homeManager.token, game.gameId), /cancelled/);
    const again = await game.commish.client.post(`/api/v1/games/${game.gameId}/cancel`, {});
    assert.deepEqual([again.status, again.body.error.code], [409, 'NOT_SCHEDULED']);

    const ai = await createGame({ ai: { home: 'safe', away: 'safe' }, pace: 1 });
    await until(async () => (await viewOf(ai, ai.gameId)).status === 'live', 10_000, 'AI game live');
    const late = await ai.commish.client.post(`/api/v1/games/${ai.gameId}/cancel`, {});
    assert.deepEqual([late.status, late.body.error.code], [409, 'ALREADY_STARTED']);
  });

  it('lets a manager cancel or postpone his friendly; postpones to a new first pitch the room and REST show', async () => {
    const game = await createGame({ mode: 'friendly', scheduledAt: new Date(Date.now() + 60_000).toISOString() });
    const fan = await joinGame(game.commish.token, game.gameId, { spectate: true });
    const later = new Date(Date.now() + 2 * 3600_000);
    const bad = await game.awayManager.client.post(`/api/v1/games/${game.gameId}/postpone`, { scheduledAt: new Date(Date.now() - 1000).toISOString() });
    assert.equal(bad.status, 400);
    const moved = await game.awayManager.client.post(`/api/v1/games/${game.gameId}/postpone`, { scheduledAt: later.toISOString() });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(Date.parse(moved.body.scheduledAt), later.getTime());
    assert.equal(moved.body.status, 'scheduled');
    assert.equal(moved.body.mode, 'friendly');
    assert.equal((await waitForState(fan, (s) => s.startAt === later.getTime())).status, 'scheduled');
    const cancelled = await game.homeManager.client.post(`/api/v1/games/${game.gameId}/cancel`, {});
    assert.equal(cancelled.body.status, 'cancelled');
  });

  it('ends a game by forfeit: the other team wins, ranked forfeits count in standings, friendlies never do', async () => {
    const game = await createGame({ decisionSeconds: 30 });
    const homeRoom = await joinGame(game.homeManager.token, game.gameId);
    await joinGame(game.awayManager.token, game.gameId);
    await waitForState(homeRoom, (s) => s.status === 'live');
    const notHis = await game.homeManager.client.post(`/api/v1/games/${game.gameId}/forfeit`, { teamId: game.away });
    assert.equal(notHis.status, 403, 'a manager forfeits only his own team');
    const noName = await game.commish.client.post(`/api/v1/games/${game.gameId}/forfeit`, {});
    assert.equal(noName.status, 400, 'the commissioner names the team');
    const forfeited = await game.homeManager.client.post(`/api/v1/games/${game.gameId}/forfeit`, {});
    assert.equal(forfeited.status, 200, JSON.stringify(forfeited.body));
    assert.deepEqual([forfeited.body.status, forfeited.body.winnerId, forfeited.body.forfeitedTeamId], ['final', game.away, game.home]);
    const final = await waitForState(homeRoom, (s) => s.status === 'final');
    assert.deepEqual([final.forfeitedBy, final.winProbability], ['home', 0]);
    assert.ok(final.diceSeed.length > 0, 'the dice seed is revealed when the game ends');

    const friendly = await game.commish.client.post(`/api/v1/leagues/${game.leagueId}/games`, {
      homeTeamId: game.home, awayTeamId: game.away, mode: 'practice',
    });
    const practice = await game.commish.client.post(`/api/v1/games/${friendly.body.id}/forfeit`, { teamId: game.away });
    assert.deepEqual([practice.status, practice.body.winnerId, practice.body.mode], [200, game.home, 'practice']);
    const standings = (await game.commish.client.get(`/api/v1/leagues/${game.leagueId}/standings`)).body;
    const row = (teamId: string) => standings.items.find((r: any) => r.teamId === teamId);
    assert.deepEqual([row(game.away).w, row(game.away).l, row(game.home).w, row(game.home).l], [1, 0, 0, 1], 'the ranked forfeit counts, the practice one does not');
    const again = await game.commish.client.post(`/api/v1/games/${game.gameId}/forfeit`, { teamId: game.away });
    assert.deepEqual([again.status, again.body.error.code], [409, 'GAME_OVER']);
  });

  it('hands an abandoned game to the AI, which plays it to the end', async () => {
    const game = await createGame({ decisionSeconds: 30, pace: 'instant', abandon: { afterSeconds: 1, then: 'ai' } });
    assert.deepEqual(game.created.abandon, { afterSeconds: 1, then: 'ai' });
    const homeRoom = await joinGame(game.homeManager.token, game.gameId);
    const awayRoom = await joinGame(game.awayManager.token, game.gameId);
    await waitForState(homeRoom, (s) => s.status === 'live');
    await leave(homeRoom);
    await sleep(1500);
    assert.equal((await viewOf(game, game.gameId)).plays.length, 0, 'one manager in: not abandoned, the home decision waits its 30 s');
    await leave(awayRoom);
    await until(async () => (await viewOf(game, game.gameId)).status === 'final', 30_000, 'the AI finished the game');
  });

  it('gives a manager who comes back his side again: the AI stops deciding for him, and plays on for the one still away', async () => {
    const game = await createGame({ decisionSeconds: 30, pace: 0.5, abandon: { afterSeconds: 1, then: 'ai' } });
    const homeRoom = await joinGame(game.homeManager.token, game.gameId);
    const awayRoom = await joinGame(game.awayManager.token, game.gameId);
    await waitForState(homeRoom, (s) => s.status === 'live', 15_000); // 15 s: a loaded shared box
    await Promise.all([leave(homeRoom), leave(awayRoom)]);
    // 30 s: abandonment after 1 s, then two plays at half-second pace; a loaded shared box has taken over 15 s.
    await until(async () => (await viewOf(game, game.gameId)).plays.length >= 2, 30_000, 'the AI playing both sides');

    const home = await joinGame(game.homeManager.token, game.gameId);
    // 15 s: the reclaim is one system action, but a loaded shared box can take seconds to run and sync it.
    const back = await waitForState(home, (s) => s.lineups[1].connected && !s.lineups[1].autopilot, 15_000);
    assert.equal(back.autopilot, true, 'the AI still plays the away side');
    assert.equal(back.lineups[0].autopilot, true);
    // His next decision: the defense while the away side bats, the offense while he bats.
    const mine = await waitForState(home, (s) => s.status === 'live' && (s.half === 'top' ? s.awaiting === 'defense' : s.awaiting === 'offense'), 30_000);
    assert.ok(mine.deadline - mine.serverTime > 10_000, `his own 30 s window, not the AI's pace (${mine.deadline - mine.serverTime} ms)`);
    const played = (await viewOf(game, game.gameId)).plays.length;
    await sleep(1500);
    assert.equal((await viewOf(game, game.gameId)).plays.length, played, 'nothing is played while it is his decision');
    const reply = await home.request(mine.awaiting === 'defense' ? 'defense' : 'offense', {});
    assert.equal(reply.ok, true);
    await until(async () => (await viewOf(game, game.gameId)).plays.length > played, 10_000, 'the AI answering for the away side');

    // He leaves again: his idle time counts from now, not from when both first left.
    const watcher = await joinGame(game.commish.token, game.gameId, { spectate: true });
    const left = Date.now();
    await leave(home);
    await waitForState(watcher, (s) => s.lineups[1].autopilot, 15_000);
    assert.ok(Date.now() - left >= 900, `abandoned again after his own idle second (${Date.now() - left} ms)`); // 100 ms: the room's timer against this clock
  });

  it('suspends an abandoned game when so configured, and resumes it when both managers are back', async () => {
    const game = await createGame({ decisionSeconds: 30, abandon: { afterSeconds: 1, then: 'suspend' } });
    const homeRoom = await joinGame(game.homeManager.token, game.gameId);
    const awayRoom = await joinGame(game.awayManager.token, game.gameId);
    await waitForState(homeRoom, (s) => s.status === 'live');
    await Promise.all([leave(homeRoom), leave(awayRoom)]);
    await until(async () => (await viewOf(game, game.gameId)).status === 'suspended', 10_000, 'suspended');
    const home = await joinGame(game.homeManager.token, game.gameId);
    assert.equal((await waitForState(home, (s) => s.lineups[1].connected)).status, 'suspended');
    assert.equal(await rejectionCode(home.request('defense', {})), 'SUSPENDED');
    await joinGame(game.awayManager.token, game.gameId);
    const resumed = await waitForState(home, (s) => s.status === 'live' && s.deadline > 0);
    assert.equal(resumed.awaiting, 'defense');
    await home.request('defense', {});
    assert.equal((await viewOf(game, game.gameId)).status, 'live');
  });

  it('resumes a suspended game on command: the AI plays for the manager still away, who takes his side back by joining', async () => {
    const game = await createGame({ decisionSeconds: 30, pace: 0.2, abandon: { afterSeconds: 1, then: 'suspend' } }, { teams: 3, owned: 3 });
    const homeRoom = await joinGame(game.homeManager.token, game.gameId);
    const awayRoom = await joinGame(game.awayManager.token, game.gameId);
    await waitForState(homeRoom, (s) => s.status === 'live', 15_000);
    const early = await game.commish.client.post(`/api/v1/games/${game.gameId}/resume`, {});
    assert.deepEqual([early.status, early.body.error?.code], [409, 'NOT_SUSPENDED'], 'a live game is not resumed');
    await Promise.all([leave(homeRoom), leave(awayRoom)]);
    await until(async () => (await viewOf(game, game.gameId)).status === 'suspended', 15_000, 'suspended');

    const home = await joinGame(game.homeManager.token, game.gameId);
    assert.equal((await waitForState(home, (s) => s.lineups[1].connected)).status, 'suspended');
    await sleep(1500);
    assert.equal(home.state.status, 'suspended', 'one manager back: the game waits for the other');
    const outsider = await game.managers[2].client.post(`/api/v1/games/${game.gameId}/resume`, {});
    assert.equal(outsider.status, 403, 'a manager of another team of the league');
    const away = await game.awayManager.client.post(`/api/v1/games/${game.gameId}/resume`, {});
    assert.deepEqual([away.status, away.body.error?.code], [409, 'NOT_PRESENT'], 'a manager resumes from the room, not from afar');

    const resumed = await game.commish.client.post(`/api/v1/games/${game.gameId}/resume`, {});
    assert.equal(resumed.status, 200, JSON.stringify(resumed.body));
    assert.equal(resumed.body.status, 'live');
    const live = await waitForState(home, (s) => s.status === 'live' && s.lineups[0].autopilot, 15_000);
    assert.equal(live.lineups[1].autopilot, false, 'the home manager, in the room, keeps his side');
    assert.equal(live.awaiting, 'defense');
    assert.ok(live.deadline - live.serverTime > 10_000, `his own 30 s window (${live.deadline - live.serverTime} ms)`);
    const again = await game.commish.client.post(`/api/v1/games/${game.gameId}/resume`, {});
    assert.deepEqual([again.status, again.body.error?.code], [409, 'NOT_SUSPENDED']);

    // He fields; the AI bats for the away side, which plays on.
    assert.equal((await home.request('defense', {})).ok, true);
    await until(async () => (await viewOf(game, game.gameId)).plays.length >= 1, 15_000, 'the AI batting for the absent away side');

    // The away manager back: his side is his again.
    const awayBack = await joinGame(game.awayManager.token, game.gameId);
    const reclaimed = await waitForState(awayBack, (s) => s.lineups[0].connected && !s.lineups[0].autopilot, 15_000);
    assert.equal(reclaimed.autopilot, false, 'the AI plays nobody\'s side now');
    assert.equal(reclaimed.status, 'live');
  });

  it('lets the commissioner resume a suspended game nobody is in: the AI plays both sides to the end', async () => {
    const game = await createGame({ decisionSeconds: 30, pace: 'instant', abandon: { afterSeconds: 1, then: 'suspend' } });
    const homeRoom = await joinGame(game.homeManager.token, game.gameId);
    const awayRoom = await joinGame(game.awayManager.token, game.gameId);
    await waitForState(homeRoom, (s) => s.status === 'live', 15_000);
    await Promise.all([leave(homeRoom), leave(awayRoom)]);
    await until(async () => (await viewOf(game, game.gameId)).status === 'suspended', 15_000, 'suspended');
    await sleep(1500); // its room closes once empty: the command opens it again
    const resumed = await game.commish.client.post(`/api/v1/games/${game.gameId}/resume`, {});
    assert.equal(resumed.status, 200, JSON.stringify(resumed.body));
    assert.equal(resumed.body.status, 'live');
    await until(async () => (await viewOf(game, game.gameId)).status === 'final', 30_000, 'the AI finished the game');
  });
});
