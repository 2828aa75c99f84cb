/**
 * Stored stat events → fantasy scores. Points go to the team that has the player on its roster
 * when the event is first scored in that league; afterwards the event stays with that team (a
 * later trade or a rescore under new rules changes points, never who earned them). In an F1
 * league that plays race weekends a race's result goes to the team that drafted the driver for
 * that race (src/f1/attribution.ts), whatever the rosters say.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { FantasyScore, League, Player, StatEvent } from '../db/entities/index.ts';
import { validRules, type ScoringRules } from './rules.ts';
import { scoreLine } from './scorer.ts';
import { isScoredSport, numericStats } from './stats.ts';
import { activeRulesOfLeagues, findVersion, scoredLeague, type ScoredLeague } from './versions.ts';
import { raceAttribution } from '../f1/attribution.ts';
import { executeBound } from '../db/bound-query.ts';

/** Which team of a league an event's points go to. */
interface Attribution { statEventId: string; teamId: string }

/** One line's points under one rules set: one object, shared by the rows of every league scoring the line under those rules. */
interface LineScore { points: number; breakdown: FantasyScore['breakdown'] }

/** A score row as written: its points are its line's, shared by every league scoring that line under those rules. */
type ScoreRow = Pick<FantasyScore, 'league' | 'team' | 'player' | 'statEvent' | 'rulesVersion' | 'period'> & { line: LineScore };

/** One line's points under one rules set: the same in every league scoring with those rules. */
type LineScores = (rules: ScoringRules, event: StatEvent, player: Player) => LineScore;

/**
 * A LineScores that scores each (rules, line) once: a batch scored in a hundred leagues mostly under
 * one preset. Rules are told equal by their content (each league's rules are an object of its own),
 * serialized once per object; a row then costs two map lookups, not a key built from the rules.
 */
function memoizedLineScores(): LineScores {
  const contentOf = new WeakMap<ScoringRules, string>();
  const byRules = new Map<string, Map<string, LineScore>>();
  return (rules, event, player) => {
    let content = contentOf.get(rules);
    if (content === undefined) contentOf.set(rules, content = JSON.stringify(rules));
    let lines = byRules.get(content);
    if (!lines) byRules.set(content, lines = new Map());
    let scored = lines.get(event.id);
    if (!scored) {
      const { points, breakdown } = scoreLine(rules, player.positions[0] ?? '', numericStats(rules.sport, event.stats));
      lines.set(event.id, scored = { points, breakdown });
    }
    return scored;
  };
}

/** The score rows of some events for one league under one version (pure). */
function scoreRows(
  league: ScoredLeague, version: number, rules: ScoringRules, attributions: Attribution[],
  events: Map<string, StatEvent>, players: Map<string, Player>, lineScores: LineScores = memoizedLineScores(),
): ScoreRow[] {
  return attributions.flatMap(({ statEventId, teamId }) => {
    const event = events.get(statEventId);
    const player = event && players.get(event.player);
    if (!event || !player || event.sport !== league.sport) return [];
    return [{
      league: league.id, team: teamId, player: player.id, statEvent: event.id,
      rulesVersion: version, period: event.period, line: lineScores(rules, event, player),
    }];
  });
}

async function loadEvents(em: EntityManager, ids: string[]) {
  const events = await em.find(StatEvent, { id: { $in: ids } }, { disableIdentityMap: true });
  const players = await em.find(Player, { id: { $in: [...new Set(events.map((e) => e.player))] } }, { disableIdentityMap: true });
  return { events: new Map(events.map((e) => [e.id, e])), players: new Map(players.map((p) => [p.id, p])) };
}

export async function scoreStatEvents(em: EntityManager, statEventIds: string[]): Promise<{ scores: number }> {
  const { scores } = await scoreStatEventsInLeagues(em, statEventIds);
  return { scores };
}

/** A league whose scores were written, and its latest stat line among them (null: none scored there now). */
export interface LeagueScoresChange {
  leagueId: string;
  latest: { period: string; occurredAt: number } | null;
}

function latestScored(rows: ScoreRow[], events: Map<string, StatEvent>): LeagueScoresChange['latest'] {
  let latest: LeagueScoresChange['latest'] = null;
  for (const row of rows) {
    const occurredAt = events.get(row.statEvent)?.occurredAt.getTime() ?? 0;
    if (!latest || occurredAt > latest.occurredAt) latest = { period: row.period, occurredAt };
  }
  return latest;
}

