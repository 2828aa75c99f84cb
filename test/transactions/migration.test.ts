import assert from 'node:assert/strict';
import type { AbstractSqlDriver } from '@mikro-orm/sql';
import { useTestServer } from '../helpers/server.ts';
import { emOf, projectedRosters, replayedRosters, sorted, transactionLeague } from '../helpers/transactions.ts';
import { LeagueTransaction, RosterEntry, WaiverClaim, WaiverPlayer } from '../../src/db/entities/index.ts';
import { Migration20261203140000_Transactions } from '../../migrations/Migration20261203140000_Transactions.ts';
import { Migration20261212100000_StaleWaiverClaims } from '../../migrations/Migration20261212100000_StaleWaiverClaims.ts';

describe('migration: rosters from before the log become its first entries', () => {
  const server = useTestServer();

  it("gives every existing roster row an entry, oldest first, so that the log replays to the rosters", async () => {
    const { teamIds, byPosition, leagueId } = await transactionLeague(server);
    const em = emOf(server);
    // Rosters as they were before the log: rows without an entry, of several acquisitions and times.
    const [wr1, wr2, wr3] = byPosition('WR');
    const rows = [[teamIds[0], wr2, 'draft', '2026-09-01T00:00:00Z'], [teamIds[1], wr1, 'commissioner', '2026-08-01T00:00:00Z'], [teamIds[0], wr3, 'keeper', '2026-09-02T00:00:00Z']] as const;
    for (const [team, player, acquiredVia, at] of rows) em.create(RosterEntry, { team, player, acquiredVia, acquiredAt: new Date(at) });
    await em.flush();

    // The migration's data step (its statements that fill the log), run as the migrator runs them.
    const orm = server.app.storage.orm;
    const migration = new Migration20261203140000_Transactions(orm.em.getDriver() as unknown as AbstractSqlDriver, orm.config);
    await migration.up();
    const dataStep = migration.getQueries().map(String).filter((sql) => /^(insert into "league_transactions"|update "roster_entries")/.test(sql));
    assert.equal(dataStep.length, 2);
    for (const sql of dataStep) await em.getConnection().execute(sql);

    const log = await emOf(server).find(LeagueTransaction, { league: leagueId }, { orderBy: { id: 'asc' } });
    assert.deepEqual(log.map((t) => [t.type, t.moves[0].playerId]), [['commissioner', wr1], ['draft', wr2], ['draft', wr3]], 'oldest first');
    const entries = await emOf(server).find(RosterEntry, { player: { $in: [wr1, wr2, wr3] } });
    assert.ok(entries.every((e) => log.some((t) => t.id === e.acquiredBy)), 'each row points at its entry');
    assert.deepEqual(sorted(await replayedRosters(emOf(server), leagueId)), sorted(await projectedRosters(emOf(server), leagueId)));
  });
});

describe('migration: pending claims on players no longer on waivers fail', () => {
  const server = useTestServer();

  it('fails the claims the commissioner left pending when he took their player off waivers, and keeps the rest', async () => {
    const { managers, byPosition, team, leagueId } = await transactionLeague(server, { teams: 3 });
    const [owner, claimer] = managers;
    const [kept, taken] = byPosition('WR');
    for (const playerId of [kept, taken]) {
      await owner.client.post(`${team(owner.teamId)}/adds`, { playerId });
      await owner.client.post(`${team(owner.teamId)}/drops`, { playerId });
    }
    const live = (await claimer.client.post(`${team(claimer.teamId)}/claims`, { playerId: kept })).body;
    const stale = (await claimer.client.post(`${team(claimer.teamId)}/claims`, { playerId: taken })).body;
    // What a commissioner's add did before: the waiver row processed, the claim left pending.
    await emOf(server).nativeUpdate(WaiverPlayer, { league: leagueId, player: taken, status: 'waiting' }, { status: 'processed' });

    const orm = server.app.storage.orm;
    const migration = new Migration20261212100000_StaleWaiverClaims(orm.em.getDriver() as unknown as AbstractSqlDriver, orm.config);
    await migration.up();
    for (const sql of migration.getQueries().map(String)) await emOf(server).getConnection().execute(sql);

    const claims = await emOf(server).find(WaiverClaim, { id: { $in: [live.id, stale.id] } });
    const statusOf = (id: string) => { const c = claims.find((x) => x.id === id)!; return [c.status, c.reason ?? null, c.processedAt !== null && c.processedAt !== undefined]; };
    assert.deepEqual(statusOf(live.id), ['pending', null, false]);
    assert.deepEqual(statusOf(stale.id), ['failed', 'PLAYER_TAKEN', true]);
  });
});
