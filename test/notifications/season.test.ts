import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import type { api } from '../helpers/http.ts';
import { emOf, footballLine } from '../helpers/scoring.ts';
import { seasonBody, seasonLeague, signIn, weekLock, weekStart } from '../helpers/season.ts';
import { scoreStatEvents, storeStatEvents } from '../../src/scoring/ingest.ts';
import { lineupReminderQueue, LINEUP_REMINDER_MS } from '../../src/season/jobs.ts';
import { firstLock } from '../../src/season/store.ts';
import { SeasonPeriod } from '../../src/db/entities/index.ts';
import { holdTransaction, itRace, lockWaiters } from '../helpers/row-locks.ts';

/** The server's clock: tests move it. */
let clock = weekStart(1);

async function notificationsOf(client: ReturnType<typeof api>, kind: string): Promise<any[]> {
  const reply = await client.get('/api/v1/me/notifications');
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return (reply.body.items as any[]).filter((n) => n.kind === kind).reverse();
}

describe('Season notifications: results when a period is final (and corrected), lineup reminders before the lock', function () {
  this.timeout(60_000);
  const server = useTestServer({ now: () => clock });
  beforeEach(() => { clock = weekStart(1); });

  async function league() {
    const l = await seasonLeague(server, 4);
    const created = await l.commish.client.post(`${l.base}/seasons`, seasonBody(l.players, { regular: 3, playoffTeams: 2, playoffWeeks: 1 }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return { ...l, season: created.body };
  }

  it("tells each manager his team's result once a period is final, once only, and again (corrected) after a correction", async () => {
    const l = await league();
    const game = (await l.manager.client.get(`${l.base}/matchups?period=1`)).body.items.find((m: any) => m.home.teamId === l.teamIds[0] || m.away.teamId === l.teamIds[0]);
    const mine = game.home.teamId === l.teamIds[0] ? game.home : game.away;
    const ext = (playerId: string) => l.pool.find((p) => p.id === playerId)!.externalId;
    const line = (yards: number) => footballLine(ext(mine.starters[0].playerId), { passYards: yards });
    const { storedIds } = await storeStatEvents(emOf(server), [line(100)]);
    await scoreStatEvents(emOf(server), storedIds);

    clock = weekLock(1) + 3 * 24 * 3600_000;
    l.commish.client = await signIn(server, l.commish.username);
    l.manager.client = await signIn(server, l.manager.username);
    assert.equal((await l.commish.client.post(`${l.base}/periods/1/finalize`)).status, 200);
    assert.equal((await l.commish.client.post(`${l.base}/periods/1/finalize`)).body.finalized, false);
    const [final, ...more] = await notificationsOf(l.manager.client, 'periodFinal');
    assert.deepEqual(more, [], 'a second finalize tells nobody again');
    assert.deepEqual([final.leagueId, final.payload.period, final.payload.matchupId, final.payload.teamId, final.payload.points, final.payload.outcome, final.payload.corrected],
      [l.leagueId, 1, game.id, l.teamIds[0], 4, 'win', false]);
    // Nobody manages the other teams: they are told nothing; the commissioner owns none.
    assert.deepEqual(await notificationsOf(l.commish.client, 'periodFinal'), []);

    // A stat correction re-finalizes the period: the manager hears the corrected result.
    const corrected = await storeStatEvents(emOf(server), [line(0)]);
    await scoreStatEvents(emOf(server), corrected.storedIds);
    assert.equal((await l.commish.client.post(`${l.base}/periods/1/finalize`)).body.refinalized, true);
    const after = await notificationsOf(l.manager.client, 'periodFinal');
    assert.equal(after.length, 2);
    assert.deepEqual([after[1].payload.points, after[1].payload.corrected], [0, true]);
  });

  itRace('makes a period final only together with its notices: no moment (a crash) where it is final and they are not stored', async () => {
    const l = await league();
    clock = weekLock(1) + 3 * 24 * 3600_000;
    l.commish.client = await signIn(server, l.commish.username);
    l.manager.client = await signIn(server, l.manager.username);
    const key = `season:${l.season.id}:period:1:final:0`;
    // Another transaction is storing that very notice: storing it waits, and the finalize with it.
    const other = await holdTransaction(emOf(server), (tx) => tx.execute(`insert into notifications (id, user_id, league_id, kind, payload, dedupe_key, created_at)
      values (?, ?, ?, 'periodFinal', '{}'::jsonb, ?, now())`, [crypto.randomUUID(), l.manager.userId, l.leagueId, key]));
    const finalizing = l.commish.client.post(`${l.base}/periods/1/finalize`);
    try {
      await lockWaiters(emOf(server), 1);
      const period = await emOf(server).fork().findOneOrFail(SeasonPeriod, { number: 1, season: l.season.id });
      assert.equal(period.finalizedAt, null, 'not final while its notice is not stored');
    } finally {
      await other.release(false);
    }
    assert.equal((await finalizing).status, 200);
    const [final] = await notificationsOf(l.manager.client, 'periodFinal');
    assert.equal(final.payload.period, 1);
  });

  it('reminds a manager without a lineup of his own before the first lock, and not one who set his', async () => {
    const l = await league();
    const period = await emOf(server).findOneOrFail(SeasonPeriod, { number: 1, season: l.season.id });
    const runReminder = (at: number) => lineupReminderQueue(server.app.storage.orm, () => at).process({ seasonId: l.season.id, period: 1 }, undefined as never);
    const due = firstLock(period) - LINEUP_REMINDER_MS;
    assert.deepEqual(await runReminder(due), { notified: 1 });
    assert.deepEqual(await runReminder(due), { notified: 0 }, 'a retried job reminds nobody twice');
    const [reminder] = await notificationsOf(l.manager.client, 'lineupNotSet');
    assert.deepEqual([reminder.payload.period, reminder.payload.teamId], [1, l.teamIds[0]]);
    // After the lock a reminder is pointless: nothing is sent.
    assert.deepEqual(await runReminder(period.locksAt.getTime() + 1), { notified: 0 });
    // Period 2: he sets his lineup first, so he is not reminded.
    const path = `${l.base}/teams/${l.teamIds[0]}/lineup?period=2`;
    const starters = (await l.manager.client.get(path)).body.starters.map((s: { playerId: string }) => s.playerId);
    assert.equal((await l.manager.client.raw('PUT', path, { starters })).status, 200);
    assert.deepEqual(await lineupReminderQueue(server.app.storage.orm, () => due).process({ seasonId: l.season.id, period: 2 }, undefined as never), { notified: 0 });
  });
});
