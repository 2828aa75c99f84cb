import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { sleep, startTestCluster } from '../helpers/process.ts';
import { signUp } from '../helpers/http.ts';
import { waitForState } from '../helpers/league-rooms.ts';
import type { Cluster } from '../../loadtest/lib/chaos-cluster.ts';
import { FailoverSeat } from '../../loadtest/lib/chaos-seat.ts';
import { REJOIN_MAX_MS, rejoinDelayMs } from '../../rooms/base/rejoin.ts';

/** A Redis database of its own, so matchmaking entries of other suites never mix in. */
const REDIS_URL = process.env.TEST_SCALE_REDIS_URL ?? 'redis://127.0.0.1:6379/14';

/**
 * Failover after kill -9 (rooms/base/dead-processes.ts): the survivor sees at once that the dead
 * process no longer listens on its Redis channel, removes its listings itself, and reopens the room
 * from its log for the clients' rejoin; it never sends the dead process the seat reservation that
 * Colyseus would let time out (2 s) before a health check that times out too (2 s more).
 */
describe('failover after kill -9 of the process hosting a room', function () {
  this.timeout(180_000); // two real processes boot (up to 45 s each on a busy box)
  let cluster: Cluster;
  const seats: FailoverSeat[] = [];

  before(async () => {
    cluster = await startTestCluster(REDIS_URL);
  });

  after(async () => {
    await Promise.all(seats.map((seat) => seat.close()));
    await cluster?.stop();
  });

  it("rejoins every client through the survivor, which removed the dead process's listings itself, with every acknowledged pick", async () => {
    const [a] = cluster.servers();
    const commish = await signUp(a, 'failc');
    const managers = [await signUp(a, 'failm0'), await signUp(a, 'failm1')];
    const league = (await commish.client.post('/api/v1/leagues', { name: 'Failover league', sport: 'football' })).body;
    const teamIds: string[] = [];
    for (const [i, manager] of managers.entries()) {
      teamIds.push((await commish.client.post(`/api/v1/leagues/${league.id}/teams`, { name: `F${i}`, ownerId: manager.userId })).body.id);
    }
    const draft = (await commish.client.post(`/api/v1/leagues/${league.id}/drafts`, { type: 'snake', rounds: 3, pickSeconds: 600, order: teamIds })).body;
    const players = (await managers[0].client.get('/api/v1/players?sport=football&limit=5')).body.items.map((p: { id: string }) => p.id);
    const seat = (token: string) => {
      const s = new FailoverSeat({ servers: cluster.servers, token, roomName: 'draft', joinOptions: { draftId: draft.id }, attach: () => undefined });
      seats.push(s);
      return s;
    };
    const [first, second, starter] = [seat(managers[0].token), seat(managers[1].token), seat(commish.token)];
    await Promise.all([first.join(), second.join(), starter.join()]);
    await starter.room!.request('start', {});
    assert.deepEqual(await first.room!.request('pick', { playerId: players[0], pick: 1 }), { ok: true, currentPick: 2 });

    const listing = (await cluster.listings()).find((l) => l.id === draft.id)!;
    const victim = listing.node;
    const survivor = 1 - victim;
    const deadline = (await waitForState(second.room!, (s) => s.picks.length === 1)).deadline;
    await cluster.nodes[victim].kill();

    const until = Date.now() + 60_000;
    while ([first, second, starter].some((s) => s.rejoins === 0) && Date.now() < until) await sleep(50);
    for (const s of [first, second, starter]) {
      assert.equal(s.rejoins, 1, 'each client is back in the draft');
      assert.equal(s.via, cluster.servers()[survivor], 'through the survivor');
    }
    const rebuilt = await waitForState(second.room!, (s) => s.picks.length === 1);
    assert.equal(rebuilt.picks[0].playerId, players[0], 'the acknowledged pick is in the rebuilt room');
    assert.equal(rebuilt.deadline, deadline, 'the clock kept its persisted deadline');
    assert.equal(first.room!.roomId, second.room!.roomId, 'one room for the draft');
    assert.match(cluster.nodes[survivor].output, /a server process stopped listening: removed its room listings/,
      'the survivor found the process dead by its silent channel (not after Colyseus\'s timeouts)');
    const redis = new Redis(REDIS_URL);
    try {
      assert.ok(!(await cluster.listings()).some((l) => l.processId === listing.processId), 'no listing of the dead process is left');
      assert.equal(await redis.hexists('roomcount', listing.processId), 0, 'nor is it counted for new rooms');
      assert.equal(await redis.exists(`swept:${listing.processId}`), 1, 'the swept receipt tells a process that was only cut off to list its rooms again');
    } finally {
      redis.disconnect();
    }

    assert.deepEqual(await second.room!.request('pick', { playerId: players[1], pick: 2 }), { ok: true, currentPick: 3 });
    const stored = await commish.client.get(`/api/v1/drafts/${draft.id}`);
    assert.deepEqual(stored.body.picks.map((p: { playerId: string }) => p.playerId), players.slice(0, 2));
    await cluster.restart(victim);
  });

  it('a process restarted with no survivor removes the dead processes itself before it accepts, not after Colyseus\'s 2 s health check', async () => {
    const redis = new Redis(REDIS_URL);
    try {
      const counted = Object.keys(await redis.hgetall('roomcount'));
      assert.ok(counted.length > 0, 'the running processes are counted');
      await Promise.all(cluster.nodes.map((node) => node.kill()));
      await cluster.restart(0);
      // Colyseus's accept would have removed them too, but only after its health check of each timed
      // out (2 s); the orphan sweep then finds nothing, so this line comes only from the sweep before accept.
      const removals = cluster.nodes[0].output.match(/a server process stopped listening: removed its room listings/g) ?? [];
      assert.equal(removals.length, counted.length, 'each dead process was found silent and removed by the restarted one');
      const left = Object.keys(await redis.hgetall('roomcount'));
      assert.ok(counted.every((id) => !left.includes(id)), 'no dead process is counted for new rooms');
    } finally {
      redis.disconnect();
    }
    await cluster.restart(1);
  });
});

describe('rejoin backoff (rooms/base/rejoin.ts)', () => {
  it('doubles from 50 ms up to 500 ms, each wait 50-100 % of its step', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 40].map((n) => rejoinDelayMs(n, () => 1)), [50, 100, 200, 400, 500, 500, 500]);
    assert.deepEqual([0, 1, 2, 3, 4].map((n) => rejoinDelayMs(n, () => 0)), [25, 50, 100, 200, 250]);
    for (let n = 0; n < 50; n++) {
      const wait = rejoinDelayMs(n % 8);
      assert.ok(wait >= 25 && wait <= REJOIN_MAX_MS, `${wait} ms`);
    }
  });
});
