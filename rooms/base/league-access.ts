import type { MikroORM } from '@mikro-orm/postgresql';
import type { Role, Visibility } from '../../src/db/entities/index.ts';
import { BatchLoader, placeholders } from '../../src/db/batch-loader.ts';

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
 * Joins asked for together share one query per table (./batch-loader.ts). The leagues × users of
 * a batch may pair up more rows than were asked for (a member of one league asking, and of
 * another); those are only left out of the answer, never given to a join that did not ask.
 */
export function leagueAccessReader(orm: MikroORM): (leagueId: string, userId: string) => Promise<LeagueAccess | null> {
  const loader = new BatchLoader<LeagueAccess>(async (keys) => {
    const pairs = keys.map((key) => key.split(' ') as [string, string]);
    const leagueIds = [...new Set(pairs.map(([leagueId]) => leagueId))];
    const userIds = [...new Set(pairs.map(([, userId]) => userId))];
    // Plain rows, not entities: a restart's batch is thousands of rows, and hydrating them into
    // the identity map was the largest CPU cost of seating (profiled); nothing here is written back.
    const [leagues, members, teams] = await Promise.all([
      rows<{ id: string; visibility: Visibility }>(orm, `select id, visibility from leagues where id in (${placeholders(leagueIds)})`, leagueIds),
      rows<{ league_id: string; user_id: string; role: Role }>(orm,
        `select league_id, user_id, role from league_members where league_id in (${placeholders(leagueIds)}) and user_id in (${placeholders(userIds)})`, [...leagueIds, ...userIds]),
      rows<{ id: string; league_id: string; owner_id: string }>(orm,
        `select id, league_id, owner_id from teams where league_id in (${placeholders(leagueIds)}) and owner_id in (${placeholders(userIds)})`, [...leagueIds, ...userIds]),
    ]);
    const visibility = new Map(leagues.map((league) => [league.id, league.visibility]));
    const roles = new Map(members.map((member) => [keyOf(member.league_id, member.user_id), member.role]));
    const owned = new Map(teams.map((team) => [keyOf(team.league_id, team.owner_id), team.id]));
    const access = new Map<string, LeagueAccess>();
    for (const [leagueId, userId] of pairs) {
      const seen = visibility.get(leagueId);
      const key = keyOf(leagueId, userId);
      if (seen) access.set(key, { visibility: seen, role: roles.get(key) ?? null, teamId: owned.get(key) ?? null });
    }
    return access;
  });
  return async (leagueId, userId) => (await loader.load(keyOf(leagueId, userId))) ?? null;
}
