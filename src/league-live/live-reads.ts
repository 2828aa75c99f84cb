/**
 * What every league room reads on a reload, read for many rooms at once. A score job commits the
 * scores of every league at once and all their rooms reload in the same moment: one query per kind of
 * row for all of them (src/db/batch-loader.ts: one query per event-loop turn) instead of five
 * queries per room queueing behind the connection pool. Nothing is cached: each batch is read
 * after the loads that asked for it, so a reload never sees less than its own queries would.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { BatchLoader, groupBy } from '../db/batch-loader.ts';
import { executeBound } from '../db/bound-query.ts';
import { latestScoredLines, livePeriodPoints, type LatestLineRow, type PeriodKey, type VersionKey } from '../scoring/period-points.ts';

/** What a reload needs to know of the league before its scores. */
export interface LeagueFacts {
  sport: string;
  /** Null: the league has no scoring pointer yet (its first reader makes one). */
  activeVersion: number | null;
  hasSeason: boolean;
  /** The league plays F1 race weekends. */
  hasRaces: boolean;
}

export interface RosterRow { sport: string; team_id: string | null; team_name: string | null; player_id: string | null; name: string | null; positions: string[] | null }
export interface PointsRow { period: string; occurred_at: Date; team_id: string; player_id: string; points: number; name: string; positions: string[] }

export class LiveReads {
  readonly #facts: BatchLoader<LeagueFacts>;
  readonly #rosters: BatchLoader<RosterRow[]>;
  readonly #points: BatchLoader<PointsRow[]>;
  readonly #latest: BatchLoader<LatestLineRow | null>;

  constructor(orm: MikroORM) {
    const uuid = (key: string) => key.toLowerCase();
    this.#facts = new BatchLoader(async (ids) => {
      const rows = await executeBound<LeagueFacts & { id: string; active_version: number | null; has_season: boolean; has_races: boolean }>(orm.em.fork(),
        `select l.id, l.sport, ls.active_version,
                exists (select 1 from seasons s where s.league_id = l.id) as has_season,
                exists (select 1 from f1_league_settings f where f.league_id = l.id) as has_races
           from leagues l left join league_scoring ls on ls.league_id = l.id where l.id = any($1::uuid[])`, [ids]);
      return new Map(rows.map((r) => [r.id, { sport: r.sport, activeVersion: r.active_version, hasSeason: r.has_season, hasRaces: r.has_races }]));
    }, { normalize: uuid });
    this.#rosters = new BatchLoader<RosterRow[]>(async (ids) => {
      const rows = await executeBound<RosterRow & { league_id: string }>(orm.em.fork(),
        `select l.id as league_id, l.sport, t.id as team_id, t.name as team_name, r.player_id, p.name, p.positions
           from leagues l left join teams t on t.league_id = l.id
           left join roster_entries r on r.team_id = t.id and r.released_at is null left join players p on p.id = r.player_id
          where l.id = any($1::uuid[]) order by l.id, t.created_at, t.id`, [ids]);
      return groupBy(ids, rows, (r) => r.league_id);
    }, { normalize: uuid });
    this.#points = new BatchLoader<PointsRow[]>(async (keys) => {
      const sums = await livePeriodPoints(orm.em.fork(), keys.map((key) => JSON.parse(key) as PeriodKey));
      return new Map(keys.map((key, i) => [key, sums[i]]));
    });
    this.#latest = new BatchLoader<LatestLineRow | null>(async (keys) => {
      const lines = await latestScoredLines(orm.em.fork(), keys.map((key) => JSON.parse(key) as VersionKey));
      return new Map(keys.map((key, i) => [key, lines[i]]));
    });
  }

  facts(leagueId: string): Promise<LeagueFacts | undefined> {
    return this.#facts.load(leagueId);
  }

  /** The league's sport, its teams in league order and their rosters with the players' names; [] for no league. */
  async roster(leagueId: string): Promise<RosterRow[]> {
    return (await this.#rosters.load(leagueId)) ?? [];
  }

  /** The league's latest scored line under the version (null: none): the period its room shows. */
  async latest(key: VersionKey): Promise<LatestLineRow | null> {
    return (await this.#latest.load(JSON.stringify({ leagueId: key.leagueId.toLowerCase(), version: key.version }))) ?? null;
  }

  async points(key: PeriodKey): Promise<PointsRow[]> {
    const { leagueId, version, period, occurredAt } = key;
    return (await this.#points.load(JSON.stringify({ leagueId: leagueId.toLowerCase(), version, period, occurredAt }))) ?? [];
  }
}

const perOrm = new WeakMap<MikroORM, LiveReads>();

/** The process's batched reads over this ORM (the rooms of one process share them). */
export function liveReads(orm: MikroORM): LiveReads {
  let reads = perOrm.get(orm);
  if (!reads) perOrm.set(orm, reads = new LiveReads(orm));
  return reads;
}
