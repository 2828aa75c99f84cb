import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { emOf } from '../helpers/scoring.ts';
import { MINUTE_MS, addRace, adminClient, clearCalendar, raceDraftWhen, racingLeague } from '../helpers/f1.ts';
import { Draft, DraftPickRecord, RacePick, RosterEntry } from '../../src/db/entities/index.ts';

describe('F1 race drafts open and lock by themselves', function () {
  this.timeout(30_000);
  const server = useTestServer();
  beforeEach(async () => { await clearCalendar(server); });

  it('opens a race draft at lock − lead with nobody in the room; unmanaged teams are drafted for; its picks are that race\'s, not rosters', async () => {
    const admin = await adminClient(server);
    await addRace(admin, 2030, 2, Date.now() + 100 * MINUTE_MS);
    const { leagueId, teamIds, commish } = await racingLeague(server, { season: 2030, teams: 4, settings: { draftLeadMinutes: 1 } });
    const opensAt = Date.now() + 1500;
    const race = await addRace(admin, 2030, 1, opensAt + MINUTE_MS);
    const before = (await commish.client.get(`/api/v1/leagues/${leagueId}/f1/races`)).body;
    assert.equal(before.items[0].draft, null, 'no draft before it opens');
    assert.equal(new Date(before.items[0].draftOpensAt).getTime(), opensAt);

    const draft = await raceDraftWhen(() => emOf(server), leagueId, race.id, 'complete');
    const picks = await emOf(server).find(DraftPickRecord, { draft: draft.id }, { orderBy: { overall: 'asc' } });
    assert.ok(picks[0].pickedAt.getTime() >= opensAt, 'not before its time');
    const racePicks = await emOf(server).find(RacePick, { league: leagueId, race: race.id });
    assert.equal(racePicks.length, 8, 'two drivers for each of four teams');
    for (const teamId of teamIds) assert.equal(racePicks.filter((p) => p.team === teamId).length, 2);
    assert.equal(await emOf(server).count(RosterEntry, { team: { $in: teamIds } }), 0, 'nothing on the season rosters');
    const view = (await commish.client.get(`/api/v1/drafts/${draft.id}`)).body;
    assert.deepEqual([view.raceId, view.type, view.config.rounds], [race.id, 'snake', 2]);
  });

  it('rotates the order by one team each race over five races; each race\'s first pick goes to its first team', async () => {
    const admin = await adminClient(server);
    await addRace(admin, 2030, 6, Date.now() + 100 * MINUTE_MS);
    const { leagueId, teamIds } = await racingLeague(server, { season: 2030, teams: 4, settings: { draftLeadMinutes: 60 } });
    const races = [];
    for (let round = 1; round <= 5; round++) races.push(await addRace(admin, 2030, round, Date.now() + 20_000 + round * 1000));
    for (const race of races) {
      const draft = await raceDraftWhen(() => emOf(server), leagueId, race.id, 'complete');
      const shift = (race.round - 1) % teamIds.length;
      const rotated = [...teamIds.slice(shift), ...teamIds.slice(0, shift)];
      assert.deepEqual((draft.config as { order: string[] }).order, rotated, `race ${race.round}`);
      const first = await emOf(server).findOneOrFail(RacePick, { race: race.id, overall: 1 });
      assert.equal(first.team, rotated[0]);
    }
  });

  it('runs a race draft with nobody in the room: a manager whose clock runs out is autopicked, then stays on autopick', async () => {
    const admin = await adminClient(server);
    const race = await addRace(admin, 2030, 1, Date.now() + 30 * MINUTE_MS);
    const { leagueId } = await racingLeague(server, { season: 2030, teams: 2, owned: 2, settings: { draftLeadMinutes: 60, pickSeconds: 5 } });
    const live = await raceDraftWhen(() => emOf(server), leagueId, race.id, 'live');
    const openedAt = Date.now();
    const done = await raceDraftWhen(() => emOf(server), leagueId, race.id, 'complete', 20_000);
    const picks = await emOf(server).find(DraftPickRecord, { draft: live.id }, { orderBy: { overall: 'asc' } });
    assert.equal(picks.length, 4);
    assert.ok(picks.every((p) => p.auto), 'every pick made by the server');
    // Each team missed one clock (5 s), then was on autopick: picks 3 and 4 came at once.
    assert.ok(picks[0].pickedAt.getTime() - openedAt >= 4000, 'the first clock ran out');
    assert.ok(picks[3].pickedAt.getTime() - picks[1].pickedAt.getTime() < 1500, 'then no more clocks');
    assert.ok(done.completedAt!.getTime() < new Date(race.locksAt).getTime(), 'long before the lock');
  });

  it('finishes by autopick, at the lock, a draft whose managers never came', async () => {
    const admin = await adminClient(server);
    await addRace(admin, 2030, 2, Date.now() + 100 * MINUTE_MS);
    const { leagueId, teamIds } = await racingLeague(server, { season: 2030, teams: 3, owned: 3, settings: { draftLeadMinutes: 60, pickSeconds: 3600 } });
    // Added once the league is ready: opened at once (its lead is past); a clock of an hour would hold the first pick far past the lock.
    const lockAt = Date.now() + 2500;
    const race = await addRace(admin, 2030, 1, lockAt);
    const live = await raceDraftWhen(() => emOf(server), leagueId, race.id, 'live');
    assert.equal(await emOf(server).count(DraftPickRecord, { draft: live.id }), 0, 'nobody picked');
    const done = await raceDraftWhen(() => emOf(server), leagueId, race.id, 'complete');
    assert.ok(done.completedAt!.getTime() >= lockAt, 'at the lock, not before');
    assert.ok(done.completedAt!.getTime() < lockAt + 2000, 'soon after the lock');
    const picks = await emOf(server).find(RacePick, { league: leagueId, race: race.id });
    assert.equal(picks.length, 6);
    assert.ok(picks.every((p) => p.auto));
    assert.deepEqual(new Set(picks.map((p) => p.team)), new Set(teamIds));
    assert.equal(new Set(picks.map((p) => p.player)).size, 6, 'no driver twice');
    const draft = await emOf(server).findOneOrFail(Draft, { id: live.id });
    assert.equal(draft.status, 'complete');
  });
});
