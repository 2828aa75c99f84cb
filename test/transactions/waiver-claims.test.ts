import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { emOf, projectedRosters, replayedRosters, sorted, transactionLeague } from '../helpers/transactions.ts';
import { createClaim, processWaiverRun } from '../../src/transactions/waiver-service.ts';
import { dropPlayer } from '../../src/transactions/moves.ts';

const DAY = 86_400_000;

describe('waiver claims and runs', () => {
  const server = useTestServer();

  /** A league where the first manager dropped a receiver, now on waivers. */
  async function dropped(settings?: Record<string, unknown>, teams = 3) {
    const league = await transactionLeague(server, { teams, settings });
    const [owner] = league.managers;
    const [wr, ...others] = league.byPosition('WR');
    await owner.client.post(`${league.team(owner.teamId)}/adds`, { playerId: wr });
    const drop = await owner.client.post(`${league.team(owner.teamId)}/drops`, { playerId: wr });
    return { ...league, wr, others, clearsAt: new Date(drop.body.waiverRunAt) };
  }
  const run = (leagueId: string, runAt: Date) => processWaiverRun(emOf(server), leagueId, runAt, runAt.getTime());

  it('keeps a pending claim private to its team: another manager and the commissioner get 403', async () => {
    const { managers, commish, wr, team, base } = await dropped();
    const [, claimer, rival] = managers;
    const made = await claimer.client.post(`${team(claimer.teamId)}/claims`, { playerId: wr });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(made.body.status, 'pending');
    assert.deepEqual((await claimer.client.get(`${team(claimer.teamId)}/claims`)).body.items.map((c: { id: string }) => c.id), [made.body.id]);
    assert.equal((await rival.client.get(`${team(claimer.teamId)}/claims`)).status, 403);
    assert.equal((await commish.client.get(`${team(claimer.teamId)}/claims`)).status, 403);
    assert.equal((await rival.client.raw('DELETE', `${team(claimer.teamId)}/claims/${made.body.id}`)).status, 403);
    // Nothing else tells of it either: the log and the waiver list show no claim.
    assert.deepEqual((await rival.client.get(`${base}/transactions?type=claim`)).body.items, []);
  });

  it('refuses a claim once the player\'s waivers have cleared (WAIVERS_CLOSED), while his run is still to come', async () => {
    const { managers, wr, leagueId, clearsAt } = await dropped();
    const [, claimer] = managers;
    const claim = (now: number) => createClaim(emOf(server), { leagueId, teamId: claimer.teamId, userId: claimer.userId, playerId: wr, now });
    await assert.rejects(claim(clearsAt.getTime()), (error: { code?: string }) => error.code === 'WAIVERS_CLOSED');
    await claim(clearsAt.getTime() - 1);
    assert.equal((await run(leagueId, clearsAt)).outcomes.length, 1, 'the claim made in time is the run\'s');
  });

  it('settles two claims for one player by the waiver order in one run, once however often it runs', async () => {
    const { managers, wr, team, base, leagueId, clearsAt } = await dropped();
    const [owner, second, third] = managers;
    // Initial order: team creation order, so the owner's team (first) would win: it does not claim.
    const late = await third.client.post(`${team(third.teamId)}/claims`, { playerId: wr });
    const early = await second.client.post(`${team(second.teamId)}/claims`, { playerId: wr });
    const early2 = await owner.client.get(`${base}/waivers/order`);
    assert.deepEqual(early2.body.items.map((i: { teamId: string }) => i.teamId), [owner.teamId, second.teamId, third.teamId]);

    assert.equal((await run(leagueId, new Date(clearsAt.getTime() - 1000))).outcomes.length, 0, 'not cleared yet');
    const first = await run(leagueId, clearsAt);
    assert.deepEqual(first.outcomes.map((o) => [o.claimId, o.status]), [[early.body.id, 'won'], [late.body.id, 'lost']]);
    const again = await run(leagueId, clearsAt);
    assert.deepEqual([again.repeated, again.runId], [true, first.runId]);

    const roster = (await second.client.get(`${base}/teams`)).body.items.find((t: { id: string }) => t.id === second.teamId).roster;
    assert.deepEqual(roster.map((r: { playerId: string; acquiredVia: string }) => [r.playerId, r.acquiredVia]), [[wr, 'waiver']]);
    assert.deepEqual((await second.client.get(`${base}/waivers`)).body.items, []);
    const order = (await second.client.get(`${base}/waivers/order`)).body.items.map((i: { teamId: string }) => i.teamId);
    assert.deepEqual(order, [owner.teamId, third.teamId, second.teamId], 'rolling: the winner goes last');
    const runs = (await third.client.get(`${base}/waivers/runs`)).body.items;
    assert.equal(runs.length, 1);
    assert.deepEqual(runs[0].outcomes.map((o: { status: string; reason: string | null }) => [o.status, o.reason]), [['won', null], ['lost', 'CLAIMED_BY_OTHER']]);
    const lost = (await third.client.get(`${team(third.teamId)}/claims`)).body.items[0];
    assert.deepEqual([lost.status, lost.reason], ['lost', 'CLAIMED_BY_OTHER']);
    const log = (await third.client.get(`${base}/transactions?type=claim`)).body.items;
    assert.deepEqual(log.map((t: { actorId: string; moves: unknown }) => [t.actorId, t.moves]), [[second.userId, [{ playerId: wr, fromTeamId: null, toTeamId: second.teamId }]]]);
    assert.deepEqual(sorted(await replayedRosters(emOf(server), leagueId)), sorted(await projectedRosters(emOf(server), leagueId)));
  });

  it('FAAB: the blind high bid wins and is spent; a claim whose drop is gone by then fails', async () => {
    const faab = { waivers: { type: 'faab', faabBudget: 50 } };
    const { managers, wr, others, team, base, leagueId, clearsAt } = await dropped(faab);
    const [, second, third] = managers;
    assert.equal((await second.client.post(`${team(second.teamId)}/claims`, { playerId: wr })).body.error.code, 'INVALID_INPUT', 'a bid is needed');
    assert.equal((await second.client.post(`${team(second.teamId)}/claims`, { playerId: wr, bid: 51 })).body.error.code, 'INSUFFICIENT_BUDGET');
    await third.client.post(`${team(third.teamId)}/adds`, { playerId: others[0] });
    const withDrop = await third.client.post(`${team(third.teamId)}/claims`, { playerId: wr, bid: 30, dropPlayerId: others[0] });
    assert.equal(withDrop.status, 201, JSON.stringify(withDrop.body));
    const low = await second.client.post(`${team(second.teamId)}/claims`, { playerId: wr, bid: 12 });
    // The drop leaves the third team before the run: its higher bid fails, the lower one wins.
    await third.client.post(`${team(third.teamId)}/drops`, { playerId: others[0] });
    const result = await run(leagueId, clearsAt);
    assert.deepEqual(result.outcomes.map((o) => [o.claimId, o.status, o.reason]), [
      [withDrop.body.id, 'failed', 'DROP_NOT_ON_ROSTER'], [low.body.id, 'won', null],
    ]);
    const order = (await second.client.get(`${base}/waivers/order`)).body.items;
    assert.equal(order.find((i: { teamId: string }) => i.teamId === second.teamId).faabLeft, 38);
    assert.equal(order.find((i: { teamId: string }) => i.teamId === third.teamId).faabLeft, 50);
  });

  it('FAAB: a player won and then dropped by a later claim of the same run goes back on waivers, once', async () => {
    const { managers, wr, others, team, base, leagueId, clearsAt } = await dropped({ waivers: { type: 'faab', faabBudget: 50 } });
    const [, second] = managers;
    const mine = others[0];
    await second.client.post(`${team(second.teamId)}/adds`, { playerId: mine });
    // A claim of the owner's dropped receiver that would drop `mine`, then `mine` dropped and claimed back with a higher bid.
    const swap = await second.client.post(`${team(second.teamId)}/claims`, { playerId: wr, bid: 1, dropPlayerId: mine });
    assert.equal(swap.status, 201, JSON.stringify(swap.body));
    const drop = await second.client.post(`${team(second.teamId)}/drops`, { playerId: mine });
    const back = await second.client.post(`${team(second.teamId)}/claims`, { playerId: mine, bid: 10 });
    assert.equal(back.status, 201, JSON.stringify(back.body));
    const runAt = new Date(Math.max(clearsAt.getTime(), Date.parse(drop.body.waiverRunAt)));
    // The higher bid settles first and wins `mine` back; the swap then finds him on the roster, wins and drops him.
    const result = await run(leagueId, runAt);
    assert.deepEqual(result.outcomes.map((o) => [o.claimId, o.status]), [[back.body.id, 'won'], [swap.body.id, 'won']]);
    const waiting = (await second.client.get(`${base}/waivers`)).body.items;
    assert.deepEqual(waiting.map((w: { playerId: string; fromTeamId: string }) => [w.playerId, w.fromTeamId]), [[mine, second.teamId]]);
    const roster = (await second.client.get(`${base}/teams`)).body.items.find((t: { id: string }) => t.id === second.teamId).roster;
    assert.deepEqual(roster.map((r: { playerId: string }) => r.playerId), [wr]);
    assert.deepEqual(sorted(await replayedRosters(emOf(server), leagueId)), sorted(await projectedRosters(emOf(server), leagueId)));
  });

  it('FAAB: a player won and then dropped in one run goes to no later claim of that run (CLAIMED_BY_OTHER)', async () => {
    const { managers, wr, others, team, base, leagueId, clearsAt } = await dropped({ waivers: { type: 'faab', faabBudget: 50 } });
    const [, second, third] = managers;
    const mine = others[0];
    await second.client.post(`${team(second.teamId)}/adds`, { playerId: mine });
    const swap = await second.client.post(`${team(second.teamId)}/claims`, { playerId: wr, bid: 1, dropPlayerId: mine });
    const drop = await second.client.post(`${team(second.teamId)}/drops`, { playerId: mine });
    const back = await second.client.post(`${team(second.teamId)}/claims`, { playerId: mine, bid: 10 });
    const rival = await third.client.post(`${team(third.teamId)}/claims`, { playerId: mine, bid: 0 });
    assert.equal(rival.status, 201, JSON.stringify(rival.body));
    const runAt = new Date(Math.max(clearsAt.getTime(), Date.parse(drop.body.waiverRunAt)));
    // `back` wins him, `swap` drops him again: he is on waivers anew, not free for the lower bid of this run.
    const result = await run(leagueId, runAt);
    assert.deepEqual(result.outcomes.map((o) => [o.claimId, o.status, o.reason]),
      [[back.body.id, 'won', null], [swap.body.id, 'won', null], [rival.body.id, 'lost', 'CLAIMED_BY_OTHER']]);
    const rosters = (await third.client.get(`${base}/teams`)).body.items;
    assert.deepEqual(rosters.find((t: { id: string }) => t.id === third.teamId).roster, []);
    const waiting = (await third.client.get(`${base}/waivers`)).body.items;
    assert.deepEqual(waiting.map((w: { playerId: string; fromTeamId: string }) => [w.playerId, w.fromTeamId]), [[mine, second.teamId]]);
    assert.deepEqual(sorted(await replayedRosters(emOf(server), leagueId)), sorted(await projectedRosters(emOf(server), leagueId)));
  });

  it('settles runs due together one by one, in time order, whichever job comes first: each stored, each order rolled on', async () => {
    const league = await transactionLeague(server, { teams: 3 });
    const [owner, second, third] = league.managers;
    const [early, late] = league.byPosition('WR');
    const em = emOf(server);
    const as = (manager: typeof owner, now: number) => ({ leagueId: league.leagueId, teamId: manager.teamId, userId: manager.userId, now });
    for (const playerId of [early, late]) await owner.client.post(`${league.team(owner.teamId)}/adds`, { playerId });
    // Dropped a week apart: two waiver runs, both past by the time the jobs run (an outage).
    const t0 = Date.now();
    const first = (await dropPlayer(em, { ...as(owner, t0), playerId: early })).waiverRunAt!;
    const second_ = (await dropPlayer(em, { ...as(owner, t0 + 7 * DAY), playerId: late })).waiverRunAt!;
    assert.ok(first < second_);
    // The order is owner, second, third. Each claimer's earlier claim is for a different player.
    await createClaim(em, { ...as(second, t0 + 1), playerId: late });
    await createClaim(em, { ...as(third, t0 + 2), playerId: early });
    await createClaim(em, { ...as(second, t0 + 3), playerId: early });
    await createClaim(em, { ...as(third, t0 + 4), playerId: late });
    // The later run's job takes the league first: the earlier run still settles first, on its own.
    const later = await run(league.leagueId, second_);
    assert.equal(later.repeated, false);
    const runs = (await third.client.get(`${league.base}/waivers/runs`)).body.items;
    assert.deepEqual(runs.map((r: { runAt: string }) => r.runAt), [second_.toISOString(), first.toISOString()]);
    const rosters = new Map((await third.client.get(`${league.base}/teams`)).body.items.map((t: { id: string; roster: Array<{ playerId: string }> }) => [t.id, t.roster.map((r) => r.playerId)]));
    assert.deepEqual([rosters.get(second.teamId), rosters.get(third.teamId)], [[early], [late]],
      'second (ahead of third) wins the early run, then goes last: third wins the late one');
    const earlier = await run(league.leagueId, first);
    assert.deepEqual([earlier.repeated, earlier.runId], [true, runs[1].id], 'the earlier job finds its run stored');
  });

  it('a commissioner taking a player off waivers fails the pending claims on him; his next waiver period starts without them', async () => {
    const { managers, commish, wr, team, base, leagueId } = await dropped();
    const [, second, third] = managers;
    const claim = await second.client.post(`${team(second.teamId)}/claims`, { playerId: wr });
    assert.equal((await commish.client.post(`${team(third.teamId)}/players`, { playerIds: [wr] })).status, 201);
    const failed = (await second.client.get(`${team(second.teamId)}/claims`)).body.items.find((c: { id: string }) => c.id === claim.body.id);
    assert.deepEqual([failed.status, failed.reason], ['failed', 'PLAYER_TAKEN']);
    // Back on waivers later: the old claim does not carry over, and the manager may claim him again.
    const drop = await third.client.post(`${team(third.teamId)}/drops`, { playerId: wr });
    const again = await second.client.post(`${team(second.teamId)}/claims`, { playerId: wr });
    assert.equal(again.status, 201, JSON.stringify(again.body));
    const result = await run(leagueId, new Date(drop.body.waiverRunAt));
    assert.deepEqual(result.outcomes.map((o) => [o.claimId, o.status]), [[again.body.id, 'won']]);
    assert.deepEqual((await second.client.get(`${base}/waivers`)).body.items, []);
  });

  it('orders reverse-standings waivers worst team first, and keeps that order after a win', async () => {
    const { managers, wr, team, base, leagueId, clearsAt } = await dropped({ waivers: { type: 'reverse-standings' } });
    const [first, second, third] = managers;
    // No fantasy points yet: the standings tie, ranked by name (Team 1, 2, 3), so Team 3 claims first.
    const order = async () => (await first.client.get(`${base}/waivers/order`)).body.items.map((i: { teamId: string }) => i.teamId);
    assert.deepEqual(await order(), [third.teamId, second.teamId, first.teamId]);
    const bySecond = await second.client.post(`${team(second.teamId)}/claims`, { playerId: wr });
    const byThird = await third.client.post(`${team(third.teamId)}/claims`, { playerId: wr });
    const result = await run(leagueId, clearsAt);
    assert.deepEqual(result.outcomes.map((o) => [o.claimId, o.status]), [[byThird.body.id, 'won'], [bySecond.body.id, 'lost']]);
    assert.deepEqual(await order(), [third.teamId, second.teamId, first.teamId]);
  });

  it('refuses claims of free agents, rostered players, and the same player twice by one team', async () => {
    const { managers, wr, others, team } = await dropped();
    const [owner, second] = managers;
    const code = async (body: unknown) => (await second.client.post(`${team(second.teamId)}/claims`, body)).body.error?.code;
    assert.equal(await code({ playerId: others[0] }), 'NOT_ON_WAIVERS');
    await owner.client.post(`${team(owner.teamId)}/adds`, { playerId: others[1] });
    assert.equal(await code({ playerId: others[1] }), 'PLAYER_TAKEN');
    assert.equal(await code({ playerId: wr, bid: 3 }), 'INVALID_INPUT', 'no bids without FAAB');
    assert.equal(await code({ playerId: wr }), undefined);
    assert.equal(await code({ playerId: wr }), 'ALREADY_CLAIMED');
    const [pending] = (await second.client.get(`${team(second.teamId)}/claims`)).body.items;
    assert.equal((await second.client.raw('DELETE', `${team(second.teamId)}/claims/${pending.id}`)).status, 204);
    assert.equal((await second.client.get(`${team(second.teamId)}/claims`)).body.items[0].status, 'cancelled');
    assert.equal(await code({ playerId: wr }), undefined, 'a withdrawn claim may be made again');
  });
});
