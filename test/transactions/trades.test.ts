import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { emOf, projectedRosters, replayedRosters, sorted, transactionLeague } from '../helpers/transactions.ts';
import { finishReview, reviewTrade } from '../../src/transactions/trade-service.ts';

describe('trades', () => {
  const server = useTestServer();

  /** Three managed teams; A holds two receivers, B two running backs; trades reviewed as `review` says. */
  async function tradingLeague(trades: Record<string, unknown>, roster?: Record<string, unknown>) {
    const league = await transactionLeague(server, { teams: 3, settings: { trades, ...(roster ? { roster } : {}) } });
    const [a, b, c] = league.managers;
    const wrs = league.byPosition('WR').slice(0, 2);
    const rbs = league.byPosition('RB').slice(0, 2);
    await league.commish.client.post(`${league.team(a.teamId)}/players`, { playerIds: wrs });
    await league.commish.client.post(`${league.team(b.teamId)}/players`, { playerIds: rbs });
    const offer = (body: Record<string, unknown>, from = a) => from.client.post(`${league.base}/trades`, body);
    const act = (who: { client: typeof a.client }, tradeId: string, what: string, body: unknown = {}) => who.client.post(`${league.base}/trades/${tradeId}/${what}`, body);
    const rosterOf = async (teamId: string) => (await a.client.get(`${league.base}/teams`)).body.items
      .find((t: { id: string }) => t.id === teamId).roster.map((r: { playerId: string }) => r.playerId).sort();
    return { ...league, a, b, c, wrs, rbs, offer, act, rosterOf };
  }

  it('executes an accepted trade at once when the league reviews none: one trade entry, rosters swapped', async () => {
    const { a, b, wrs, rbs, offer, act, rosterOf, base, leagueId } = await tradingLeague({ review: 'none' });
    const proposed = await offer({ teamId: b.teamId, gives: [wrs[0]], gets: [rbs[0]] });
    assert.equal(proposed.status, 201, JSON.stringify(proposed.body));
    assert.equal(proposed.body.status, 'proposed');
    const accepted = await act(b, proposed.body.id, 'accept');
    assert.deepEqual([accepted.status, accepted.body.status], [200, 'executed']);
    assert.deepEqual(await rosterOf(a.teamId), [wrs[1], rbs[0]].sort());
    assert.deepEqual(await rosterOf(b.teamId), [rbs[1], wrs[0]].sort());
    const [entry] = (await a.client.get(`${base}/transactions?type=trade`)).body.items;
    assert.deepEqual(entry.moves, [
      { playerId: wrs[0], fromTeamId: a.teamId, toTeamId: b.teamId }, { playerId: rbs[0], fromTeamId: b.teamId, toTeamId: a.teamId },
    ]);
    assert.deepEqual([entry.actorId, entry.details.tradeId], [b.userId, proposed.body.id]);
    assert.deepEqual(sorted(await replayedRosters(emOf(server), leagueId)), sorted(await projectedRosters(emOf(server), leagueId)));
  });

  it('keeps an offer between its two teams until accepted; the commissioner approves it in review', async () => {
    const { a, b, c, commish, wrs, rbs, offer, act, rosterOf, base } = await tradingLeague({ review: 'commissioner' });
    const proposed = (await offer({ teamId: b.teamId, gives: [wrs[0]], gets: [rbs[0]] })).body;
    const seen = async (who: { client: typeof a.client }) => (await who.client.get(`${base}/trades`)).body.items.map((t: { id: string }) => t.id);
    assert.deepEqual([await seen(a), await seen(b), await seen(c), await seen(commish)], [[proposed.id], [proposed.id], [], []]);
    assert.equal((await act(c, proposed.id, 'accept')).status, 403);
    assert.equal((await act(b, proposed.id, 'approve')).status, 403, 'the commissioner approves');
    assert.equal((await act(commish, proposed.id, 'approve')).body.error.code, 'NOT_IN_REVIEW');
    // Nor does a reviewer learn what became of an offer never accepted (its status, a void's reason).
    const withdrawn = (await offer({ teamId: b.teamId, gives: [wrs[1]], gets: [rbs[1]] })).body;
    assert.equal((await act(a, withdrawn.id, 'cancel')).status, 200);
    const probed = await act(commish, withdrawn.id, 'veto');
    assert.deepEqual([probed.status, probed.body.error.code, probed.body.error.details], [409, 'NOT_IN_REVIEW', undefined]);
    const accepted = (await act(b, proposed.id, 'accept')).body;
    assert.equal(accepted.status, 'review');
    assert.deepEqual(await seen(c), [proposed.id], 'in review, the league sees it');
    assert.equal((await act(c, proposed.id, 'veto')).status, 403, 'only the commissioner reviews here');
    assert.deepEqual(await rosterOf(a.teamId), [...wrs].sort(), 'nothing moves before the approval');
    const approved = await act(commish, proposed.id, 'approve');
    assert.deepEqual([approved.status, approved.body.status], [200, 'executed']);
    assert.deepEqual(await rosterOf(a.teamId), [wrs[1], rbs[0]].sort());
    assert.equal((await act(commish, proposed.id, 'approve')).body.error.code, 'TRADE_CLOSED');
  });

  it('lets the league veto by votes in the review window, else executes when the window ends', async () => {
    const { a, b, c, wrs, rbs, offer, act, rosterOf, leagueId } = await tradingLeague({ review: 'league', reviewHours: 24, vetoVotes: 1 });
    const vetoed = (await offer({ teamId: b.teamId, gives: [wrs[0]], gets: [rbs[0]] })).body;
    await act(b, vetoed.id, 'accept');
    assert.equal((await act(a, vetoed.id, 'veto')).status, 403, 'a team of the trade does not vote');
    const vote = await act(c, vetoed.id, 'veto');
    assert.deepEqual([vote.body.status, vote.body.vetoes], ['vetoed', 1]);

    const passes = (await offer({ teamId: b.teamId, gives: [wrs[1]], gets: [rbs[1]] })).body;
    const inReview = (await act(b, passes.id, 'accept')).body;
    const endsAt = new Date(inReview.reviewEndsAt).getTime();
    assert.ok(Math.abs(endsAt - (Date.now() + 24 * 3600_000)) < 60_000);
    assert.deepEqual(await finishReview(emOf(server), leagueId, passes.id, endsAt - 1000), { skipped: 'review still open' });
    // A vote after the window (before the job has run) does not count.
    await assert.rejects(reviewTrade(emOf(server), leagueId, passes.id, c.userId, 'veto', endsAt), (error: { code?: string }) => error.code === 'REVIEW_ENDED');
    assert.deepEqual(await finishReview(emOf(server), leagueId, passes.id, endsAt), { status: 'executed' });
    assert.deepEqual(await rosterOf(b.teamId), [rbs[0], wrs[1]].sort());
  });

  it('voids an open trade whose player is dropped meanwhile, naming him; an offer never accepted stays the two teams\' business', async () => {
    const { a, b, c, commish, wrs, rbs, offer, act, base } = await tradingLeague({ review: 'commissioner' });
    const proposed = (await offer({ teamId: b.teamId, gives: [wrs[0]], gets: [rbs[0]] })).body;
    assert.equal((await b.client.post(`${base}/teams/${b.teamId}/drops`, { playerId: rbs[0] })).status, 201);
    const [trade] = (await a.client.get(`${base}/trades`)).body.items;
    assert.equal(trade.status, 'void');
    assert.match(trade.reason, new RegExp(`player ${rbs[0]} was dropped`));
    const late = await act(b, proposed.id, 'accept');
    assert.deepEqual([late.status, late.body.error.code, late.body.error.details.status], [409, 'TRADE_CLOSED', 'void']);
    const seen = async (who: { client: typeof a.client }) => (await who.client.get(`${base}/trades`)).body.items.map((t: { id: string }) => t.id);
    assert.deepEqual([await seen(b), await seen(c), await seen(commish)], [[proposed.id], [], []], 'voided, its terms are still private');

    // Accepted (in review) and then voided: the league saw it in review, and sees what became of it.
    const accepted = (await offer({ teamId: b.teamId, gives: [wrs[1]], gets: [rbs[1]] })).body;
    assert.equal((await act(b, accepted.id, 'accept')).body.status, 'review');
    assert.equal((await a.client.post(`${base}/teams/${a.teamId}/drops`, { playerId: wrs[1] })).status, 201);
    const [voided] = (await c.client.get(`${base}/trades`)).body.items;
    assert.deepEqual([voided.id, voided.status], [accepted.id, 'void']);
  });

  it('checks the roster limits at acceptance: the receiving team names its drops', async () => {
    const { a, b, wrs, rbs, offer, act, rosterOf, base } = await tradingLeague({ review: 'none' }, { total: 2, maxPerPosition: {} });
    const twoForOne = (await offer({ teamId: b.teamId, gives: wrs, gets: [rbs[0]] })).body;
    const refused = await act(b, twoForOne.id, 'accept');
    assert.deepEqual([refused.status, refused.body.error.code], [409, 'ROSTER_FULL']);
    const done = await act(b, twoForOne.id, 'accept', { drops: [rbs[1]] });
    assert.equal(done.body.status, 'executed', JSON.stringify(done.body));
    assert.deepEqual(await rosterOf(b.teamId), [...wrs].sort());
    assert.deepEqual((await a.client.get(`${base}/waivers`)).body.items.map((w: { playerId: string }) => w.playerId), [rbs[1]]);
  });

  it('counters an offer with a new one the other way; refuses offers past the deadline', async () => {
    const { a, b, wrs, rbs, offer, act, base, leagueId } = await tradingLeague({ review: 'none' });
    const first = (await offer({ teamId: b.teamId, gives: [wrs[0]], gets: rbs })).body;
    const counter = await act(b, first.id, 'counter', { gives: [rbs[0]], gets: [wrs[0]] });
    assert.equal(counter.status, 200, JSON.stringify(counter.body));
    assert.deepEqual([counter.body.fromTeamId, counter.body.toTeamId, counter.body.counterOf, counter.body.status], [b.teamId, a.teamId, first.id, 'proposed']);
    const statuses = (await a.client.get(`${base}/trades`)).body.items.map((t: { id: string; status: string }) => [t.id, t.status]);
    assert.deepEqual(statuses, [[counter.body.id, 'proposed'], [first.id, 'countered']]);
    assert.equal((await act(a, counter.body.id, 'accept')).body.status, 'executed');

    await emOf(server).getConnection().execute(`update leagues set transaction_settings = '{"trades": {"review": "none", "deadline": "2020-01-01T00:00:00Z"}}' where id = ?`, [leagueId]);
    const late = await offer({ teamId: b.teamId, gives: [wrs[1]], gets: [] });
    assert.deepEqual([late.status, late.body.error.code], [409, 'TRADE_DEADLINE_PASSED']);
  });
});
