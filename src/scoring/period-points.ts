/**
 * Points per team and player of leagues' periods, as the `fantasy_scores` view has them, summed
 * without building a row per league and line: the live reload of a hundred league rooms at once
 * (src/league-live/). A league's period is each held player's lines summed once per rules
 * content (shared by every league with those rules), minus the lines the league attributes
 * otherwise (`score_attributions`: a team that had the player, or nobody), plus those lines for
 * the team they went to. The view reads the same rows line by line (test/scoring/ingest.test.ts
 * holds these sums to the view's, exceptions included; test/league-live the room to REST).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '../db/bound-query.ts';

/** One league period asked for: its points under `version`; `occurredAt` is handed back with the rows. */
export interface PeriodKey { leagueId: string; version: number; period: string; occurredAt: number }

export interface PeriodPointsRow { key: number; period: string; occurred_at: Date; team_id: string; player_id: string; points: number; name: string; positions: string[] }

const SQL = `with asked as materialized (
  select c.key, c.league_id, c.period, c.occurred_at, v.rules_key
    from unnest($1::uuid[], $2::int[], $3::varchar[], $4::timestamptz[]) with ordinality as c(league_id, version, period, occurred_at, key)
    join scoring_rules v on v.league_id = c.league_id and v.version = c.version),
held as materialized (
  select a.key, a.period, a.rules_key, r.team_id, r.player_id
    from asked a join teams t on t.league_id = a.league_id join roster_entries r on r.team_id = t.id and r.released_at is null),
lines as materialized (
  select e.id, e.player_id, e.period, s.rules_key, s.points
    from stat_events e join line_scores s on s.stat_event_id = e.id
   where e.scored_at is not null and e.period in (select period from asked) and s.rules_key in (select rules_key from asked)),
per_player as materialized (select player_id, period, rules_key, sum(points) as points from lines group by player_id, period, rules_key),
otherwise as materialized (
  select a.key, x.team_id, l.player_id, l.points
    from asked a join score_attributions x on x.league_id = a.league_id
    join lines l on l.id = x.stat_event_id and l.period = a.period and l.rules_key = a.rules_key),
parts as (
  select h.key, h.team_id, h.player_id, p.points
    from held h join per_player p on p.player_id = h.player_id and p.period = h.period and p.rules_key = h.rules_key
  union all
  select h.key, h.team_id, h.player_id, -o.points from otherwise o join held h on h.key = o.key and h.player_id = o.player_id
  union all
  select o.key, o.team_id, o.player_id, o.points from otherwise o where o.team_id is not null),
sums as (select key, team_id, player_id, sum(points) as points from parts group by key, team_id, player_id)
select s.key, a.period, a.occurred_at, s.team_id, s.player_id, s.points, p.name, p.positions
  from sums s join asked a on a.key = s.key join players p on p.id = s.player_id`;

/** The points of each asked league period, in the order asked (a league period with no rows: []). */
export async function livePeriodPoints(em: EntityManager, keys: readonly PeriodKey[]): Promise<PeriodPointsRow[][]> {
  if (keys.length === 0) return [];
  const rows = await readByHash<PeriodPointsRow>(em, SQL, [
    keys.map((k) => k.leagueId), keys.map((k) => k.version), keys.map((k) => k.period), keys.map((k) => new Date(k.occurredAt)),
  ]);
  const byKey = keys.map((): PeriodPointsRow[] => []);
  for (const row of rows) byKey[Number(row.key) - 1].push(row);
  return byKey;
}

/** A league's scores of one version whose latest scored line is asked for. */
export interface VersionKey { leagueId: string; version: number }

export interface LatestLineRow { period: string; occurredAt: number }

/**
 * The latest line (by time, then period) each league owns with points under the version: the
 * held players' lines the league has not attributed otherwise, and the lines attributed to a
 * team; the `fantasy_scores` view's latest, joined by hash rather than line by line per league.
 */
const LATEST_SQL = `with asked as materialized (
  select c.key, c.league_id, v.rules_key
    from unnest($1::uuid[], $2::int[]) with ordinality as c(league_id, version, key)
    join scoring_rules v on v.league_id = c.league_id and v.version = c.version),
held as materialized (
  select a.key, a.league_id, a.rules_key, r.player_id
    from asked a join teams t on t.league_id = a.league_id join roster_entries r on r.team_id = t.id and r.released_at is null),
lines as materialized (
  select e.id, e.player_id, e.occurred_at, e.period, s.rules_key
    from stat_events e join line_scores s on s.stat_event_id = e.id
   where e.scored_at is not null and e.player_id in (select player_id from held) and s.rules_key in (select rules_key from asked)),
candidates as (
  select h.key, l.occurred_at, l.period
    from held h join lines l on l.player_id = h.player_id and l.rules_key = h.rules_key
   where not exists (select 1 from score_attributions z where z.league_id = h.league_id and z.stat_event_id = l.id)
  union all
  select a.key, e.occurred_at, e.period
    from asked a join score_attributions z on z.league_id = a.league_id and z.team_id is not null
    join stat_events e on e.id = z.stat_event_id and e.scored_at is not null
    join line_scores s on s.stat_event_id = e.id and s.rules_key = a.rules_key)
select distinct on (key) key, period, occurred_at from candidates order by key, occurred_at desc, period desc`;

/**
 * Runs a read of many leagues' lines planned for its size: hash joins, never a loop per row (the
 * materialized steps carry no statistics, and a fresh table none either: the planner would
 * otherwise guess one row and loop over a hundred leagues' rosters line by line).
 */
function readByHash<Row>(em: EntityManager, sql: string, params: unknown[]): Promise<Row[]> {
  return em.transactional(async (tx) => {
    await executeBound(tx, 'set local enable_nestloop = off', []);
    return executeBound<Row>(tx, sql, params);
  });
}

/** Each asked league's latest scored line under its version, in the order asked (null: none). */
export async function latestScoredLines(em: EntityManager, keys: readonly VersionKey[]): Promise<Array<LatestLineRow | null>> {
  if (keys.length === 0) return [];
  const rows = await readByHash<{ key: string; period: string; occurred_at: Date }>(em, LATEST_SQL,
    [keys.map((k) => k.leagueId), keys.map((k) => k.version)]);
  const byKey: Array<LatestLineRow | null> = keys.map(() => null);
  for (const row of rows) byKey[Number(row.key) - 1] = { period: row.period, occurredAt: new Date(row.occurred_at).getTime() };
  return byKey;
}
