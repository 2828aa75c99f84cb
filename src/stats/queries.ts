import type { EntityManager } from '@mikro-orm/postgresql';
import type { LineKind } from '../db/entities/index.ts';
import { BATTING_COUNTS, PITCHING_COUNTS, type LineCounts as Counts } from './rates.ts';

/**
 * The SQL of season stats: player_game_lines summed per player, ordered by a sort key with the
 * player id breaking ties, paged by keyset on (sort key, player id).
 */

interface SortSpec {
  /** SQL over the summed columns; null where the stat has no value (no at-bats, no outs). */
  expr: string;
  dir: 'asc' | 'desc';
}

const q = (column: string) => `"${column}"`;
const ratio = (over: string, under: string) => `case when ${under} > 0 then (${over})::float8 / (${under}) end`;

const OBP = ratio('h + bb + hbp + sf', 'ab + bb + hbp + sf');
const SLG = ratio('h + "double" + 2 * "triple" + 3 * hr', 'ab');

function countingSorts<const K extends string>(columns: readonly K[], rename: Partial<Record<K, string>> = {}): Record<K, SortSpec> {
  return Object.fromEntries(columns.map((c) => [c, { expr: q(rename[c] ?? c), dir: 'desc' }])) as Record<K, SortSpec>;
}

const BATTING_RATE_SORTS = ['avg', 'obp', 'slg', 'ops'] as const;
const BATTING_COUNT_SORTS = ['h', 'hr', 'rbi', 'r', 'sb', 'bb', 'so', 'double', 'triple', 'hbp', 'cs', 'pa', 'ab', 'g'] as const;
export const BATTING_SORT_NAMES = [...BATTING_RATE_SORTS, ...BATTING_COUNT_SORTS] as const;
export type BattingSort = (typeof BATTING_SORT_NAMES)[number];

const BATTING_SORTS: Record<BattingSort, SortSpec> = {
  avg: { expr: ratio('h', 'ab'), dir: 'desc' },
  obp: { expr: OBP, dir: 'desc' },
  slg: { expr: SLG, dir: 'desc' },
  ops: { expr: `(${OBP}) + (${SLG})`, dir: 'desc' },
  ...countingSorts(BATTING_COUNT_SORTS),
};

const PITCHING_COUNT_SORTS = ['ip', 'so', 'w', 'sv', 'l', 'g', 'gs', 'bb', 'h', 'r', 'er', 'hr'] as const;
export const PITCHING_SORT_NAMES = ['era', 'whip', ...PITCHING_COUNT_SORTS] as const;
export type PitchingSort = (typeof PITCHING_SORT_NAMES)[number];

const PITCHING_SORTS: Record<PitchingSort, SortSpec> = {
  era: { expr: ratio('27 * er', 'outs'), dir: 'asc' },
  whip: { expr: ratio('3 * (bb + h)', 'outs'), dir: 'asc' },
  ...countingSorts(PITCHING_COUNT_SORTS, { ip: 'outs' }),
};

/**
 * The key of a player with no value (a batter with no at-bat by AVG): every stat is at least 0
 * and an ERA stays far below this, so these players come last either way. Within what a cursor's
 * key may be (src/http/cursor.ts: ±1e15), so a page ending on one of them continues.
 */
const NO_VALUE = { desc: -1, asc: 1e12 };

export interface LeaderQuery {
  leagueId: string;
  season: number;
  kind: LineKind;
  sort: string;
  teamId?: string;
  /** Players below this many PA (batting) or outs (pitching) are left out. */
  minimum: number;
  limit: number;
  after?: { key: number; playerId: string };
}

/** One player's season totals as the query returns them: his counts plus names and the sort key. */
export type LeaderRow = Partial<Counts> & { g: number; player_id: string; player_name: string; team_id: string; team_name: string; sort_key: number };

