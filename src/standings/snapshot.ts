import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { League, LeagueStandingsSnapshot } from '../db/entities/index.ts';
import { baseballLeague, leagueStandings } from '../baseball/service.ts';
import { leagueTeams } from '../leagues/teams.ts';
import type { Jobs, QueueDefinition } from '../jobs/types.ts';

/**
 * Baseball standings as a snapshot (league_standings): the `standings` job recomputes a league's
 * when one of its games goes final, so reading them costs a few small queries instead of counting
 * every final game of the season. Each snapshot keeps its `basis` (how many final games, the last
 * one's time, the teams), so a reader that finds it stale (a job not run yet, or lost) computes
 * afresh and stores that: standings are never behind the games.
 */

export type Standings = Awaited<ReturnType<typeof leagueStandings>> & { computedAt: string };

/** What a league's standings are computed from, as a short comparable string. */
async function basisOf(em: EntityManager, leagueId: string): Promise<string> {
  const [games] = await em.getConnection().execute<Array<{ n: number; last: Date | null }>>(
    `select count(*)::int as n, max(finished_at) as last from games where league_id = ? and status = 'final' and mode = 'ranked'`, [leagueId]);
  const teams = (await leagueTeams(em, leagueId)).map((t) => `${t.id}=${t.name}`).join('|');
  const teamsHash = createHash('sha256').update(teams).digest('hex').slice(0, 16);
  return `${games.n}:${games.last ? new Date(games.last).getTime() : 0}:${teamsHash}`;
}

/** Computes a league's standings and stores them as its snapshot (idempotent: one row per league). */
export async function refreshStandings(em: EntityManager, leagueId: string): Promise<Standings> {
  // The basis before the games: a game that ends in between makes the snapshot look stale, never fresh.
  const basis = await basisOf(em, leagueId);
  const payload = await leagueStandings(em, leagueId);
  const computedAt = new Date();
  await em.upsert(LeagueStandingsSnapshot, { league: leagueId, computedAt, basis, payload }, {
    onConflictFields: ['league'], onConflictAction: 'merge', onConflictExcludeFields: ['id'],
  });
  return { ...payload, computedAt: computedAt.toISOString() };
}

/**
 * GET /api/v1/leagues/:id/standings: the stored snapshot while it is current, else computed now
 * (and stored). Same errors as computing them: 404 for an unknown league, 4xx for another sport.
 */
export async function standingsSnapshot(em: EntityManager, leagueId: string): Promise<Standings> {
  await baseballLeague(em, leagueId);
  const snapshot = await em.findOne(LeagueStandingsSnapshot, { league: leagueId }, { disableIdentityMap: true });
  if (snapshot && snapshot.basis === await basisOf(em, leagueId)) {
    return { ...(snapshot.payload as Omit<Standings, 'computedAt'>), computedAt: snapshot.computedAt.toISOString() };
  }
  return refreshStandings(em, leagueId);
}

const standingsData = z.object({ leagueId: z.uuid() });

export function standingsQueue(orm: MikroORM): QueueDefinition<z.infer<typeof standingsData>, { computedAt: string } | { skipped: string }> {
  return {
    name: 'standings', data: standingsData, attempts: 5, backoffMs: 1000, concurrency: 1, keepCompleted: 1000,
    async process({ leagueId }) {
      const em = orm.em.fork();
      // Asked, not inferred from an error: a league that is gone (or plays no baseball) has nothing to
      // retry, while every failure of the computation itself (the database) is thrown and retried.
      const league = await em.findOne(League, { id: leagueId }, { fields: ['sport'] });
      if (!league) return { skipped: 'League not found' };
      if (league.sport !== 'baseball') return { skipped: `${league.sport} leagues play no baseball games` };
      return { computedAt: (await refreshStandings(em, leagueId)).computedAt };
    },
  };
}

/** After a game goes final: its league's standings are recomputed in the background. */
export function enqueueStandings(jobs: Jobs, leagueId: string): Promise<string> {
  return jobs.add('standings', { leagueId });
}
