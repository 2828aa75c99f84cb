import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { Client } from '@colyseus/sdk';
import { matchMaker } from '@colyseus/core';
import { TEST_REDIS_URL } from '../helpers/server.ts';
import { sleep, startTestCluster } from '../helpers/process.ts';
import { signUp } from '../helpers/http.ts';
import { createDraft, leagueWithManagers, rejectionCode, roomSuite, waitForState } from '../helpers/league-rooms.ts';
import type { Cluster } from '../../loadtest/lib/chaos-cluster.ts';
import { roundFailed, runChaos } from '../../loadtest/lib/chaos.ts';
import { baseballLeague } from '../../loadtest/lib/chaos-world.ts';
import { Api } from '../../loadtest/lib/rest.ts';

/** Redis of its own (matchmaking listings of other suites must not mix in); emptied first. */
const REDIS_URL = process.env.TEST_CHAOS_REDIS_URL ?? TEST_REDIS_URL;

/**
 * Crash recovery across processes: two real server processes share matchmaking through Redis and
 * one PostgreSQL; live drafts, auctions and baseball games are busy with bots (loadtest/lib/chaos*),
 * and the process hosting them is killed with SIGKILL. The clients rejoin through the other
 * process, each room is rebuilt there from its log with every acknowledged action, clocks keep
 * their persisted deadlines (or ran out once), and AI-vs-AI games nobody watches carry on there,
 * reopened by the survivor's orphan sweep once it has removed the dead process's stale listings.
 */
describe('crash recovery across processes (SIGKILL of the process hosting the rooms)', function () {
  this.timeout(180_000);
  let cluster: Cluster;

  before(async () => {
    cluster = await startTestCluster(REDIS_URL);
  });

  after(async () => {
    await cluster?.stop();
  });

  it('fails every client over to the other process, rebuilding each room from its log with nothing acknowledged lost', async () => {
    const lines: string[] = [];
    const { rounds, finalMissing, finalAcks } = await runChaos({
      cluster, kills: 2, seed: 7, activeMs: [1500, 2500], population: { drafts: 2, auctions: 1, games: 1, aiGames: 2 },
      log: (line) => lines.push(line),
    });
    const log = lines.join('\n');
    for (const round of rounds) {
      assert.ok(!roundFailed(round), log);
      const hosted = Object.values(round.hosting).reduce((a, b) => a + b, 0);
      assert.ok(hosted > 0, `round ${round.round} killed a process hosting rooms\n${log}`);
      // A round may kill a process hosting AI-vs-AI games alone (the first round looks for one): no seats then.
      assert.equal(round.rejoinMs.length, round.seats, `every client rejoined\n${log}`);
      const survivor = cluster.name(1 - ['A', 'B'].indexOf(round.victim));
      if (round.seats > 0) assert.deepEqual(Object.keys(round.via), [survivor], `through the other process\n${log}`);
    }
    assert.ok(rounds.some((round) => round.seats > 0), `clients were in the killed processes' rooms\n${log}`);
    assert.ok(rounds.reduce((n, r) => n + r.aiGames, 0) > 0, `AI-vs-AI games had to carry on by themselves\n${log}`);
    assert.ok(rounds.reduce((n, r) => n + r.acks, 0) > 0, `actions were acknowledged before the kills\n${log}`);
    assert.ok(rounds.reduce((n, r) => n + r.deadlines, 0) > 0, `clocks were running at the kills\n${log}`);
    assert.deepEqual(finalMissing, [], `every room's acknowledged actions are stored (${finalAcks})`);
    assert.equal(lines.length, 2, log);
  });

  it("removes a dead process's room listings and reopens its unfinished games elsewhere with nobody joining", async () => {
    const commish = await signUp(cluster.servers()[0], 'chaosbb');
    const league = await baseballLeague(new Api(cluster.servers()[0]), commish.token, `chaos bb ${crypto.randomUUID().slice(0, 8)}`);
    const games: string[] = [];
    for (let i = 0; i < 4; i++) {
      games.push((await commish.client.post(`/api/v1/leagues/${league.id}/games`, { homeTeamId: league.teams[0], awayTeamId: league.teams[1], pace: 0.2 })).body.id);
    }
    const listed = (await cluster.listings()).filter((l) => games.includes(l.id));
    assert.equal(listed.length, games.length, 'each game has its room');
    const victim = listed[0].node;
    const dead = listed[0].processId;
    const survivor = 1 - victim;
    const orphans = listed.filter((l) => l.node === victim).map((l) => l.id);
    const rest = (gameId: string) => fetch(`${cluster.servers()[survivor]}/api/v1/games/${gameId}`, { headers: { authorization: `Bearer ${commish.token}` } })
      .then((r) => r.json() as Promise<{ plays: unknown[]; status: string }>);
    const before = await Promise.all(orphans.map(async (id) => (await rest(id)).plays.length));

    await cluster.nodes[victim].kill();
    const redis = new Redis(REDIS_URL);
    try {
      let stale = true;
      for (let i = 0; i < 100 && stale; i++, await sleep(100)) {
        const listings = await cluster.listings();
        stale = listings.some((l) => l.processId === dead) || !orphans.every((id) => listings.some((l) => l.id === id && l.node === survivor));
      }
      assert.ok(!stale, 'the dead process is unlisted and its games are listed on the survivor');
      assert.equal(await redis.hexists('roomcount', dead), 0, 'nor is it counted for new rooms');
    } finally {
      redis.disconnect();
    }
    for (const [i, id] of orphans.entries()) {
      let view = await rest(id);
      for (let n = 0; n < 50 && view.status !== 'final' && view.plays.length <= before[i] + 2; n++, await sleep(100)) view = await rest(id);
      assert.ok(view.status === 'final' || view.plays.length > before[i] + 2, `game ${id} plays on by itself (${before[i]} → ${view.plays.length})`);
    }
    await cluster.restart(victim);
  });
});


