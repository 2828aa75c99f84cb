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

/** Which team of a league an event's points go to. */
interface Attribution { statEventId: string; teamId: string }

/** One line's points under one rules set; `key` numbers it within a scoring run (the rows that share it name it). */
interface LineScore { key: number; points: number; breakdown: FantasyScore['breakdown'] }

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
  let keys = 0;
  return (rules, event, player) => {
    let content = contentOf.get(rules);
    if (content === undefined) contentOf.set(rules, content = JSON.stringify(rules));
    let lines = byRules.get(content);
    if (!lines) byRules.set(content, lines = new Map());
    let scored = lines.get(event.id);
    if (!scored) {
      const { points, breakdown } = scoreLine(rules, player.positions[0] ?? '', numericStats(rules.sport, event.stats));
      lines.set(event.id, scored = { key: ++keys, points, breakdown });
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
 * Score rows written per database transaction: about one league of a full batch. Each group
 * commits and is announced on its own, so the first leagues' rooms hear of their points while later
 * leagues are still being written, instead of every league waiting for one transaction over all of
 * them. Measured here (100 leagues × 500 lines): 500 rows a group and 2,000 take the same total
 * time; the smaller groups reach their rooms sooner. Two writers beat one (a third did not help).
 */
export const SCORE_ROWS_PER_COMMIT = 500;

export interface ScoringOptions {
  /** Told once per committed group of leagues, before the next group is written. */
  committed?: (changes: LeagueScoresChange[]) => void;
  /** Rows per transaction (tests make it small to see the groups). */
  rowsPerCommit?: number;
}

/** Groups written at once, each in its own transaction (the pool has more connections than this; with one connection they queue). */
const WRITERS = 2;

interface LeagueBatch { leagueId: string; version: number; nobody: string[]; rows: ScoreRow[] }

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
    return { leagueId: league.id, version, nobody, rows: scoreRows(league, version, rules, attributions, events, players, lineScores) };
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
      await em.fork().transactional((tx) => writeScores(tx, ids, group, at));
      committed(group.map(changeOf));
    }
  }));
  const count = batches.reduce((sum, b) => sum + b.rows.length, 0);
  return { scores: count, changes: batches.map(changeOf) };
}

async function writeScores(tx: EntityManager, ids: string[], group: LeagueBatch[], at: Date): Promise<void> {
  for (const { leagueId, version, nobody } of group) {
    // Another version's rows of these events may be of an older revision: only rescoring makes them anew.
    await tx.nativeDelete(FantasyScore, { league: leagueId, statEvent: { $in: ids }, rulesVersion: { $ne: version } });
    if (nobody.length > 0) await tx.nativeDelete(FantasyScore, { league: leagueId, statEvent: { $in: nobody } });
  }
  await upsertScores(tx, group.flatMap((b) => b.rows), at);
}

/**
 * One statement for the group's rows: they travel as JSON parameters that PostgreSQL unpacks
 * (jsonb_to_recordset), far cheaper to build and bind than ten placeholders per row. A line's points
 * and breakdown travel once, not once per league that scores it (a hundred leagues under one
 * preset: a hundredth of the bytes the breakdowns took), and the rows name their line.
 */
async function upsertScores(tx: EntityManager, rows: ScoreRow[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  const lines = new Map(rows.map((r) => [r.line.key, r.line]));
  const linesJson = JSON.stringify([...lines.values()].map((l) => ({ k: l.key, points: l.points, breakdown: l.breakdown })));
  const rowsJson = JSON.stringify(rows.map((r) => ({ l: r.league, t: r.team, p: r.player, e: r.statEvent, v: r.rulesVersion, d: r.period, k: r.line.key })));
  // New rows get their id from PostgreSQL; a row scored before keeps its own.
  await tx.getConnection().execute(
    `insert into fantasy_scores (id, league_id, team_id, player_id, stat_event_id, rules_version, period, points, breakdown, scored_at)
     select gen_random_uuid(), r.l, r.t, r.p, r.e, r.v, r.d, s.points, s.breakdown, ?::timestamptz
       from jsonb_to_recordset(?::jsonb) as r(l uuid, t uuid, p uuid, e uuid, v int, d varchar, k int)
       join jsonb_to_recordset(?::jsonb) as s(k int, points double precision, breakdown jsonb) on s.k = r.k
     on conflict (league_id, stat_event_id, rules_version) do update set team_id = excluded.team_id, player_id = excluded.player_id,
       period = excluded.period, points = excluded.points, breakdown = excluded.breakdown, scored_at = excluded.scored_at`,
    [at, rowsJson, linesJson], 'run', tx.getTransactionContext());
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
