/**
 * Stored stat events → fantasy scores. Points go to the team that has the player on its roster
 * when the event is first scored in that league; afterwards the event stays with that team (a
 * later trade or a rescore under new rules changes points, never who earned them). In an F1
 * league that plays race weekends a race's result goes to the team that drafted the driver for
 * that race (src/f1/attribution.ts), whatever the rosters say.
 *
 * Stored: each line's points once per rules content (`line_scores`, keyed by the event and the
 * md5 of the rules, shared by every league scoring with those rules), and who earned them per
 * league as read (the `score_owners` view, src/db/entities/scoring.ts): the holder now, unless
 * `score_attributions` says otherwise. A roster trigger writes those rows before a holder changes
 * (the lines he held stay his team's; lines scored while nobody held the player stay nobody's);
 * this job writes only race-weekend ones, and drops "nobody" where a line is scored again (it is
 * then first scored in that league, for whoever holds the player now). A 500-line batch in a
 * hundred leagues on one preset writes ~500 rows, not ~50,000.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { League, Player, StatEvent, type FantasyScore } from '../db/entities/index.ts';
import { validRules, type ScoringRules } from './rules.ts';
import { scoreLine } from './scorer.ts';
import { isScoredSport, numericStats } from './stats.ts';
import { activeRulesOfLeagues, findVersion, scoredLeague, type ScoredLeague } from './versions.ts';
import { raceAttribution } from '../f1/attribution.ts';
import { executeBound } from '../db/bound-query.ts';

/** One line's points under one rules set: the same in every league scoring with those rules. */
interface LineScore { points: number; breakdown: FantasyScore['breakdown'] }

