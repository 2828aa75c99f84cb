import type { MikroORM } from '@mikro-orm/postgresql';
import type { Role, Visibility } from '../../src/db/entities/index.ts';
import { BatchLoader } from '../../src/db/batch-loader.ts';

/** What a seat is decided from (./seat.ts): who may see the league, the user's role in it and the team he owns there. */
export interface LeagueAccess {
  visibility: Visibility;
  role: Role | null;
  teamId: string | null;
}

const rows = <Row>(orm: MikroORM, sql: string, params: string[]) => orm.em.fork().getConnection().execute<Row[]>(sql, params);

/** Ids are uuids: a space never occurs in one. */
const keyOf = (leagueId: string, userId: string) => `${leagueId} ${userId}`;

/**
 * A user's access to a league (null: no such league), read for many joins at once. After a
 * restart a thousand clients join within a moment, each needing its league, membership and team:
 * three rows a join, read one by one, queued thousands of round-trips behind the connection pool.
 * Joins asked for together share one query (./batch-loader.ts), which pairs each league with its
 * user and reads all three at once: a restart's joins come one or two per batch, so a statement
 * per table tripled the statements (500 drafts' restart: ~1,330 → ~510) and cost more CPU (a lone
 * load, measured: 400-450 µs back to back with three statements, 270 µs with one).
 */
export function leagueAccessReader(orm: MikroORM): (leagueId: string, userId: string) => Promise<LeagueAccess | null> {
  const loader = new BatchLoader<LeagueAccess>(async (keys) => {
    const pairs = keys.map((key) => key.split(' ') as [string, string]);
    // Plain rows, not entities: a restart's batch is thousands of rows, and hydrating them into
    // the identity map was the largest CPU cost of seating (profiled); nothing here is written back.
    // The pairs' ids come back as given (text), so they key the answer whatever their spelling.
    const found = await rows<{ league_id: string; user_id: string; visibility: Visibility; role: Role | null; team_id: string | null }>(orm,
      `select k.league_id, k.user_id, l.visibility, m.role, t.id as team_id
       from (values ${pairs.map(() => '(?, ?)').join(', ')}) as k (league_id, user_id)
       join leagues l on l.id = k.league_id::uuid
       left join league_members m on m.league_id = l.id and m.user_id = k.user_id::uuid
       left join teams t on t.league_id = l.id and t.owner_id = k.user_id::uuid`,
      pairs.flat());
    return new Map(found.map((row) => [keyOf(row.league_id, row.user_id),
      { visibility: row.visibility, role: row.role, teamId: row.team_id }]));
  });
  return async (leagueId, userId) => (await loader.load(keyOf(leagueId, userId))) ?? null;
}