/**
 * Score rows written per database transaction: about five leagues of a full batch. Each group
 * commits and is announced on its own, so the first leagues' rooms hear of their points while later
 * leagues are still being written, instead of every league waiting for one transaction over all of
 * them. Measured here (100 leagues × 500 lines, two writers): groups of 500 rows took the job 2.8–3.3 s,
 * 2,500 and 5,000 rows 1.5–2.1 s (fewer commits, and each group's lines travel once); 2,500 reach
 * the first rooms sooner. Two writers beat one (a third did not help).
 */
export const SCORE_ROWS_PER_COMMIT = 2500;

export interface ScoringOptions {
  /** Told once per committed group of leagues, before the next group is written. */
  committed?: (changes: LeagueScoresChange[]) => void;
  /** Rows per transaction (tests make it small to see the groups). */
  rowsPerCommit?: number;
}

/** Groups written at once, each in its own transaction (the pool has more connections than this; with one connection they queue). */
const WRITERS = 2;

/**
 * One league's rows of a job; `stale` are the events that have rows in the league from before
 * (a correction, a new version, a line nobody holds now): those not of `version` are deleted.
 */
interface LeagueBatch { leagueId: string; version: number; nobody: string[]; stale: string[]; rows: ScoreRow[] }

/** The teams (with their league) holding these players now. */
function holdersOf(em: EntityManager, playerIds: string[]): Promise<Array<{ player: string; team: string; league: string }>> {
  if (playerIds.length === 0) return Promise.resolve([]);
  return em.getConnection().execute(
    `select r.player_id as player, r.team_id as team, t.league_id as league from roster_entries r join teams t on t.id = r.team_id
      where r.released_at is null and r.player_id in (${playerIds.map(() => '?').join(',')})`, playerIds, 'all', em.getTransactionContext());
}

/** Where these events' points went before, per league and player (one row per league, event and player). */
function attributedBefore(em: EntityManager, ids: string[]): Promise<Array<{ league: string; team: string; player: string; statEvent: string }>> {
  return em.getConnection().execute(
    `select distinct league_id as league, team_id as team, player_id as player, stat_event_id as "statEvent" from fantasy_scores
      where stat_event_id in (${ids.map(() => '?').join(',')})`, ids, 'all', em.getTransactionContext());
}

/**
 * Scores the events in every league that has their players; also says which leagues' scores were
 * written. The leagues are written in groups, one transaction each (SCORE_ROWS_PER_COMMIT), and
 * `committed` hears of each group as soon as it is committed. Every group is an upsert keyed by
 * (league, event, version): a retried job writes the same rows again, never a second copy, and a
 * job that died between two groups is completed by its retry.
 */