/**
 * Two copies of one room: a join racing the orphan sweep, or a process given up for dead that was
 * not, can leave two processes with the same stream restored. The log's unique sequence numbers let
 * only one copy write; the copy that loses must stop serving stale state.
 */
describe('two copies of one room', () => {
  const { suite, join } = roomSuite('draft');

  it('closes the copy that lost a write with the reconnect code; its client rejoins the copy that won', async () => {
    const league = await leagueWithManagers(suite.server, { teams: 2 });
    const draft = await createDraft(league.commish, league.leagueId, { type: 'snake', rounds: 2, pickSeconds: 60, order: league.teamIds });
    const first = await join(league.commish.token, draft.id);
    await first.request('start', {});
    const copy = await matchMaker.createRoom('draft', { draftId: draft.id });
    const manager = league.managers[0];
    const winner = new Client(suite.server.baseUrl);
    winner.auth.token = manager.token;
    const inFirst = await winner.joinById(first.roomId, { draftId: draft.id });
    const loser = new Client(suite.server.baseUrl);
    loser.auth.token = manager.token;
    const inCopy = await loser.joinById(copy.roomId, { draftId: draft.id });
    inCopy.reconnection.enabled = false;
    const closed = new Promise<number>((resolve) => inCopy.onLeave((code) => resolve(code)));
    suite.rooms.push(inFirst);

    assert.deepEqual(await inFirst.request('pick', { playerId: league.players[0].id, pick: 1 }), { ok: true, currentPick: 2 });
    assert.equal(await rejectionCode(inCopy.request('pick', { playerId: league.players[1].id, pick: 1 })), 'RETRY');
    assert.equal(await closed, 4010);

    const again = await join(manager.token, draft.id);
    assert.equal(again.roomId, first.roomId, 'the copy is gone: the join lands in the room that won');
    const state = await waitForState(again, (s) => s.picks.length === 1);
    assert.equal(state.picks[0].playerId, league.players[0].id);
    const stored = await league.commish.client.get(`/api/v1/drafts/${draft.id}`);
    assert.deepEqual(stored.body.picks.map((p: { playerId: string }) => p.playerId), [league.players[0].id]);
  });
});