export async function leaderRows(em: EntityManager, query: LeaderQuery): Promise<LeaderRow[]> {
  const batting = query.kind === 'batting';
  const spec: SortSpec = batting ? BATTING_SORTS[query.sort as BattingSort] : PITCHING_SORTS[query.sort as PitchingSort];
  const counts = batting ? BATTING_COUNTS : PITCHING_COUNTS;
  const params: unknown[] = [query.leagueId, query.season, query.kind];
  let sql = `with totals as (
    select player_id, count(*)::int as g, ${counts.map((c) => `sum(${q(c)})::int as ${q(c)}`).join(', ')},
      (array_agg(team_id order by finished_at desc, game_id desc))[1] as team_id
    from player_game_lines
    where league_id = cast(? as uuid) and season = ? and kind = ?`;
  if (query.teamId) { sql += ' and team_id = cast(? as uuid)'; params.push(query.teamId); }
  sql += ` group by player_id
  ), keyed as (
    select totals.*, coalesce((${spec.expr})::float8, ${NO_VALUE[spec.dir]}) as sort_key
    from totals where ${batting ? 'pa' : 'outs'} >= ?
  )
  select keyed.*, players.name as player_name, teams.name as team_name
  from keyed join players on players.id = keyed.player_id join teams on teams.id = keyed.team_id`;
  params.push(query.minimum);
  if (query.after) {
    sql += ` where (sort_key ${spec.dir === 'desc' ? '<' : '>'} cast(? as float8) or (sort_key = cast(? as float8) and keyed.player_id > cast(? as uuid)))`;
    params.push(query.after.key, query.after.key, query.after.playerId);
  }
  sql += ` order by sort_key ${spec.dir}, keyed.player_id asc limit ?`;
  params.push(query.limit);
  return em.getConnection().execute<LeaderRow[]>(sql, params);
}

/** The latest season with lines in the league, null when there is none. */
export async function latestSeason(em: EntityManager, leagueId: string): Promise<number | null> {
  const rows = await em.getConnection().execute<Array<{ season: number | null }>>(
    'select max(season) as season from player_game_lines where league_id = cast(? as uuid)', [leagueId]);
  return rows[0]?.season ?? null;
}

/** A player's game log row: his line of one game with the game's teams and score. */
export type GameLogRow = Counts & {
  game_id: string; league_id: string; league_name: string; team_id: string; team_name: string; kind: LineKind;
  finished_at: Date; home_team_id: string; away_team_id: string; opponent_id: string; opponent_name: string;
  home_score: number; away_score: number; season: number;
};

/**
 * The leagues a user may see, as SQL (the rule of visibleLeague in src/leagues/access.ts, for
 * queries across leagues): the public ones and those he is a member of. One `?`: the user id.
 */
const VISIBLE_LEAGUE_IDS = `select id from leagues where visibility = 'public'
  union select league_id from league_members where user_id = cast(? as uuid)`;

export async function gameLogRows(em: EntityManager, playerId: string, season: number, viewerId: string, leagueId?: string): Promise<GameLogRow[]> {
  const params: unknown[] = [playerId, season, viewerId];
  let sql = `select l.*, g.home_team_id, g.away_team_id, g.home_score, g.away_score, lg.name as league_name,
      t.name as team_name, o.id as opponent_id, o.name as opponent_name
    from player_game_lines l
    join games g on g.id = l.game_id
    join leagues lg on lg.id = l.league_id
    join teams t on t.id = l.team_id
    join teams o on o.id = case when g.home_team_id = l.team_id then g.away_team_id else g.home_team_id end
    where l.player_id = cast(? as uuid) and l.season = ? and l.league_id in (${VISIBLE_LEAGUE_IDS})`;
  if (leagueId) { sql += ' and l.league_id = cast(? as uuid)'; params.push(leagueId); }
  sql += ' order by l.finished_at, l.game_id, l.kind';
  return em.getConnection().execute<GameLogRow[]>(sql, params);
}

export async function seasonsOf(em: EntityManager, playerId: string, viewerId: string, leagueId?: string): Promise<number[]> {
  const params: unknown[] = [playerId, viewerId];
  let sql = `select distinct season from player_game_lines where player_id = cast(? as uuid) and league_id in (${VISIBLE_LEAGUE_IDS})`;
  if (leagueId) { sql += ' and league_id = cast(? as uuid)'; params.push(leagueId); }
  const rows = await em.getConnection().execute<Array<{ season: number }>>(`${sql} order by season`, params);
  return rows.map((r) => r.season);
}
