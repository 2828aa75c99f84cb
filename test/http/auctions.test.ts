import assert from 'node:assert/strict';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { makePublic, useTestServer } from '../helpers/server.ts';
import { signUp } from '../helpers/http.ts';
import { leagueWithOpenTeams } from '../helpers/league-rooms.ts';
import { seed } from '../../src/db/seed.ts';
import { DraftPickRecord } from '../../src/db/entities/index.ts';
import * as rules from '../../src/auction/index.ts';
import { loadDraftForRoom } from '../../src/draft/service.ts';
import { loadAuctionForRoom as loadAuction } from '../../src/auction/service.ts';
import { auctionProjectionsFor } from '../../src/auction/projections.ts';

describe('auction REST and projections', () => {
  const server = useTestServer();

  const league = (sport = 'football', teamCount = 3) => leagueWithOpenTeams(server.baseUrl, sport, teamCount);

  const fieldsOf = (body: { error: { details: { fields: Array<{ path: string }> } } }) =>
    body.error.details.fields.map((f) => f.path).sort();
  const teamIdsOf = (order: Array<{ teamId: string }>) => order.map((t) => t.teamId);

  it('creates a football auction with the defaults ($200, 15 slots, 30/30/10 s) and the teams in some order', async () => {
    const { client, teamIds, drafts, leagueId } = await league();
    const created = await client.post(drafts, { type: 'auction' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const auction = (await client.get(`/api/v1/drafts/${created.body.id}`)).body;
    assert.deepEqual(created.body, auction, 'the created view is the one GET serves');
    assert.equal(auction.leagueId, leagueId);
    assert.deepEqual([auction.type, auction.status, auction.sport, auction.bots, auction.completedAt, auction.result], ['auction', 'scheduled', 'football', false, null, null]);
    assert.deepEqual(auction.config, {
      budget: 200, minBid: 1, increment: 1, rosterSlots: 15, nominationSeconds: 30, bidSeconds: 30, resetFloorSeconds: 10,
      rosterRules: { maxPerPosition: { QB: 3, RB: 6, WR: 6, TE: 3, K: 2, DEF: 2 } },
    });
    assert.deepEqual(teamIdsOf(auction.order).sort(), [...teamIds].sort());
    assert.deepEqual(auction.lots, []);
    assert.deepEqual(auction.teams.map((t: { teamId: string; budget: number; openSlots: number; maxBid: number; won: unknown[] }) =>
      [t.teamId, t.budget, t.openSlots, t.maxBid, t.won.length]), teamIdsOf(auction.order).map((id) => [id, 200, 15, 186, 0]));
    assert.ok(auction.teams.every((t: { name: string }) => t.name.startsWith('Team ')));

    const listed = (await client.get(drafts)).body.items;
    assert.deepEqual(listed.map((d: { id: string; type: string; config: { budget: number } }) => [d.id, d.type, d.config.budget]), [[auction.id, 'auction', 200]]);
  });

  it('gives a baseball league $260 and 26 slots, and an f1 league 2 slots', async () => {
    const baseball = await league('baseball', 2);
    const created = await baseball.client.post(baseball.drafts, { type: 'auction' });
    assert.equal(created.status, 201);
    assert.deepEqual([created.body.config.budget, created.body.config.rosterSlots, created.body.config.rosterRules], [260, 26, null]);
    const f1 = await league('f1', 2);
    const race = await f1.client.post(f1.drafts, { type: 'auction' });
    assert.deepEqual([race.body.config.budget, race.body.config.rosterSlots, race.body.config.rosterRules], [200, 2, { maxPerPosition: { DRV: 2 } }]);
  });

  it('keeps explicit settings and order as given', async () => {
    const { client, teamIds: [a, b, c], drafts } = await league();
    const body = {
      type: 'auction', budget: 300, minBid: 2, increment: 5, rosterSlots: 10, nominationSeconds: 20, bidSeconds: 45,
      resetFloorSeconds: 0, order: [c, a, b], rosterRules: { maxPerPosition: { QB: 2 } }, bots: true, scheduledAt: '2030-09-01T18:00:00.000Z',
    };
    const created = await client.post(drafts, body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const auction = (await client.get(`/api/v1/drafts/${created.body.id}`)).body;
    const { type, order, bots, scheduledAt, ...settings } = body;
    assert.deepEqual(auction.config, settings);
    assert.deepEqual(teamIdsOf(auction.order), order);
    assert.deepEqual([auction.type, auction.bots, auction.scheduledAt], [type, bots, scheduledAt]);
    assert.deepEqual(auction.teams.map((t: { maxBid: number }) => t.maxBid), [300 - 9 * 2, 300 - 9 * 2, 300 - 9 * 2]);

    const loaded = await loadAuction(server.app.storage.orm, auction.id);
    assert.ok(loaded);
    assert.deepEqual(loaded.config, { draftId: auction.id, order, ...settings });
    assert.deepEqual(loaded.teams.map((t) => t.id), order);
    assert.equal(await loadDraftForRoom(server.app.storage.orm, auction.id), null, 'the draft room does not run auctions');
    await seed(server.app.storage.orm, { withLeagues: false }); // a snake draft needs a player pool that can fill its rounds
    const snakeCreated = await client.post(drafts, { type: 'snake' });
    assert.equal(snakeCreated.status, 201, JSON.stringify(snakeCreated.body));
    const snake = snakeCreated.body.id;
    assert.equal(await loadAuction(server.app.storage.orm, snake), null, 'the auction room does not run snake drafts');
    assert.equal(await loadAuction(server.app.storage.orm, crypto.randomUUID()), null);
  });

  it('lets only the commissioner create an auction', async () => {
    const { drafts, leagueId } = await league();
    await makePublic(server.app, leagueId); // a stranger to a private league gets 404 (test/security/visibility.test.ts)
    const other = await signUp(server.baseUrl, 'other');
    const refused = await other.client.post(drafts, { type: 'auction' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'FORBIDDEN');
  });

  it('refuses bad auctions with 400s that name the field', async () => {
    const { client, teamIds: [a, b], drafts } = await league();
    const cases: Array<[unknown, string[]]> = [
      [{ type: 'auction', budget: 14 }, ['budget']],
      [{ type: 'auction', budget: 100, minBid: 7 }, ['budget']],
      [{ type: 'auction', rosterSlots: 30, minBid: 10 }, ['budget']],
      [{ type: 'auction', budget: -5 }, ['budget']],
      [{ type: 'auction', budget: 100_000 }, ['budget']], // the room's state carries dollars as uint16
      [{ type: 'auction', minBid: 0 }, ['minBid']],
      [{ type: 'auction', minBid: 1.5 }, ['minBid']],
      [{ type: 'auction', increment: -1 }, ['increment']],
      [{ type: 'auction', increment: 0.5, budget: 12.5 }, ['budget', 'increment']],
      [{ type: 'auction', rosterSlots: 0 }, ['rosterSlots']],
      [{ type: 'auction', bidSeconds: 0, resetFloorSeconds: -1 }, ['bidSeconds', 'resetFloorSeconds']],
      [{ type: 'auction', rosterRules: { maxPerPosition: { QB: -1 } } }, ['rosterRules.maxPerPosition.QB']],
      [{ type: 'auction', order: [a, b] }, ['order']],
      [{ type: 'auction', order: [a, b, b] }, ['order']],
      [{ type: 'auction', order: [a, b, crypto.randomUUID()] }, ['order']],
      [{ type: 'auction', order: 'random' }, ['order']],
    ];
    for (const [body, fields] of cases) {
      const reply = await client.post(drafts, body);
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.equal(reply.body.error.code, 'INVALID_INPUT');
      assert.deepEqual(fieldsOf(reply.body), fields, JSON.stringify(reply.body));
    }
    const tooPoor = await client.post(drafts, { type: 'auction', budget: 14 });
    assert.match(tooPoor.body.error.message, /rosterSlots \* minBid \(15 \* 1 = 15\)/);
    assert.deepEqual((await client.get(drafts)).body.items, []);
  });

  it('answers 409 for a league with one team and 404 for an unknown league', async () => {
    const { client, drafts } = await league('football', 1);
    assert.equal((await client.post(drafts, { type: 'auction' })).status, 409);
    assert.equal((await client.post(`/api/v1/leagues/${crypto.randomUUID()}/drafts`, { type: 'auction' })).status, 404);
  });

  describe('projections', () => {
    const em = () => server.app.storage.orm.em.fork();
    const rowsOf = async (draftId: string) => (await em().find(DraftPickRecord, { draft: draftId }, { orderBy: { overall: 'asc' } }))
      .map((r) => ({ overall: r.overall, round: r.round, teamId: r.team, playerId: r.player, price: r.price, auto: r.auto, keeper: r.keeper }));

    /** A 2-team football auction ($10, 2 slots, a before b) on the sample pool, played with the pure rules. */
    async function playable() {
      const { client, teamIds: [a, b], drafts, leagueId } = await league('football', 2);
      await seed(server.app.storage.orm, { withLeagues: false });
      const players = (await client.get('/api/v1/players?sport=football&limit=10')).body.items as Array<{ id: string; name: string }>;
      const draftId = (await client.post(drafts, { type: 'auction', budget: 10, rosterSlots: 2, order: [a, b] })).body.id as string;
      const loaded = (await loadAuction(server.app.storage.orm, draftId))!;
      let state = rules.initialState(loaded.config);
      let seq = 0;
      let now = Date.parse('2030-09-01T18:00:00Z');
      const ctx = () => ({ now, pool: loaded.pool });
      const play = async (outcome: rules.Outcome) => {
        assert.ok(!rules.isRuleError(outcome), JSON.stringify(outcome));
        const after = rules.replay(state, outcome.events);
        await server.app.store.commit({
          stream: draftId,
          events: outcome.events.map((e) => ({ seq: ++seq, type: e.type, payload: { ...e }, actor: null })),
          projections: auctionProjectionsFor(draftId, outcome.events, state, after, new Date(now)),
        });
        state = after;
      };
      const clock = {
        advance: (ms: number) => { now += ms; },
        /** Past the clock on the board. */
        expire: () => { now = Math.max(now, state.deadline + 1); },
      };
      return { client, a, b, draftId, leagueId, players, play, ctx, clock, state: () => state, nextSeq: () => seq + 1 };
    }

    it('write each sale with its price; GET shows lots, bids and budgets but no proxy maximum; a second sale of a player writes nothing', async () => {
      const { client, a, b, draftId, players: [p1, p2], play, ctx, clock, state, nextSeq } = await playable();
      await play(rules.start(state(), ctx()));
      await play(rules.nominate(state(), { teamId: a, playerId: p1.id, bid: 1 }, ctx()));
      clock.advance(1000);
      await play(rules.setProxy(state(), { teamId: b, lot: 1, max: 7 }, ctx()));
      clock.advance(1000);
      await play(rules.bid(state(), { teamId: a, lot: 1, amount: 4 }, ctx()));
      assert.deepEqual([state().lot?.highBidder, state().lot?.highBid], [b, 5], 'the proxy answered the bid');
      clock.expire();
      const closedAt = new Date(ctx().now).toISOString();
      await play(rules.closeLot(state(), ctx()));
      assert.deepEqual(await rowsOf(draftId), [{ overall: 1, round: 1, teamId: b, playerId: p1.id, price: 5, auto: false, keeper: false }]);

      let auction = (await client.get(`/api/v1/drafts/${draftId}`)).body;
      assert.equal(auction.status, 'live');
      assert.equal(auction.lots.length, 1);
      const [lot] = auction.lots;
      assert.deepEqual([lot.number, lot.playerId, lot.playerName, lot.nominator, lot.status, lot.winner, lot.price], [1, p1.id, p1.name, a, 'sold', b, 5]);
      assert.equal(lot.closedAt, closedAt);
      assert.deepEqual(lot.bids.map((bid: { teamId: string; amount: number; proxy: boolean }) => [bid.teamId, bid.amount, bid.proxy]),
        [[a, 1, false], [b, 2, true], [a, 4, false], [b, 5, true]]);
      assert.ok(lot.bids.every((bid: { at: string }) => !Number.isNaN(Date.parse(bid.at))));
      const text = JSON.stringify(auction);
      assert.ok(!/proxySet|"max"|"proxies"|"queues"/.test(text), 'no proxy maximum or queue leaks');
      assert.ok(!lot.bids.some((bid: { amount: number }) => bid.amount === 7));
      assert.deepEqual(auction.teams.map((t: { teamId: string; budget: number; won: Array<{ playerId: string; price: number }> }) =>
        [t.teamId, t.budget, t.won.map((w) => [w.playerId, w.price])]), [[a, 10, []], [b, 5, [[p1.id, 5]]]]);

      // A lot on the board, then a forged second sale of the same player: the unique refuses it.
      await play(rules.nominate(state(), { teamId: b, playerId: p2.id, bid: 1 }, ctx()));
      const forged: rules.AuctionEvent = {
        type: 'lotClosed', lot: 2, playerId: p1.id, teamId: a, price: 1, at: ctx().now, nextNominatorIndex: 0, deadline: ctx().now + 30_000,
      };
      const seqBefore = (await server.app.store.load(draftId)).map((e) => e.seq);
      await assert.rejects(server.app.store.commit({
        stream: draftId,
        events: [{ seq: nextSeq(), type: forged.type, payload: { ...forged }, actor: null }],
        projections: auctionProjectionsFor(draftId, [forged], state(), rules.replay(state(), [forged]), new Date(ctx().now)),
      }), UniqueConstraintViolationException);
      assert.deepEqual((await server.app.store.load(draftId)).map((e) => e.seq), seqBefore, 'the event was not written either');
      assert.equal((await rowsOf(draftId)).length, 1);

      auction = (await client.get(`/api/v1/drafts/${draftId}`)).body;
      assert.deepEqual(auction.lots.map((l: { number: number; status: string }) => [l.number, l.status]), [[1, 'sold'], [2, 'open']]);
    });

    it('keep draft_picks, status and rosters in step with a whole auction, final once complete', async () => {
      const { client, a, b, draftId, leagueId, play, ctx, clock, state } = await playable();
      await play(rules.start(state(), ctx()));
      while (state().status === 'live') {
        clock.expire();
        await play(state().phase === 'nominating' ? rules.expireNomination(state(), ctx()) : rules.closeLot(state(), ctx()));
      }
      const rows = await rowsOf(draftId);
      assert.deepEqual(rows.map((r) => [r.overall, r.teamId, r.round, r.price]), [[1, a, 1, 1], [2, b, 1, 1], [3, a, 2, 1], [4, b, 2, 1]]);

      let auction = (await client.get(`/api/v1/drafts/${draftId}`)).body;
      assert.equal(auction.status, 'complete');
      assert.equal(auction.completedAt, new Date(ctx().now).toISOString());
      assert.deepEqual(auction.result.map((t: { teamId: string; spent: number; players: Array<{ playerId: string }> }) => [t.teamId, t.spent, t.players.length]),
        [[a, 2, 2], [b, 2, 2]]);
      const rosters = async () => (await client.get(`/api/v1/leagues/${leagueId}/teams`)).body.items
        .flatMap((t: { id: string; roster: Array<{ playerId: string; acquiredVia: string; sourceId: string }> }) =>
          t.roster.map((r) => [t.id, r.playerId, r.acquiredVia, r.sourceId]));
      const rostered = await rosters();
      assert.equal(rostered.length, 4);
      assert.ok(rostered.every(([, , via, source]: string[]) => via === 'auction' && source === draftId));
      assert.deepEqual(rostered.map(([team, player]: string[]) => [team, player]).sort(), rows.map((r) => [r.teamId, r.playerId]).sort());

      const refused = rules.undo(state(), ctx());
      assert.ok(rules.isRuleError(refused) && refused.code === 'AUCTION_COMPLETE', 'a complete auction is final');
      assert.equal((await rosters()).length, 4);
    });
  });
});
