import assert from 'node:assert/strict';
import fc from 'fast-check';
import { useTestServer } from '../helpers/server.ts';
import { emOf, projectedRosters, replayedRosters, sorted, transactionLeague } from '../helpers/transactions.ts';
import { AppError } from '../../src/errors.ts';
import { ON_ROSTER, Player, RosterEntry, Team, WaiverPlayer } from '../../src/db/entities/index.ts';
import { addFreeAgent, commissionerAdd, commissionerRemove, dropPlayer } from '../../src/transactions/moves.ts';
import { createClaim, processWaiverRun } from '../../src/transactions/waiver-service.ts';
import { limitBreach } from '../../src/transactions/limits.ts';

const SMALL = { roster: { total: 3, maxPerPosition: { QB: 1, RB: 2 } } };
const FAR = Date.UTC(2099, 0, 1);

describe('transactions under concurrency', function () {
  this.timeout(120_000);
  const server = useTestServer();

  it('two managers adding the same free agent at the same moment: exactly one gets him, the other PLAYER_TAKEN', async () => {
    const { managers, byPosition, team, leagueId } = await transactionLeague(server, { settings: SMALL });
    const [a, b] = managers;
    for (const wr of byPosition('WR').slice(0, 3)) {
      const replies = await Promise.all([a, b].map((m) => m.client.post(`${team(m.teamId)}/adds`, { playerId: wr })));
      assert.deepEqual(replies.map((r) => r.status).sort(), [201, 409], JSON.stringify(replies.map((r) => r.body)));
      assert.equal(replies.find((r) => r.status === 409)!.body.error.code, 'PLAYER_TAKEN');
    }
    const rostered = await emOf(server).find(RosterEntry, { ...ON_ROSTER, team: { $in: [a.teamId, b.teamId] } });
    assert.equal(rostered.length, 3);
    assert.equal(new Set(rostered.map((r) => r.player)).size, 3, 'no player on two teams');
    assert.deepEqual(sorted(await replayedRosters(emOf(server), leagueId)), sorted(await projectedRosters(emOf(server), leagueId)));
  });

  it('one manager adding two players at once to a roster with room for one: one add, one ROSTER_FULL', async () => {
    const { managers, byPosition, team } = await transactionLeague(server, { settings: { roster: { total: 1, maxPerPosition: {} } } });
    const [a] = managers;
    const [wr1, wr2] = byPosition('WR');
    const replies = await Promise.all([wr1, wr2].map((playerId) => a.client.post(`${team(a.teamId)}/adds`, { playerId })));
    assert.deepEqual(replies.map((r) => r.status).sort(), [201, 409]);
    assert.equal(replies.find((r) => r.status === 409)!.body.error.code, 'ROSTER_FULL');
  });

  it('a double-sent claim is stored once (ALREADY_CLAIMED), and two runs at once settle it once', async () => {
    const { managers, byPosition, team, leagueId } = await transactionLeague(server);
    const [owner, claimer] = managers;
    const [wr] = byPosition('WR');
    await owner.client.post(`${team(owner.teamId)}/adds`, { playerId: wr });
    const drop = await owner.client.post(`${team(owner.teamId)}/drops`, { playerId: wr });
    const claims = await Promise.all([1, 2].map(() => claimer.client.post(`${team(claimer.teamId)}/claims`, { playerId: wr })));
    assert.deepEqual(claims.map((c) => c.status).sort(), [201, 409]);
    assert.equal(claims.find((c) => c.status === 409)!.body.error.code, 'ALREADY_CLAIMED');
    const runAt = new Date(drop.body.waiverRunAt);
    const runs = await Promise.all([1, 2].map(() => processWaiverRun(emOf(server), leagueId, runAt, Date.now())));
    assert.deepEqual(runs.map((r) => r.repeated).sort(), [false, true]);
    assert.equal(runs[0].runId, runs[1].runId);
    assert.equal(await emOf(server).count(RosterEntry, { player: wr, team: claimer.teamId }), 1);
  });

  it('a drop racing the acceptance of a trade of that player: exactly one wins, the other a coded error', async () => {
    const { managers, commish, byPosition, team, base } = await transactionLeague(server, { settings: { trades: { review: 'none' } } });
    const [a, b] = managers;
    const wrs = byPosition('WR');
    const rbs = byPosition('RB');
    const winners: string[] = [];
    for (let i = 0; i < 4; i++) {
      await commish.client.post(`${team(a.teamId)}/players`, { playerIds: [wrs[i]] });
      await commish.client.post(`${team(b.teamId)}/players`, { playerIds: [rbs[i]] });
      const offer = (await a.client.post(`${base}/trades`, { teamId: b.teamId, gives: [wrs[i]], gets: [rbs[i]] })).body;
      const [drop, accept] = await Promise.all([
        a.client.post(`${team(a.teamId)}/drops`, { playerId: wrs[i] }),
        b.client.post(`${base}/trades/${offer.id}/accept`, {}),
      ]);
      if (drop.status === 201) {
        assert.equal(accept.status, 409, JSON.stringify(accept.body));
        assert.ok(['TRADE_CLOSED', 'PLAYER_NOT_ON_TEAM'].includes(accept.body.error.code), accept.body.error.code);
        winners.push('drop');
      } else {
        assert.deepEqual([drop.status, drop.body.error.code, accept.status, accept.body.status], [409, 'NOT_ON_ROSTER', 200, 'executed']);
        winners.push('trade');
      }
    }
    assert.equal(winners.length, 4);
  });

  it('property: random concurrent transactions never put a player on two teams nor a roster over its limits, and the log replays to the rosters', async () => {
    const { managers, commish, leagueId } = await transactionLeague(server, { teams: 3, settings: SMALL });
    const em = emOf(server);
    const pool = await em.find(Player, { sport: 'football', positions: { $overlap: ['QB', 'RB', 'WR'] } }, { orderBy: { rank: 'asc' }, limit: 8 });
    const ids = pool.map((p) => p.id);
    const teams = managers.map((m) => ({ teamId: m.teamId, userId: m.userId }));

    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), team: fc.nat(2), player: fc.nat(7), drop: fc.option(fc.nat(7), { nil: undefined }) }),
      fc.record({ kind: fc.constant('drop' as const), team: fc.nat(2), player: fc.nat(7) }),
      fc.record({ kind: fc.constant('claim' as const), team: fc.nat(2), player: fc.nat(7), drop: fc.option(fc.nat(7), { nil: undefined }) }),
      fc.record({ kind: fc.constant('commish-add' as const), team: fc.nat(2), player: fc.nat(7) }),
      fc.record({ kind: fc.constant('commish-remove' as const), team: fc.nat(2), player: fc.nat(7) }),
      fc.record({ kind: fc.constant('run' as const) }),
    );
    type Op = { kind: string; team?: number; player?: number; drop?: number };
    let runs = 0;
    const done = new Map<string, number>();
    const perform = (o: Op): Promise<unknown> => {
      const base = { leagueId, now: Date.now() };
      const t = teams[o.team ?? 0];
      const player = o.player ?? 0;
      const fem = emOf(server);
      switch (o.kind) {
        case 'add': return freeAgent(fem, player).then((playerId) =>
          addFreeAgent(fem, { ...base, ...t, playerId, dropPlayerId: o.drop === undefined ? undefined : ids[o.drop] }));
        // Drops and claims aim at the team's roster and at the waiver list, so that they mostly succeed.
        case 'drop': return pickOf(fem, { team: t.teamId, ...ON_ROSTER }, player).then((playerId) => dropPlayer(fem, { ...base, ...t, playerId }));
        case 'claim': return Promise.all([
          pickOf(fem, { status: 'waiting' }, player, WaiverPlayer),
          o.drop === undefined ? undefined : pickOf(fem, { team: t.teamId, ...ON_ROSTER }, o.drop),
        ]).then(([playerId, dropPlayerId]) => createClaim(fem, { ...base, ...t, playerId, dropPlayerId }));
        case 'commish-add': return commissionerAdd(fem, { ...base, teamId: t.teamId, userId: commish.userId, playerIds: [ids[player]] });
        case 'commish-remove': return commissionerRemove(fem, { ...base, teamId: t.teamId, userId: commish.userId, playerId: ids[player] });
        default: return processWaiverRun(fem, leagueId, new Date(FAR - 1_000_000 + runs++), Date.now());
      }
    };

    /** The n-th (mod count) player of the roster rows or waiver rows matching `where`; any pool player if none. */
    async function pickOf(fem: typeof em, where: Record<string, unknown>, n: number, entity: typeof RosterEntry | typeof WaiverPlayer = RosterEntry): Promise<string> {
      const rows = await fem.find(entity as typeof RosterEntry, { ...where, player: { $in: ids } } as never, { orderBy: { id: 'asc' } });
      return rows.length > 0 ? rows[n % rows.length].player : ids[n];
    }

    /** The n-th (mod count) pool player nobody holds and who is not on waivers; any pool player if none. */
    async function freeAgent(fem: typeof em, n: number): Promise<string> {
      const held = new Set([
        ...(await fem.find(RosterEntry, { player: { $in: ids }, ...ON_ROSTER })).map((r) => r.player),
        ...(await fem.find(WaiverPlayer, { player: { $in: ids }, status: 'waiting' })).map((w) => w.player),
      ]);
      const free = ids.filter((id) => !held.has(id));
      return free.length > 0 ? free[n % free.length] : ids[n];
    }

    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(op, op), { minLength: 3, maxLength: 8 }), async (pairs) => {
      for (const pair of pairs) {
        // Each pair races: both requests at once, as two managers (or a manager and the run) would.
        const settled = await Promise.allSettled(pair.map(perform));
        settled.forEach((result, i) => {
          if (result.status === 'rejected' && !(result.reason instanceof AppError && result.reason.status < 500)) throw result.reason;
          if (result.status === 'fulfilled') done.set(pair[i].kind, (done.get(pair[i].kind) ?? 0) + 1);
        });
      }
      await checkInvariants();
    }), { numRuns: 20 });
    // Not vacuous: the sequences did change rosters, of every kind.
    for (const kind of ['add', 'drop', 'claim', 'commish-add', 'run']) assert.ok((done.get(kind) ?? 0) > 0, `no ${kind} succeeded: ${JSON.stringify([...done])}`);

    async function checkInvariants() {
      const fem = emOf(server);
      const teamIds = (await fem.find(Team, { league: leagueId })).map((t) => t.id);
      const current = await fem.find(RosterEntry, { team: { $in: teamIds }, ...ON_ROSTER });
      assert.equal(new Set(current.map((r) => r.player)).size, current.length, 'a player on two teams');
      const positions = new Map(pool.map((p) => [p.id, p.positions]));
      for (const teamId of teamIds) {
        const roster = current.filter((r) => r.team === teamId).map((r) => ({ id: r.player, positions: positions.get(r.player) ?? [] }));
        assert.equal(limitBreach(roster, SMALL.roster), null, `team ${teamId} over its limits`);
      }
      assert.deepEqual(sorted(await replayedRosters(fem, leagueId)), sorted(await projectedRosters(fem, leagueId)));
    }
  });
});