export async function scoreStatEventsInLeagues(
  em: EntityManager, statEventIds: string[], { committed = () => {}, rowsPerCommit = SCORE_ROWS_PER_COMMIT }: ScoringOptions = {},
): Promise<{ scores: number; changes: LeagueScoresChange[] }> {
  const ids = [...new Set(statEventIds)];
  if (ids.length === 0) return { scores: 0, changes: [] };
  const { events, players } = await loadEvents(em, ids);
  if (events.size === 0) return { scores: 0, changes: [] };
  const playerIds = [...new Set([...events.values()].map((e) => e.player))];
  // Teams holding the players now, and where the events already went (a correction, a rescore):
  // plain rows, as many as leagues × lines, so no entities are built for them.
  const entries = await holdersOf(em, playerIds);
  const scored = await attributedBefore(em, ids);
  const racing = await raceAttribution(em, [...events.values()]);
  const leagueIds = new Set([...entries.map((e) => e.league), ...scored.map((s) => s.league), ...racing.leagues]);
  const leagues = (await em.find(League, { id: { $in: [...leagueIds] } }, { disableIdentityMap: true }))
    .filter((league): league is ScoredLeague => isScoredSport(league.sport));

  const earlier = new Map(scored.map((s) => [`${s.league}:${s.statEvent}:${s.player}`, s.team]));
  // Only events a league scored before can have rows there to delete (a fresh batch has none).
  const scoredIn = new Map<string, Set<string>>();
  for (const s of scored) {
    const inLeague = scoredIn.get(s.league);
    if (inLeague) inLeague.add(s.statEvent);
    else scoredIn.set(s.league, new Set([s.statEvent]));
  }
  const holder = new Map(entries.map((e) => [`${e.league}:${e.player}`, e.team]));
  // Rules first: a league without any gets its default here, outside the write transactions.
  const rulesOf = await activeRulesOfLeagues(em, leagues);
  const at = new Date();
  const lineScores = memoizedLineScores();
  const batchOf = (league: ScoredLeague): LeagueBatch => {
    const { version, rules } = rulesOf.get(league.id)!;
    const attributions = [...events.values()].flatMap((event): Attribution[] => {
      const raced = racing.teamFor(league.id, event);
      const teamId = raced !== undefined ? raced : earlier.get(`${league.id}:${event.id}:${event.player}`) ?? holder.get(`${league.id}:${event.player}`);
      return teamId ? [{ statEventId: event.id, teamId }] : [];
    });
    // Events this league scores for nobody (a race driver nobody drafted): any row they left goes.
    const attributed = new Set(attributions.map((a) => a.statEventId));
    const nobody = [...events.keys()].filter((id) => !attributed.has(id));
    const stale = [...(scoredIn.get(league.id) ?? [])];
    return { leagueId: league.id, version, nobody, stale, rows: scoreRows(league, version, rules, attributions, events, players, lineScores) };
  };
  const batches: LeagueBatch[] = [];
  // The next group of leagues, scored when a writer is free for it: the first group is written
  // while later leagues are not even scored yet. A group closes once it holds rowsPerCommit rows.
  const nextGroup = (): LeagueBatch[] => {
    const group: LeagueBatch[] = [];
    for (let rows = 0; rows < rowsPerCommit && batches.length < leagues.length;) {
      const batch = batchOf(leagues[batches.length]);
      batches.push(batch);
      group.push(batch);
      rows += batch.rows.length;
    }
    return group;
  };
  const changeOf = (b: LeagueBatch): LeagueScoresChange => ({ leagueId: b.leagueId, latest: latestScored(b.rows, events) });
  // A few groups in flight on their own connections: each commits and is announced on its own.
  await Promise.all(Array.from({ length: WRITERS }, async () => {
    for (let group = nextGroup(); group.length > 0; group = nextGroup()) {
      await em.fork().transactional((tx) => writeScores(tx, group, at));
      committed(group.map(changeOf));
    }
  }));
  const count = batches.reduce((sum, b) => sum + b.rows.length, 0);
  return { scores: count, changes: batches.map(changeOf) };
}

async function writeScores(tx: EntityManager, group: LeagueBatch[], at: Date): Promise<void> {
  await deleteStale(tx, group);
  await upsertScores(tx, group, at);
}

/**
 * Rows these events left before that no longer stand: those of another version (of an older
 * revision: only rescoring makes them anew) and those of an event the league now scores for
 * nobody (a race driver nobody drafted). One statement for the group, only where rows were found.
 */
async function deleteStale(tx: EntityManager, group: LeagueBatch[]): Promise<void> {
  const leagues: string[] = [];
  const events: string[] = [];
  const keep: number[] = [];
  for (const { leagueId, version, nobody, stale } of group) {
    const gone = new Set(nobody);
    for (const event of stale) {
      leagues.push(leagueId);
      events.push(event);
      // 0 is no version: every row of an event scored for nobody goes.
      keep.push(gone.has(event) ? 0 : version);
    }
  }
  if (leagues.length === 0) return;
  await executeBound(tx, `delete from fantasy_scores s using unnest($1::uuid[], $2::uuid[], $3::int[]) as d(l, e, keep)
     where s.league_id = d.l and s.stat_event_id = d.e and s.rules_version <> d.keep`, [leagues, events, keep]);
}

/** Positions (1-based, as PostgreSQL's `with ordinality`) of distinct values in first-seen order. */
class Numbering<T> {
  readonly values: T[] = [];
  private readonly index = new Map<T, number>();
  of(value: T): number {
    let at = this.index.get(value);
    if (at === undefined) this.index.set(value, at = this.values.push(value));
    return at;
  }
}

