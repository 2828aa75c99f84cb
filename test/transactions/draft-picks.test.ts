import assert from 'node:assert/strict';
import type { Room } from '@colyseus/sdk';
import { useTestServer } from '../helpers/server.ts';
import { transactionLeague } from '../helpers/transactions.ts';
import { createDraft, joinDraft, rejectionCode, waitForState } from '../helpers/league-rooms.ts';
import { joinLeague } from '../league-live/helpers.ts';
import { waiverRunQueue } from '../../src/jobs/waiver-runs.ts';
import { holdRows, holdTransaction, itRace, lockWaiters } from '../helpers/row-locks.ts';
import { Trade } from '../../src/db/entities/index.ts';

/** Future draft picks as trade assets, honoured by the next draft; trade and waiver notices in the league room. */
describe('trades with future draft picks, and transaction notices', () => {
  const server = useTestServer();
  const rooms: Room[] = [];
  afterEach(async () => {
    await Promise.all(rooms.splice(0).map((room) => room.leave().catch(() => undefined)));
  });
  const season = new Date().getUTCFullYear();

  async function pickLeague(teams = 3) {
    const league = await transactionLeague(server, { teams, settings: { trades: { review: 'none' } } });
    const [a, b, c] = league.managers;
    const offer = (from: typeof a, body: Record<string, unknown>) => from.client.post(`${league.base}/trades`, body);
    const accept = (who: typeof a, tradeId: string) => who.client.post(`${league.base}/trades/${tradeId}/accept`, {});
    const picksOf = async (teamId: string) => (await a.client.get(`${league.base}/picks`)).body.teams.find((t: { teamId: string }) => t.teamId === teamId).picks;
    return { ...league, a, b, c, offer, accept, picksOf };
  }
  const pick = (round: number, originalTeamId: string, year = season) => ({ season: year, round, originalTeamId });

  it("moves a traded pick to its new holder, and the next draft gives him that slot: he makes the pick, its first holder cannot", async () => {
    const { a, b, c, commish, base, leagueId, offer, accept, picksOf } = await pickLeague();
    // A gives its first-round pick of this season for B's second-round pick of next season.
    const proposed = await offer(a, { teamId: b.teamId, givesPicks: [pick(1, a.teamId)], getsPicks: [pick(2, b.teamId, season + 1)] });
    assert.equal(proposed.status, 201, JSON.stringify(proposed.body));
    assert.deepEqual(proposed.body.givesPicks, [pick(1, a.teamId)]);
    const accepted = await accept(b, proposed.body.id);
    assert.deepEqual([accepted.status, accepted.body.status], [200, 'executed'], JSON.stringify(accepted.body));

    const held = (picks: Array<{ season: number; round: number; originalTeamId: string }>, p: ReturnType<typeof pick>) =>
      picks.some((x) => x.season === p.season && x.round === p.round && x.originalTeamId === p.originalTeamId);
    assert.ok(held(await picksOf(b.teamId), pick(1, a.teamId)), 'B holds A\'s first-rounder');
    assert.ok(!held(await picksOf(a.teamId), pick(1, a.teamId)));
    assert.ok(held(await picksOf(a.teamId), pick(2, b.teamId, season + 1)), 'A holds B\'s second-rounder next season');
    const [entry] = (await a.client.get(`${base}/transactions?type=trade`)).body.items;
    assert.deepEqual([entry.moves, entry.details.picks], [[], [
      { ...pick(1, a.teamId), fromTeamId: a.teamId, toTeamId: b.teamId },
      { ...pick(2, b.teamId, season + 1), fromTeamId: b.teamId, toTeamId: a.teamId },
    ]]);

    // This season's draft, A first: the first pick is B's to make.
    const draft = await createDraft(commish, leagueId, { type: 'linear', rounds: 2, pickSeconds: 0, order: [a.teamId, b.teamId, c.teamId], season });
    const stored = (await commish.client.get(`/api/v1/drafts/${draft.id}`)).body;
    assert.deepEqual([stored.season, stored.config.tradedPicks], [season, [{ round: 1, fromTeamId: a.teamId, toTeamId: b.teamId }]]);
    const commishRoom = await joinDraft(server, commish.token, draft.id);
    const aRoom = await joinDraft(server, a.token, draft.id);
    const bRoom = await joinDraft(server, b.token, draft.id);
    rooms.push(commishRoom, aRoom, bRoom);
    await commishRoom.request('start', {});
    const state = await waitForState(aRoom, (s) => s.status === 'live' && s.tradedPicks.length === 1);
    assert.deepEqual([state.onClock, state.tradedPicks[0].fromTeamId, state.tradedPicks[0].toTeamId], [b.teamId, a.teamId, b.teamId], 'the board shows whose pick it is');
    const players = (await a.client.get('/api/v1/players?sport=football&limit=5')).body.items as Array<{ id: string }>;
    assert.equal(await rejectionCode(aRoom.request('pick', { playerId: players[0].id })), 'NOT_YOUR_TURN');
    await bRoom.request('pick', { playerId: players[0].id });
    const after = await waitForState(aRoom, (s) => s.picks.length === 1);
    assert.deepEqual([after.picks[0].overall, after.picks[0].teamId], [1, b.teamId]);
    // Drafted: this season's picks are no longer traded.
    assert.equal((await offer(b, { teamId: c.teamId, givesPicks: [pick(2, b.teamId)] })).body.error.code, 'PICK_NOT_OWNED');
  });

  itRace('honours a pick trade that executes while the draft of its season is being created (the draft waits for it)', async () => {
    const { a, b, c, commish, leagueId, offer, accept } = await pickLeague();
    const proposed = await offer(a, { teamId: b.teamId, givesPicks: [pick(1, a.teamId)] });
    const em = server.app.storage.orm.em.fork();
    // The league is held (another roster move's lock): the acceptance waits for it, then the draft's creation.
    const hold = await holdRows(em, 'select id from leagues where id = ?', [leagueId]);
    let accepting: ReturnType<typeof accept>;
    let creating: ReturnType<typeof createDraft>;
    try {
      accepting = accept(b, proposed.body.id);
      await lockWaiters(em, 1);
      creating = createDraft(commish, leagueId, { type: 'linear', rounds: 2, pickSeconds: 0, order: [a.teamId, b.teamId, c.teamId], season });
      await lockWaiters(em, 2);
    } finally {
      await hold.release();
    }
    assert.equal((await accepting!).body.status, 'executed');
    const draft = await creating!;
    const stored = (await commish.client.get(`/api/v1/drafts/${draft.id}`)).body;
    assert.deepEqual(stored.config.tradedPicks, [{ round: 1, fromTeamId: a.teamId, toTeamId: b.teamId }], 'the trade that committed first is honoured');
  });

  it('refuses a pick the side does not hold with PICK_NOT_OWNED and stores nothing; an executed trade of a pick voids the other offers of it', async () => {
    const { a, b, c, offer, accept, base } = await pickLeague();
    const notMine = await offer(a, { teamId: b.teamId, givesPicks: [pick(1, c.teamId)] });
    assert.deepEqual([notMine.status, notMine.body.error.code], [409, 'PICK_NOT_OWNED']);
    const notTheirs = await offer(a, { teamId: b.teamId, getsPicks: [pick(1, c.teamId)] });
    assert.equal(notTheirs.body.error.code, 'PICK_NOT_OWNED');
    const beyond = await offer(a, { teamId: b.teamId, givesPicks: [pick(1, a.teamId, season + 5)] });
    assert.equal(beyond.body.error.code, 'PICK_NOT_OWNED', 'only this season and the next two');
    assert.equal((await offer(a, { teamId: b.teamId, givesPicks: [pick(1, a.teamId), pick(1, a.teamId)] })).body.error.code, 'DUPLICATE_PICK');
    assert.deepEqual((await a.client.get(`${base}/trades`)).body.items, [], 'nothing was stored');

    // Two offers of one pick: the first executed voids the second, which names the pick.
    const toB = (await offer(a, { teamId: b.teamId, givesPicks: [pick(3, a.teamId)] })).body;
    const toC = (await offer(a, { teamId: c.teamId, givesPicks: [pick(3, a.teamId)] })).body;
    assert.equal((await accept(b, toB.id)).body.status, 'executed');
    const voided = (await a.client.get(`${base}/trades`)).body.items.find((t: { id: string }) => t.id === toC.id);
    assert.equal(voided.status, 'void');
    assert.match(voided.reason, new RegExp(`${season} round 3 pick of team ${a.teamId} was traded to team ${b.teamId}`));
    assert.equal((await accept(c, toC.id)).body.error.code, 'TRADE_CLOSED');
  });

  it('pushes an executed trade to every client of the league room and stores a notification for both managers', async () => {
    const { a, b, c, offer, accept, leagueId, byPosition, team, commish } = await pickLeague();
    const [wr] = byPosition('WR');
    await commish.client.post(`${team(a.teamId)}/players`, { playerIds: [wr] });
    const cRoom = await joinLeague(server.baseUrl, c.token, leagueId);
    rooms.push(cRoom);
    const heard = new Promise<any>((resolve) => cRoom.onMessage('transaction', resolve));
    const proposed = (await offer(a, { teamId: b.teamId, gives: [wr], getsPicks: [pick(1, b.teamId)] })).body;
    await accept(b, proposed.id);
    const notice = await heard;
    assert.deepEqual([notice.kind, notice.tradeId, notice.gives, notice.getsPicks], ['trade', proposed.id, [wr], [pick(1, b.teamId)]]);
    for (const manager of [a, b]) {
      const { items } = (await manager.client.get('/api/v1/me/notifications')).body;
      const traded = items.filter((n: { kind: string }) => n.kind === 'tradeExecuted');
      assert.deepEqual(traded.map((n: any) => [n.payload.tradeId, n.payload.teamId]), [[proposed.id, manager.teamId]]);
    }
    const others = (await c.client.get('/api/v1/me/notifications')).body.items;
    assert.equal(others.filter((n: { kind: string }) => n.kind === 'tradeExecuted').length, 0, 'a third team is told in the room only');
  });

  itRace('commits an executed trade together with its managers\' notifications: never one without the other (a crash between)', async () => {
    const { a, b, offer, accept } = await pickLeague();
    const proposed = (await offer(a, { teamId: b.teamId, givesPicks: [pick(1, a.teamId)] })).body;
    const em = server.app.storage.orm.em.fork();
    // Another transaction is storing A's very notification: storing it waits, and the trade with it.
    // (No league on that row: its key check would hold the league row the trade locks.)
    const other = await holdTransaction(em, (tx) => tx.execute(`insert into notifications (id, user_id, league_id, kind, payload, dedupe_key, created_at)
      values (?, ?, null, 'tradeExecuted', '{}'::jsonb, ?, now())`, [crypto.randomUUID(), a.userId, `trade:${proposed.id}:executed:${a.teamId}`]));
    const accepting = accept(b, proposed.id);
    try {
      await lockWaiters(em, 1);
      const trade = await em.fork().findOneOrFail(Trade, { id: proposed.id });
      assert.equal(trade.status, 'proposed', 'not executed while its notification is not stored');
    } finally {
      await other.release(false);
    }
    assert.equal((await accepting).body.status, 'executed');
    const told = (await a.client.get('/api/v1/me/notifications')).body.items.filter((n: { kind: string }) => n.kind === 'tradeExecuted');
    assert.equal(told.length, 1);
  });

  it('pushes a settled waiver run to the league room with the winning claims only; each team is told its own claims', async () => {
    const { managers, byPosition, team, leagueId } = await pickLeague();
    const [owner, winner, loser] = managers;
    const [wr] = byPosition('WR');
    await owner.client.post(`${team(owner.teamId)}/adds`, { playerId: wr });
    const runAt = new Date((await owner.client.post(`${team(owner.teamId)}/drops`, { playerId: wr })).body.waiverRunAt);
    const won = (await winner.client.post(`${team(winner.teamId)}/claims`, { playerId: wr })).body;
    const lost = (await loser.client.post(`${team(loser.teamId)}/claims`, { playerId: wr })).body;
    const ownerRoom = await joinLeague(server.baseUrl, owner.token, leagueId);
    rooms.push(ownerRoom);
    const heard = new Promise<any>((resolve) => ownerRoom.onMessage('transaction', resolve));

    const job = waiverRunQueue(server.app.storage.orm, () => runAt.getTime());
    await job.process({ leagueId, runAt: runAt.toISOString() }, { id: 'w1', queue: 'waiver-run', attemptsMade: 0, jobs: server.app.jobs });
    const notice = await heard;
    assert.deepEqual([notice.kind, notice.awarded], ['waivers', [{ teamId: winner.teamId, playerId: wr, dropPlayerId: null }]]);
    assert.ok(!JSON.stringify(notice).includes(lost.id) && !JSON.stringify(notice).includes(loser.teamId), 'the losing claim stays its team\'s');

    const told = async (who: typeof owner) => (await who.client.get('/api/v1/me/notifications')).body.items.filter((n: { kind: string }) => n.kind === 'waiverResult');
    const [winnerNote] = await told(winner);
    assert.deepEqual(winnerNote.payload.claims.map((o: any) => [o.claimId, o.status]), [[won.id, 'won']]);
    const [loserNote] = await told(loser);
    assert.deepEqual(loserNote.payload.claims.map((o: any) => [o.claimId, o.status]), [[lost.id, 'lost']]);
    assert.deepEqual(await told(owner), [], 'a team without claims is not told');
    // A retried job stores nothing twice.
    await job.process({ leagueId, runAt: runAt.toISOString() }, { id: 'w1', queue: 'waiver-run', attemptsMade: 1, jobs: server.app.jobs });
    assert.equal((await told(winner)).length, 1);
  });
});