/** The points of some events under one rules set (pure). */
function scoreLinesUnder(rules: ScoringRules, events: StatEvent[], players: Map<string, Player>): Map<string, LineScore> {
  const scored = new Map<string, LineScore>();
  for (const event of events) {
    const player = players.get(event.player);
    if (!player || event.sport !== rules.sport) continue;
    const { points, breakdown } = scoreLine(rules, player.positions[0] ?? '', numericStats(rules.sport, event.stats));
    scored.set(event.id, { points, breakdown });
  }
  return scored;
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

export interface ScoringOptions {
  /** Told once the scores are committed, before the job returns. */
  committed?: (changes: LeagueScoresChange[]) => void;
}

/** The leagues where these players are held now or these events were attributed before (plain rows, one per league). */
function leaguesOwning(em: EntityManager, playerIds: string[], eventIds: string[]): Promise<Array<{ league: string }>> {
  return executeBound(em, `select t.league_id as league from roster_entries r join teams t on t.id = r.team_id
      where r.released_at is null and r.player_id = any($1::uuid[])
     union
     select league_id from score_attributions where stat_event_id = any($2::uuid[])`, [playerIds, eventIds]);
}

/**
 * Per league: how many of these events it owns now and the latest of them (read after they are
 * written). The latest is the greatest "time period" string: time first (zero-padded microseconds), then period.
 */
async function ownedIn(em: EntityManager, eventIds: string[]): Promise<Map<string, { count: number; latest: LeagueScoresChange['latest'] }>> {
  const rows = await executeBound<{ league_id: string; count: string; latest: string }>(em,
    `select league_id, count(*) as count,
            max(lpad((extract(epoch from occurred_at) * 1000000)::bigint::text, 20, '0') || ' ' || period) as latest
       from score_owners where stat_event_id = any($1::uuid[]) group by league_id`, [eventIds]);
  return new Map(rows.map((r) => {
    const gap = r.latest.indexOf(' ');
    return [r.league_id, { count: Number(r.count), latest: { period: r.latest.slice(gap + 1), occurredAt: Math.round(Number(r.latest.slice(0, gap)) / 1000) } }];
  }));
}

/**
 * Scores the events in every league that has their players, in one transaction: each line once
 * per rules content among those leagues (an upsert: a retried job writes the same rows again,
 * never a second copy), then says which leagues' scores changed (`committed`, after the commit).
 * A line scored again (a correction) drops its points under rules no league scores it with now:
 * those of an older revision (only rescoring makes them anew).
 */
export async function scoreStatEventsInLeagues(
  em: EntityManager, statEventIds: string[], { committed = () => {} }: ScoringOptions = {},
): Promise<{ scores: number; changes: LeagueScoresChange[] }> {
  const ids = [...new Set(statEventIds)];
  if (ids.length === 0) return { scores: 0, changes: [] };
  const { events, players } = await loadEvents(em, ids);
  if (events.size === 0) return { scores: 0, changes: [] };
  const found = [...events.keys()];
  const playerIds = [...new Set([...events.values()].map((e) => e.player))];
  const owning = await leaguesOwning(em, playerIds, found);
  const racing = await raceAttribution(em, [...events.values()]);
  const leagueIds = new Set([...owning.map((o) => o.league), ...racing.leagues]);
  const leagues = (await em.find(League, { id: { $in: [...leagueIds] } }, { disableIdentityMap: true }))
    .filter((league): league is ScoredLeague => isScoredSport(league.sport));
  // Rules first: a league without any gets its default here, outside the write transaction.
  const rulesOf = await activeRulesOfLeagues(em, leagues);
  const keys = await executeBound<{ league_id: string; rules_key: string }>(em,
    `select p.league_id, v.rules_key from league_scoring p join scoring_rules v on v.league_id = p.league_id and v.version = p.active_version
      where p.league_id = any($1::uuid[])`, [leagues.map((l) => l.id)]);
  const rulesByKey = new Map(keys.map((k) => [k.rules_key, rulesOf.get(k.league_id)!.rules]));

  // Each line under each rules content of the leagues (of its sport) that may own it.
  const lineEvents: string[] = [];
  const lineKeys: string[] = [];
  const lines: Array<{ points: number; breakdown: LineScore['breakdown'] }> = [];
  for (const [key, rules] of rulesByKey) {
    for (const [eventId, line] of scoreLinesUnder(rules, [...events.values()], players)) {
      lineEvents.push(eventId);
      lineKeys.push(key);
      lines.push(line);
    }
  }
  // Race weekends: the drafting team of each race a league plays, or nobody (null).
  const raceLeagues: string[] = [];
  const raceEvents: string[] = [];
  const raceTeams: Array<string | null> = [];
  for (const league of leagues) {
    for (const event of events.values()) {
      const team = racing.teamFor(league.id, event);
      if (team === undefined) continue;
      raceLeagues.push(league.id);
      raceEvents.push(event.id);
      raceTeams.push(team);
    }
  }
  const at = new Date();
  await em.fork().transactional(async (tx) => {
    await executeBound(tx, 'update stat_events set scored_at = coalesce(scored_at, $2) where id = any($1::uuid[])', [found, at]);
    // Scored again where nobody held the player when it was first scored: first scored there now.
    await executeBound(tx, 'delete from score_attributions where stat_event_id = any($1::uuid[]) and team_id is null', [found]);
    if (raceLeagues.length > 0) {
      await executeBound(tx, `insert into score_attributions (league_id, stat_event_id, team_id)
         select * from unnest($1::uuid[], $2::uuid[], $3::uuid[])
         on conflict (league_id, stat_event_id) do update set team_id = excluded.team_id`, [raceLeagues, raceEvents, raceTeams]);
    }
    await executeBound(tx, `delete from line_scores s where s.stat_event_id = any($1::uuid[])
       and not exists (select 1 from unnest($2::uuid[], $3::varchar[]) as n(e, k) where n.e = s.stat_event_id and n.k = s.rules_key)`,
    [found, lineEvents, lineKeys]);
    if (lines.length > 0) await upsertLines(tx, lineEvents, lineKeys, lines, at);
  });
  const owned = await ownedIn(em, found);
  const changes = leagues.map((league): LeagueScoresChange => ({ leagueId: league.id, latest: owned.get(league.id)?.latest ?? null }));
  committed(changes);
  const count = leagues.reduce((sum, league) => sum + (owned.get(league.id)?.count ?? 0), 0);
  return { scores: count, changes };
}

/** Line scores written as one statement, its values bound as arrays (src/db/bound-query.ts). */
async function upsertLines(tx: EntityManager, events: string[], keys: string[], lines: LineScore[], at: Date): Promise<void> {
  await executeBound(tx, `insert into line_scores (stat_event_id, rules_key, points, breakdown, scored_at)
     select n.e, n.k, n.points, (n.breakdown::jsonb), $5::timestamptz
       from unnest($1::uuid[], $2::varchar[], $3::float8[], $4::text[]) as n(e, k, points, breakdown)
     on conflict (stat_event_id, rules_key) do update set points = excluded.points, breakdown = excluded.breakdown, scored_at = excluded.scored_at`,
  [events, keys, lines.map((l) => l.points), lines.map((l) => JSON.stringify(l.breakdown)), at]);
}

/**
 * Recomputes the points of every line the league owns under `version`, from the stored events:
 * replaying them, not adjusting old numbers. Lines are shared by rules content, so another league
 * with the same rules sees the same (recomputed) points.
 */
export async function rescoreLeague(em: EntityManager, leagueId: string, version: number): Promise<{ scores: number }> {
  const league = await scoredLeague(em, leagueId);
  const row = await findVersion(em, leagueId, version);
  const rules = validRules(league.sport, row.rules);
  const [{ rules_key: key }] = await executeBound<{ rules_key: string }>(em, 'select rules_key from scoring_rules where id = $1', [row.id]);
  const owned = await executeBound<{ stat_event_id: string }>(em, 'select distinct stat_event_id from score_owners where league_id = $1', [leagueId]);
  const { events, players } = await loadEvents(em, owned.map((o) => o.stat_event_id));
  const lines = scoreLinesUnder(rules, [...events.values()], players);
  if (lines.size > 0) {
    await em.transactional((tx) => upsertLines(tx, [...lines.keys()], [...lines.keys()].map(() => key), [...lines.values()], new Date()));
  }
  return { scores: lines.size };
}
