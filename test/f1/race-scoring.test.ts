import assert from 'node:assert/strict';
import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { useTestServer } from '../helpers/server.ts';
import { api } from '../helpers/http.ts';
import { emOf } from '../helpers/scoring.ts';
import { waitFor } from '../helpers/jobs.ts';
import { addRace, adminClient, clearCalendar, externalIds, raceDraftWhen, racingLeague, resultLine } from '../helpers/f1.ts';
import { FantasyScore, Player, RacePick } from '../../src/db/entities/index.ts';
import { ensureRaceDraft } from '../../src/f1/race-drafts.ts';
import { racePool } from '../../src/f1/race-picks.ts';
import type { Pool } from '../../src/draft/types.ts';

describe('F1 race weekends: per-race rosters and scoring', function () {
  this.timeout(30_000);
  const server = useTestServer();
  beforeEach(async () => { await clearCalendar(server); });

  /** Two races a few seconds off, both drafted at once by the server for a league of two unmanaged teams. */
  async function twoRaces() {
    const admin = await adminClient(server);
    const race1 = await addRace(admin, 2031, 1, Date.now() + 8000);
    const race2 = await addRace(admin, 2031, 2, Date.now() + 8500);
    const league = await racingLeague(server, { season: 2031, teams: 2, settings: { draftLeadMinutes: 60 } });
    const drafts = [await raceDraftWhen(() => emOf(server), league.leagueId, race1.id, 'complete'),
      await raceDraftWhen(() => emOf(server), league.leagueId, race2.id, 'complete')];
    assert.ok(drafts.every((d) => d.completedAt!.getTime() < new Date(race1.locksAt).getTime()), 'drafted by the server, not by the lock');
    const picks = await emOf(server).find(RacePick, { league: league.leagueId }, { orderBy: { overall: 'asc' } });
    const holder = (raceId: string, playerId: string) => picks.find((p) => p.race === raceId && p.player === playerId)?.team;
    return { admin, race1, race2, ...league, picks, holder };
  }

  const leaderboard = (client: ReturnType<typeof api>, leagueId: string, raceId?: string) =>
    client.get(`/api/v1/leagues/${leagueId}/f1/leaderboard${raceId ? `?race=${raceId}` : ''}`).then((r) => r.body);

  it('gives every race its own rosters: the best driver is on the first team in race 1 and on the other in race 2 (rotation)', async () => {
    const { race1, race2, teamIds, picks, holder } = await twoRaces();
    const top = (await emOf(server).find(Player, { sport: 'f1' }, { orderBy: { rank: 'asc' }, limit: 1 }))[0].id;
    assert.equal(holder(race1.id, top), teamIds[0], 'race 1: team 1 picks first');
    assert.equal(holder(race2.id, top), teamIds[1], 'race 2: the order rotated, team 2 picks first');
    for (const raceId of [race1.id, race2.id]) {
      const ofRace = picks.filter((p) => p.race === raceId);
      assert.equal(ofRace.length, 4);
      assert.equal(new Set(ofRace.map((p) => p.player)).size, 4, 'no driver twice in a race');
    }
  });

  it('scores a driver for the team that drafted him for that race, each race; the leaderboard per race and for the season; a correction rescores that race only', async () => {
    const { admin, race1, race2, leagueId, teamIds, commish, holder } = await twoRaces();
    const top = (await emOf(server).find(Player, { sport: 'f1' }, { orderBy: { rank: 'asc' }, limit: 1 }))[0];
    const ext = await externalIds(emOf(server));
    // Race 1: pole and win (25 + 3). Race 2: pole, second (18 + 3 - 1 place lost).
    const sent = await admin.post('/api/v1/ingest', { events: [resultLine(race1.period, top.externalId, { qualifying: 1, grid: 1, finish: 1 })] });
    assert.equal(sent.status, 202);
    const afterRace1 = await waitFor(async () => {
      const board = await leaderboard(commish.client, leagueId);
      return board.races.find((r: { id: string }) => r.id === race1.id).scored ? board : undefined;
    });
    assert.equal(afterRace1.items.find((t: { teamId: string }) => t.teamId === teamIds[0]).total, 28, 'live: race 1 in the standings as it arrives');
    await admin.post('/api/v1/ingest', { events: [resultLine(race2.period, top.externalId, { qualifying: 1, grid: 1, finish: 2 })] });
    const season = await waitFor(async () => {
      const board = await leaderboard(commish.client, leagueId);
      return board.races.find((r: { id: string }) => r.id === race2.id).scored ? board : undefined;
    });
    const team = (id: string) => season.items.find((t: { teamId: string }) => t.teamId === id);
    assert.equal(holder(race1.id, top.id), teamIds[0]);
    assert.equal(holder(race2.id, top.id), teamIds[1]);
    assert.deepEqual([team(teamIds[0]).total, team(teamIds[0]).races], [28, { 1: 28, 2: 0 }]);
    assert.deepEqual([team(teamIds[1]).total, team(teamIds[1]).races], [20, { 1: 0, 2: 20 }]);
    assert.deepEqual(season.items.map((t: { rank: number }) => t.rank), [1, 2]);

    const race2Board = await leaderboard(commish.client, leagueId, race2.id);
    const topIn2 = race2Board.items[0];
    assert.equal(topIn2.teamId, teamIds[1]);
    assert.deepEqual(topIn2.drivers.map((d: { playerId: string; points: number | null }) => [ext.get(d.playerId), d.points]),
      [[top.externalId, 20], [topIn2.drivers[1] && ext.get(topIn2.drivers[1].playerId), null]], 'his team-mate for race 2 has no result yet');

    // A correction of race 1 (same key, another finish): race 1 is scored again, race 2 is not touched.
    const race2Rows = await emOf(server).find(FantasyScore, { league: leagueId, period: race2.period });
    await admin.post('/api/v1/ingest', { events: [resultLine(race1.period, top.externalId, { qualifying: 1, grid: 1, finish: 3 })] });
    const corrected = await waitFor(async () => {
      const board = await leaderboard(commish.client, leagueId, race1.id);
      return board.items.find((t: { teamId: string }) => t.teamId === teamIds[0]).points === 15 + 3 - 2 ? board : undefined;
    });
    assert.ok(corrected);
    const race2After = await emOf(server).find(FantasyScore, { league: leagueId, period: race2.period });
    assert.deepEqual(race2After.map((r) => [r.team, r.points, r.scoredAt.getTime()]), race2Rows.map((r) => [r.team, r.points, r.scoredAt.getTime()]));
  });

  it('never lets two drafts share a driver within a race: one draft per race and league, a pool without the race\'s drivers taken, a unique index', async () => {
    const { race1, leagueId, teamIds, picks } = await twoRaces();
    const em = emOf(server);
    const draft = await ensureRaceDraft(em, leagueId, race1.id);
    assert.equal(draft!.id, picks.find((p) => p.race === race1.id)!.draftId, 'the race\'s one draft, not a second');
    const drivers = await em.find(Player, { sport: 'f1' });
    const full: Pool = new Map(drivers.map((p) => [p.id, { id: p.id, positions: p.positions, rank: p.rank, adp: Number(p.adp) }]));
    const another = await racePool(em, { id: crypto.randomUUID(), league: leagueId, race: race1.id }, full);
    assert.equal(another.size, 20 - 4, 'a second draft of that race would not be offered its four drivers');
    assert.ok(picks.filter((p) => p.race === race1.id).every((p) => !another.has(p.player)));
    const own = await racePool(em, { id: draft!.id, league: leagueId, race: race1.id }, full);
    assert.equal(own.size, 20, "its own picks are the draft's business (PLAYER_TAKEN)");
    const taken = picks.find((p) => p.race === race1.id)!;
    const other = teamIds.find((id) => id !== taken.team)!;
    await assert.rejects(
      em.insert(RacePick, { league: leagueId, race: race1.id, team: other, player: taken.player, draftId: crypto.randomUUID(), overall: 99, auto: false, pickedAt: new Date() }),
      UniqueConstraintViolationException);
  });
});
