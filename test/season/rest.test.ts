import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { api } from '../helpers/http.ts';
import { emOf, footballLine } from '../helpers/scoring.ts';
import { lineupWithBenchQb, seasonBody, seasonLeague, signIn, weekLock, weekStart } from '../helpers/season.ts';
import { scoreStatEvents, storeStatEvents, type StatEventInput } from '../../src/scoring/ingest.ts';
import { scoreQueue } from '../../src/ingest/jobs.ts';
import { LockMode } from '@mikro-orm/core';
import { Season, SeasonPeriod, Team } from '../../src/db/entities/index.ts';
import { holdTransaction, itRace, lockWaiters } from '../helpers/row-locks.ts';
import type { EntityManager } from '@mikro-orm/postgresql';

/** The server's clock: tests move it. */
let clock = weekStart(1);

describe('seasons over REST: schedule, lineups, matchups, finalize, standings', () => {
  const server = useTestServer({ now: () => clock });
  beforeEach(() => { clock = weekStart(1); });

  async function league(teams = 4) {
    const l = await seasonLeague(server, teams);
    const created = await l.commish.client.post(`${l.base}/seasons`, seasonBody(l.players, { regular: 3, playoffTeams: 2, playoffWeeks: 1 }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return { ...l, season: created.body };
  }

  /** Stores and scores feed lines as the ingest and score jobs do. */
  async function ingest(lines: StatEventInput[]) {
    const { storedIds } = await storeStatEvents(emOf(server), lines);
    await scoreStatEvents(emOf(server), storedIds);
  }

  /** Moves the server clock; the users sign in again (their tokens would have expired on the way). */
  async function at(l: Awaited<ReturnType<typeof seasonLeague>>, time: number) {
    clock = time;
    l.commish.client = await signIn(server, l.commish.username);
    l.manager.client = await signIn(server, l.manager.username);
  }

  const put = (client: ReturnType<typeof api>, path: string, body: unknown) => client.raw('PUT', path, body);

  it('the commissioner creates a season with a balanced schedule; others may not; bad settings are 400s naming the field', async () => {
    const l = await seasonLeague(server, 4);
    const body = seasonBody(l.players, { regular: 3, playoffTeams: 2, playoffWeeks: 1 });
    assert.equal((await l.manager.client.post(`${l.base}/seasons`, body)).status, 403);
    const wrongWeeks = await l.commish.client.post(`${l.base}/seasons`, { ...body, playoffTeams: 4 });
    assert.equal(wrongWeeks.status, 400);
    assert.ok(wrongWeeks.body.error.details.fields.some((f: { path: string }) => f.path === 'playoffWeeks'));
    const tooMany = await l.commish.client.post(`${l.base}/seasons`, { ...seasonBody(l.players, { regular: 2, playoffTeams: 8, playoffWeeks: 3 }) });
    assert.equal(tooMany.status, 400, 'more playoff teams than teams');
    const typo = await l.commish.client.post(`${l.base}/seasons`, { ...body, lineup: { slots: ['QB', 'SF'], eligibility: { QB: ['QB'], SF: ['QB', 'WRR'] } } });
    assert.equal(typo.status, 400, 'a slot naming a position football has not');
    assert.deepEqual(typo.body.error.details.fields.map((f: { path: string }) => f.path), ['lineup.eligibility.SF.1']);
    // What a form offers: the sport's positions, default slots, tiebreakers and limits (any member reads it).
    const options = await l.manager.client.get(`${l.base}/season-options`);
    assert.equal(options.status, 200);
    assert.deepEqual([options.body.sport, options.body.teams, options.body.positions, options.body.playoffTeams], ['football', 4, ['QB', 'RB', 'WR', 'TE', 'K', 'DEF'], { min: 2, max: 4 }]);
    assert.deepEqual(options.body.lineup.slots, ['QB', 'RB', 'RB', 'WR', 'WR', 'TE', 'FLEX', 'K', 'DEF']);
    assert.deepEqual(options.body.tiebreakers, { all: ['record', 'pointsFor', 'headToHead', 'pointsAgainst'], default: ['record', 'pointsFor', 'headToHead'] });
    assert.equal((await l.commish.client.get(`${l.base}/schedule`)).body.error.code, 'NO_SEASON');
    assert.equal((await l.commish.client.get(`${l.base}/standings`)).body.season, null, 'no season yet: none to rank');
    assert.equal((await l.commish.client.get(`${l.base}/standings?season=1`)).status, 404, 'a season number that does not exist');

    const created = await l.commish.client.post(`${l.base}/seasons`, body);
    assert.equal(created.status, 201);
    assert.deepEqual(created.body.settings.lineup.slots, ['QB', 'RB', 'RB', 'WR', 'WR', 'TE', 'FLEX', 'K', 'DEF']);
    assert.deepEqual(created.body.settings.tiebreakers, ['record', 'pointsFor', 'headToHead']);
    const schedule = (await l.manager.client.get(`${l.base}/schedule`)).body;
    const regular = schedule.periods.filter((p: { kind: string }) => p.kind === 'regular');
    assert.equal(regular.length, 3);
    // 4 teams over 3 weeks: everyone meets everyone once.
    const pairs = regular.flatMap((p: any) => p.matchups.map((m: any) => [m.home.teamId, m.away.teamId].sort().join('|')));
    assert.equal(new Set(pairs).size, 6);
    assert.deepEqual(schedule.periods[3].matchups, [], 'playoff games wait for the seeds');
    assert.equal((await l.commish.client.get(`${l.base}/seasons`)).body.items.length, 1);
  });

  it('regenerates the schedule until week 1 locks, then refuses with SCHEDULE_LOCKED', async () => {
    const l = await league();
    assert.equal((await l.manager.client.post(`${l.base}/schedule`)).status, 403);
    assert.equal((await l.commish.client.post(`${l.base}/schedule`)).status, 200);
    // Two at once (a double click, two tabs): one schedule stays, every team once a week.
    for (let round = 0; round < 3; round++) {
      const both = await Promise.all([1, 2].map(() => l.commish.client.post(`${l.base}/schedule`)));
      assert.deepEqual(both.map((reply) => reply.status), [200, 200]);
      const weeks = (await l.manager.client.get(`${l.base}/schedule`)).body.periods.filter((p: { kind: string }) => p.kind === 'regular');
      for (const week of weeks) {
        const playing = week.matchups.flatMap((m: { home: { teamId: string }; away: { teamId: string } }) => [m.home.teamId, m.away.teamId]);
        assert.deepEqual(playing.toSorted(), [...l.teamIds].sort(), `week ${week.number}: each team once`);
      }
    }
    await at(l, weekLock(1));
    const locked = await l.commish.client.post(`${l.base}/schedule`);
    assert.deepEqual([locked.status, locked.body.error.code], [409, 'SCHEDULE_LOCKED']);
    // A started season must finish before the next.
    const next = await l.commish.client.post(`${l.base}/seasons`, seasonBody(l.players, { regular: 3, playoffTeams: 2, playoffWeeks: 1 }));
    assert.deepEqual([next.status, next.body.error.code], [409, 'SEASON_IN_PROGRESS']);
  });

  /**
   * The manager's change of period 1 (his bench QB in), sent while another transaction that did
   * `work` is held open: it waits for that one's locks; its reply once that one commits.
   */
  async function changeDuring(l: Awaited<ReturnType<typeof league>>, work: (tx: EntityManager) => Promise<unknown>) {
    const path = `${l.base}/teams/${l.teamIds[0]}/lineup?period=1`;
    const { starters, benchQb: qb } = await lineupWithBenchQb(l.manager.client, path);
    const hold = await holdTransaction(emOf(server), work);
    let change: ReturnType<typeof put>;
    try {
      change = put(l.manager.client, path, { starters: starters.map((id: string, i: number) => (i === 0 ? qb.playerId : id)) });
      await lockWaiters(emOf(server), 1);
    } finally {
      await hold.release();
    }
    return { reply: await change!, path, qb };
  }

  itRace('a lineup change waits for a finalize under way, then finds the period final (PERIOD_FINAL)', async () => {
    const l = await league();
    // A finalize under way, as finalize.ts holds it: the season's row, then the period made final.
    const { reply } = await changeDuring(l, async (tx) => {
      const season = await tx.findOneOrFail(Season, { league: l.leagueId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      await tx.nativeUpdate(SeasonPeriod, { season: season.id, number: 1 }, { finalizedAt: new Date(clock) });
    });
    assert.deepEqual([reply.status, reply.body.error?.code], [409, 'PERIOD_FINAL']);
  });

  itRace('a lineup change racing the season being replaced is 409 SEASON_CHANGED, not a 500', async () => {
    const l = await league();
    // A new season under way, as createSeason replaces one not yet started: the old one deleted, not committed.
    const { reply } = await changeDuring(l, async (tx) => {
      tx.remove(await tx.findOneOrFail(Season, { league: l.leagueId }));
      await tx.flush();
    });
    assert.deepEqual([reply.status, reply.body.error?.code], [409, 'SEASON_CHANGED']);
  });

  itRace('a lineup change racing the team being given to another manager is refused (403), not stored for the old one', async () => {
    const l = await league();
    // The commissioner's edit under way: the team's new manager written, not committed yet.
    const { reply, path, qb } = await changeDuring(l, (tx) => tx.nativeUpdate(Team, { id: l.teamIds[0] }, { owner: l.commish.userId }));
    assert.deepEqual([reply.status, reply.body.error?.code], [403, 'FORBIDDEN']);
    const lineup = (await l.commish.client.get(path)).body;
    assert.notEqual(lineup.starters[0]?.playerId, qb.playerId, 'nothing stored');
  });

  it('a team without a lineup plays the automatic one; its manager sets his, checked against slots and locks', async () => {
    const l = await league();
    const team = l.teamIds[0];
    const path = `${l.base}/teams/${team}/lineup?period=1`;
    const auto = (await l.manager.client.get(path)).body;
    assert.equal(auto.auto, true);
    assert.equal(auto.starters.length, 9);
    assert.ok(auto.starters.every((s: { playerId: string | null }) => s.playerId), 'a full roster fills every slot');
    const starters = auto.starters.map((s: { playerId: string }) => s.playerId);
    const bench = auto.bench as Array<{ playerId: string; position: string; club: string }>;

    // The commissioner does not set a manager's lineup; an API key or a stranger neither.
    assert.equal((await put(l.commish.client, path, { starters })).status, 403);
    // A QB on the bench into the RB slot: ineligible.
    const benchQb = bench.find((p) => p.position === 'QB')!;
    const wrong = await put(l.manager.client, path, { starters: starters.map((id: string, i: number) => (i === 1 ? benchQb.playerId : id)) });
    assert.deepEqual([wrong.status, wrong.body.error.code], [409, 'INELIGIBLE_FOR_SLOT']);
    const swapped = starters.map((id: string, i: number) => (i === 0 ? benchQb.playerId : id));
    const set = await put(l.manager.client, path, { starters: swapped });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal(set.body.auto, false);
    assert.equal(set.body.starters[0].playerId, benchQb.playerId);

    // At the bench QB's own kickoff he locks: he may not leave; a player of a later game still moves.
    const kickoff = Date.parse(l.season.periods[0].fixtures[benchQb.club]);
    await at(l, kickoff - 1);
    assert.equal((await put(l.manager.client, path, { starters })).status, 200, 'a millisecond before kickoff');
    assert.equal((await put(l.manager.client, path, { starters: swapped })).status, 200);
    clock = kickoff;
    const locked = await put(l.manager.client, path, { starters });
    assert.deepEqual([locked.status, locked.body.error.code], [409, 'LINEUP_LOCKED']);
    assert.equal((await l.manager.client.get(path)).body.starters[0].locked, true);
  });

  it('only starters score in a matchup (the bench is shown), finalize settles it, standings follow, a correction re-finalizes', async () => {
    const l = await league();
    const matchups = (await l.manager.client.get(`${l.base}/matchups?period=1`)).body;
    const game = matchups.items.find((m: any) => m.home.teamId === l.teamIds[0] || m.away.teamId === l.teamIds[0]);
    const mine = game.home.teamId === l.teamIds[0] ? game.home : game.away;
    const other = game.home.teamId === l.teamIds[0] ? game.away : game.home;
    const ext = async (playerId: string) => l.pool.find((p) => p.id === playerId)!.externalId;
    // A starter's 10 points count; a bench player's 30 are shown only; the opponent's starter scores 5.
    await ingest([
      footballLine(await ext(mine.starters[0].playerId), { passTd: 2, passYards: 50 }),
      footballLine(await ext(mine.bench[0].playerId), { rushTd: 5 }),
      footballLine(await ext(other.starters[3].playerId), { recYards: 50 }),
    ]);
    const live = (await l.manager.client.get(`${l.base}/matchups?period=1`)).body.items.find((m: any) => m.id === game.id);
    const [me, them] = live.home.teamId === l.teamIds[0] ? [live.home, live.away] : [live.away, live.home];
    assert.deepEqual([me.points, me.benchPoints, them.points], [10, 30, 5]);
    assert.equal(live.result, live.home.teamId === l.teamIds[0] ? 'home' : 'away');

    // Not before the period locks; not by a manager.
    assert.equal((await l.commish.client.post(`${l.base}/periods/1/finalize`)).body.error.code, 'PERIOD_NOT_STARTED');
    await at(l, weekLock(1) + 3600_000);
    assert.equal((await l.manager.client.post(`${l.base}/periods/1/finalize`)).status, 403);
    assert.equal((await l.commish.client.post(`${l.base}/periods/2/finalize`)).body.error.code, 'PERIOD_NOT_STARTED');
    const done = await l.commish.client.post(`${l.base}/periods/1/finalize`);
    assert.deepEqual(done.body, { period: 1, finalized: true, refinalized: false, changed: 0 });
    // Again: nothing changes, nothing re-finalized (idempotent).
    assert.deepEqual((await l.commish.client.post(`${l.base}/periods/1/finalize`)).body, { period: 1, finalized: false, refinalized: false, changed: 0 });
    // Lineups of a final period no longer change.
    const frozen = await put(l.manager.client, `${l.base}/teams/${l.teamIds[0]}/lineup?period=1`, { starters: me.starters.map((s: any) => s.playerId) });
    assert.equal(frozen.body.error.code, 'PERIOD_FINAL');

    const standings = (await l.manager.client.get(`${l.base}/standings`)).body;
    assert.ok(Array.isArray(standings.items), 'the fantasy points table is still there');
    const row = standings.season.items.find((r: any) => r.teamId === l.teamIds[0]);
    assert.deepEqual([row.wins, row.losses, row.pointsFor, row.pointsAgainst, row.streak, row.rank], [1, 0, 10, 5, 'W1', 1]);

    // A stat correction of a final period (same key, new stats) through the score job: re-finalized, and it says so.
    const corrected = footballLine(await ext(other.starters[3].playerId), { recYards: 50, recTd: 2 });
    const { storedIds } = await storeStatEvents(emOf(server), [corrected]);
    const result = await scoreQueue(server.app.storage.orm, () => clock).process({ statEventIds: storedIds }, { id: 'x', queue: 'score', attemptsMade: 0, jobs: server.app.jobs });
    assert.equal(result.refinalized, 1);
    const period = (await l.manager.client.get(`${l.base}/schedule`)).body.periods[0];
    assert.equal(period.refinalized, 1);
    const after = (await l.manager.client.get(`${l.base}/standings`)).body.season.items.find((r: any) => r.teamId === l.teamIds[0]);
    assert.deepEqual([after.wins, after.losses, after.pointsAgainst, after.streak], [0, 1, 17, 'L1']);
  });

  it('a rescore under new rules re-finalizes final periods', async () => {
    const l = await league();
    const game = (await l.manager.client.get(`${l.base}/matchups?period=1`)).body.items[0];
    const wr = [...game.home.starters, ...game.away.starters].find((s: any) => s.slot === 'WR');
    await ingest([footballLine(l.pool.find((p) => p.id === wr.playerId)!.externalId, { receptions: 10, recYards: 10 })]);
    await at(l, weekLock(1) + 3600_000);
    await l.commish.client.post(`${l.base}/periods/1/finalize`);
    const before = (await l.manager.client.get(`${l.base}/schedule`)).body.periods[0].matchups.find((m: any) => m.id === game.id);
    // PPR (the default) gave 10 + 1; standard gives 1.
    const rules = await l.commish.client.post(`${l.base}/scoring-rules`, { preset: 'standard' });
    assert.equal(rules.body.refinalized, 1);
    const after = (await l.manager.client.get(`${l.base}/schedule`)).body.periods[0].matchups.find((m: any) => m.id === game.id);
    const side = game.home.starters.some((s: any) => s.playerId === wr.playerId) ? 'homePoints' : 'awayPoints';
    assert.deepEqual([before[side], after[side]], [11, 1]);
  });

  it('an odd team count: one bye a week, the resting team plays no game and its record counts none', async () => {
    const l = await seasonLeague(server, 5);
    const created = await l.commish.client.post(`${l.base}/seasons`, seasonBody(l.players, { regular: 5, playoffTeams: 4, playoffWeeks: 2 }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const schedule = (await l.manager.client.get(`${l.base}/schedule`)).body;
    const regular = schedule.periods.filter((p: { kind: string }) => p.kind === 'regular');
    const resting = regular.map((p: any) => p.matchups.filter((m: any) => m.away === null).map((m: any) => m.home.teamId));
    assert.ok(resting.every((r: string[]) => r.length === 1));
    assert.equal(new Set(resting.flat()).size, 5, 'each team rests once in five weeks');
    await at(l, weekLock(1) + 3600_000);
    assert.equal((await l.commish.client.post(`${l.base}/periods/1/finalize`)).status, 200);
    const rows = (await l.manager.client.get(`${l.base}/standings`)).body.season.items;
    const bye = rows.find((r: any) => r.teamId === resting[0][0]);
    assert.equal(bye.wins + bye.losses + bye.ties, 0);
    assert.equal(rows.reduce((n: number, r: any) => n + r.wins + r.losses + r.ties, 0), 4, 'two games, four team results');
    const bracket = (await l.manager.client.get(`${l.base}/playoffs`)).body;
    assert.deepEqual([bracket.seeds, bracket.rounds, bracket.champion], [null, [], null], 'no seeds before the regular season is final');
  });

  it('standings name a season: ?season= reads that one, an unknown number is a 404, a bad one a 400', async () => {
    const l = await league();
    await at(l, weekLock(1) + 3600_000);
    assert.equal((await l.commish.client.post(`${l.base}/periods/1/finalize`)).status, 200);
    const current = (await l.manager.client.get(`${l.base}/standings`)).body.season;
    const named = (await l.manager.client.get(`${l.base}/standings?season=1`)).body.season;
    assert.equal(named.number, 1);
    assert.deepEqual(named, current);
    assert.equal((await l.manager.client.get(`${l.base}/standings?season=2`)).status, 404);
    assert.equal((await l.manager.client.get(`${l.base}/standings?season=0`)).status, 400);
  });
});