/**
 * One statement for the group's rows, its values bound as arrays (src/db/bound-query.ts). Each
 * league, event, team and line travels once; a row is four numbers naming them (a hundred
 * leagues × 500 lines: ~1 MB of numbers instead of ~10 MB of ids in JSON), joined back in SQL.
 */
async function upsertScores(tx: EntityManager, group: LeagueBatch[], at: Date): Promise<void> {
  const leagues = new Numbering<LeagueBatch>();
  const events = new Numbering<string>();
  const teams = new Numbering<string>();
  const lines = new Numbering<LineScore>();
  const eventOf = new Map<string, ScoreRow>();
  const rowLeague: number[] = [];
  const rowEvent: number[] = [];
  const rowTeam: number[] = [];
  const rowLine: number[] = [];
  for (const batch of group) {
    for (const row of batch.rows) {
      rowLeague.push(leagues.of(batch));
      rowEvent.push(events.of(row.statEvent));
      rowTeam.push(teams.of(row.team));
      rowLine.push(lines.of(row.line));
      if (!eventOf.has(row.statEvent)) eventOf.set(row.statEvent, row);
    }
  }
  if (rowLeague.length === 0) return;
  const eventRows = events.values.map((id) => eventOf.get(id)!);
  // New rows get their id from PostgreSQL; a row scored before keeps its own.
  await executeBound(tx, `insert into fantasy_scores (id, league_id, team_id, player_id, stat_event_id, rules_version, period, points, breakdown, scored_at)
     select gen_random_uuid(), lg.l, tm.t, ev.p, ev.e, lg.v, ev.d, ln.points, ln.breakdown, $1::timestamptz
       from unnest($2::int[], $3::int[], $4::int[], $5::int[]) as r(li, ei, ti, ki)
       join unnest($6::uuid[], $7::int[]) with ordinality as lg(l, v, i) on lg.i = r.li
       join unnest($8::uuid[], $9::uuid[], $10::varchar[]) with ordinality as ev(e, p, d, i) on ev.i = r.ei
       join unnest($11::uuid[]) with ordinality as tm(t, i) on tm.i = r.ti
       join jsonb_to_recordset($12::jsonb) as ln(i int, points double precision, breakdown jsonb) on ln.i = r.ki
     on conflict (league_id, stat_event_id, rules_version) do update set team_id = excluded.team_id, player_id = excluded.player_id,
       period = excluded.period, points = excluded.points, breakdown = excluded.breakdown, scored_at = excluded.scored_at`,
  [
    at, rowLeague, rowEvent, rowTeam, rowLine,
    leagues.values.map((b) => b.leagueId), leagues.values.map((b) => b.version),
    eventRows.map((r) => r.statEvent), eventRows.map((r) => r.player), eventRows.map((r) => r.period),
    teams.values, JSON.stringify(lines.values.map((l, i) => ({ i: i + 1, points: l.points, breakdown: l.breakdown }))),
  ]);
}

/**
 * Recomputes every score the league has (each event with the team it went to) under `version`,
 * from the stored events: replaying them, not adjusting old numbers.
 */
export async function rescoreLeague(em: EntityManager, leagueId: string, version: number): Promise<{ scores: number }> {
  const league = await scoredLeague(em, leagueId);
  const rules = validRules(league.sport, (await findVersion(em, leagueId, version)).rules);
  const scored = await em.find(FantasyScore, { league: leagueId }, { fields: ['team', 'statEvent'], disableIdentityMap: true });
  const attributions = [...new Map(scored.map((s) => [s.statEvent, { statEventId: s.statEvent, teamId: s.team }])).values()];
  const { events, players } = await loadEvents(em, attributions.map((a) => a.statEventId));
  const at = new Date();
  const rows = scoreRows(league, version, rules, attributions, events, players).map(({ line, ...row }) => ({
    ...row, id: crypto.randomUUID(), points: line.points, breakdown: line.breakdown, scoredAt: at,
  }));
  await em.transactional(async (tx) => {
    await tx.nativeDelete(FantasyScore, { league: leagueId, rulesVersion: version });
    if (rows.length > 0) await tx.insertMany(FantasyScore, rows);
  });
  return { scores: rows.length };
}
