import assert from 'node:assert/strict';
import { signUp } from '../helpers/http.ts';
import { createDraft, leagueWithManagers, rejectionCode, roomSuite, waitForState } from '../helpers/league-rooms.ts';
import { makePublic } from '../helpers/server.ts';

describe('auction room', () => {
  const { suite, join } = roomSuite('auction');
  const rooms = suite.rooms;

  /** A live 4-team auction ($50, 3 slots) with every manager and the commissioner in the room. */
  async function liveAuction(body: Record<string, unknown> = {}) {
    const league = await leagueWithManagers(suite.server);
    // Public, so the outsiders of these tests may watch (a private league refuses them: test/security/visibility.test.ts).
    await makePublic(suite.server.app, league.leagueId);
    const auction = await createDraft(league.commish, league.leagueId, {
      type: 'auction', budget: 50, rosterSlots: 3, nominationSeconds: 30, bidSeconds: 30, resetFloorSeconds: 10,
      order: league.teamIds, ...body,
    });
    const commishRoom = await join(league.commish.token, auction.id);
    const managerRooms = await Promise.all(league.managers.map((m) => join(m.token, auction.id)));
    await commishRoom.request('start', {});
    await Promise.all(managerRooms.map((r) => waitForState(r, (s) => s.status === 'live')));
    return { ...league, auction, commishRoom, managerRooms };
  }

  it('lets the nominator open a lot that everyone sees, and takes higher bids', async () => {
    const { managerRooms, managers, players } = await liveAuction();
    assert.equal(managerRooms[0].state.nominator, managers[0].teamId);
    await managerRooms[0].request('nominate', { playerId: players[0].id, bid: 3 });
    const lot = (await waitForState(managerRooms[2], (s) => s.phase === 'bidding')).lot;
    assert.deepEqual([lot.number, lot.playerId, lot.highBid, lot.highBidder], [1, players[0].id, 3, managers[0].teamId]);
    assert.deepEqual(await managerRooms[1].request('bid', { lot: 1, amount: 5 }), { ok: true, lot: 1, highBid: 5, highBidder: managers[1].teamId });
    const seen = await waitForState(managerRooms[3], (s) => s.lot.highBid === 5);
    assert.equal(seen.lot.highBidder, managers[1].teamId);
  });

  it('refuses bad bids with their codes and changes nothing', async () => {
    const { managerRooms, players, commishRoom } = await liveAuction();
    assert.equal(await rejectionCode(managerRooms[1].request('nominate', { playerId: players[0].id, bid: 1 })), 'NOT_YOUR_TURN');
    await managerRooms[0].request('nominate', { playerId: players[0].id, bid: 2 });
    assert.equal(await rejectionCode(managerRooms[1].request('bid', { lot: 1, amount: 2 })), 'BID_TOO_LOW');
    assert.equal(await rejectionCode(managerRooms[1].request('bid', { lot: 1, amount: -4 })), 'INVALID_AMOUNT');
    assert.equal(await rejectionCode(managerRooms[1].request('bid', { lot: 1, amount: 3.5 })), 'INVALID_AMOUNT');
    assert.equal(await rejectionCode(managerRooms[1].request('bid', { lot: 1, amount: Infinity })), 'INVALID_AMOUNT');
    assert.equal(await rejectionCode(managerRooms[1].request('proxy', { lot: 1, max: Number.NaN })), 'INVALID_AMOUNT');
    assert.equal(await rejectionCode(managerRooms[1].request('bid', { lot: 1, amount: 49 })), 'OVER_MAX_BID');
    assert.equal(await rejectionCode(managerRooms[0].request('bid', { lot: 1, amount: 3 })), 'ALREADY_HIGH_BIDDER');
    assert.equal(await rejectionCode(managerRooms[1].request('bid', { lot: 7, amount: 3 })), 'STALE');
    assert.equal(await rejectionCode(managerRooms[1].request('bid', { lot: 1, amount: 'lots' })), 'INVALID_PAYLOAD');
    assert.equal(await rejectionCode(commishRoom.request('bid', { lot: 1, amount: 3 })), 'NO_TEAM', 'a commissioner without a team bids for nobody');
    const outsider = await signUp(suite.server.baseUrl, 'fan');
    const fanRoom = await join(outsider.token, managerRooms[0].state.draftId);
    assert.equal(await rejectionCode(fanRoom.request('bid', { lot: 1, amount: 3 })), 'NOT_AUTHORIZED');
    const state = await waitForState(commishRoom, (s) => s.phase === 'bidding');
    assert.deepEqual([state.lot.highBid, state.teams[1].budget], [2, 50]);
  });

  it('lets the first of two simultaneous equal bids win and tells the other the new high', async () => {
    const { managerRooms, players, managers } = await liveAuction();
    await managerRooms[0].request('nominate', { playerId: players[0].id, bid: 1 });
    const results = await Promise.allSettled([
      managerRooms[1].request('bid', { lot: 1, amount: 4 }),
      managerRooms[2].request('bid', { lot: 1, amount: 4 }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(won.length, 1);
    assert.equal(lost[0].reason.reason.code, 'BID_TOO_LOW');
    assert.match(lost[0].reason.reason.message, /4/);
    const state = await waitForState(managerRooms[3], (s) => s.lot.highBid === 4);
    assert.ok([managers[1].teamId, managers[2].teamId].includes(state.lot.highBidder));
  });

  it('keeps proxy maxima private and raises for the team by the increment', async () => {
    const { managerRooms, players, managers, auction } = await liveAuction();
    const outsider = await signUp(suite.server.baseUrl, 'peeker');
    const fanRoom = await join(outsider.token, auction.id);
    await managerRooms[0].request('nominate', { playerId: players[0].id, bid: 1 });
    await managerRooms[1].request('proxy', { lot: 1, max: 20 });
    await waitForState(managerRooms[1], (s) => s.teams[1].proxy === 20);
    await managerRooms[2].request('bid', { lot: 1, amount: 6 });
    const state = await waitForState(managerRooms[2], (s) => s.lot.highBid === 7);
    assert.equal(state.lot.highBidder, managers[1].teamId, 'the proxy answered at 6 + 1');
    await new Promise((r) => setTimeout(r, 250));
    for (const room of [managerRooms[0], managerRooms[2], managerRooms[3], fanRoom]) {
      assert.ok(room.state.teams.every((t: { proxy?: number }) => !t.proxy), 'no proxy maximum in another client\'s state');
    }
  });

  it('closes the lot at the deadline, charges the winner and moves the nomination on', async () => {
    const { managerRooms, players, managers, commish, auction } = await liveAuction({ bidSeconds: 1, resetFloorSeconds: 1 });
    await managerRooms[0].request('nominate', { playerId: players[0].id, bid: 1 });
    await managerRooms[2].request('bid', { lot: 1, amount: 9 });
    const state = await waitForState(managerRooms[0], (s) => s.won.length === 1, 4000);
    assert.deepEqual([state.won[0].playerId, state.won[0].teamId, state.won[0].price], [players[0].id, managers[2].teamId, 9]);
    assert.equal(state.teams[2].budget, 41);
    assert.equal(state.teams[2].maxBid, 41 - 1);
    assert.equal(state.phase, 'nominating');
    assert.equal(state.nominator, managers[1].teamId);
    const stored = await commish.client.get(`/api/v1/drafts/${auction.id}`);
    assert.equal(stored.status, 200);
    assert.equal(JSON.stringify(stored.body).includes('"price":9'), true);
  });

  it('lets the commissioner undo a closed lot: the price is refunded and the board reopens', async () => {
    const { managerRooms, players, managers, commishRoom } = await liveAuction({ bidSeconds: 1, resetFloorSeconds: 1 });
    await managerRooms[0].request('nominate', { playerId: players[0].id, bid: 5 });
    await waitForState(commishRoom, (s) => s.won.length === 1, 4000);
    await commishRoom.request('undo', {});
    const state = await waitForState(commishRoom, (s) => s.won.length === 0);
    assert.equal(state.teams[0].budget, 50);
    assert.equal(state.nominator, managers[0].teamId);
  });

  it('restores an auction with its open lot from the event log', async () => {
    const { managerRooms, players, managers, auction } = await liveAuction();
    await managerRooms[0].request('nominate', { playerId: players[0].id, bid: 2 });
    await managerRooms[3].request('bid', { lot: 1, amount: 8 });
    const deadline = (await waitForState(managerRooms[1], (s) => s.lot.highBid === 8)).lot.deadline;
    await Promise.all(rooms.splice(0).map((r) => r.leave()));
    await new Promise((r) => setTimeout(r, 100));
    const back = await join(managers[1].token, auction.id);
    const state = await waitForState(back, (s) => s.lot.highBid === 8);
    assert.deepEqual([state.lot.highBidder, state.lot.deadline, state.phase], [managers[3].teamId, deadline, 'bidding']);
    await back.request('bid', { lot: 1, amount: 9 });
  });
});
