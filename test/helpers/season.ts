import { RosterEntry, Player, Team } from '../../src/db/entities/index.ts';
import { SPORT_DEFAULTS } from '../../src/draft/config.ts';
import { seed } from '../../src/db/seed.ts';
import { fillStartingSlots, snakeRosters } from '../../src/seed/rosters.ts';
import { DEFAULT_LINEUP } from '../../src/season/lineup-slots.ts';
import { weekFixtures, weekKey, type FeedPlayer } from '../../src/seed/football-feed.ts';
import type { TestServer } from './server.ts';
import { api, signUp } from './http.ts';
import { emOf } from './scoring.ts';

const DAY = 24 * 3600_000;
/** Sunday of week 1 (the sample feed's first Sunday). */
export const SEASON_SUNDAY = Date.parse('2026-09-13T00:00:00Z');
/** Week n's start (the Tuesday noon before its Sunday, after the last Monday night game), first lock (Sunday 17:00 UTC) and Sunday. */
export const weekStart = (week: number) => SEASON_SUNDAY + (week - 1) * 7 * DAY - 4.5 * DAY;
export const weekSunday = (week: number) => SEASON_SUNDAY + (week - 1) * 7 * DAY;
export const weekLock = (week: number) => weekSunday(week) + 17 * 3600_000;

/** A POST /seasons body: `regular` + `playoffWeeks` weekly periods with the sample clubs' kickoffs. */
export function seasonBody(players: readonly FeedPlayer[], options: { regular: number; playoffTeams: number; playoffWeeks: number; extra?: Record<string, unknown> }) {
  const periods = Array.from({ length: options.regular + options.playoffWeeks }, (_, i) => ({
    key: weekKey(2026, i + 1), startsAt: new Date(weekStart(i + 1)).toISOString(), locksAt: new Date(weekLock(i + 1)).toISOString(),
    fixtures: weekFixtures(players, i + 1, new Date(weekSunday(i + 1))),
  }));
  return { periods, regularWeeks: options.regular, playoffTeams: options.playoffTeams, playoffWeeks: options.playoffWeeks, ...options.extra };
}

/**
 * A football league with `teams` teams rostered by a snake by rank (the sample pool): the first
 * is managed by `manager`, the rest are open. The commissioner is `commish`.
 */
export async function seasonLeague(server: TestServer, teams: number) {
  await seed(server.app.storage.orm, { withLeagues: false });
  const commish = await signUp(server.baseUrl, 'commish');
  const manager = await signUp(server.baseUrl, 'manager');
  const leagueId = (await commish.client.post('/api/v1/leagues', { name: 'Season league', sport: 'football' })).body.id as string;
  const teamIds: string[] = [];
  for (let i = 1; i <= teams; i++) {
    const reply = await commish.client.post(`/api/v1/leagues/${leagueId}/teams`, { name: `Team ${String(i).padStart(2, '0')}`, ...(i === 1 ? { ownerId: manager.userId } : {}) });
    teamIds.push(reply.body.id);
  }
  const em = emOf(server);
  const pool = await em.find(Player, { sport: 'football' });
  const { rounds, rosterRules } = SPORT_DEFAULTS.football;
  for (const [teamId, playerIds] of fillStartingSlots(snakeRosters(teamIds, pool, rosterRules, rounds), pool, DEFAULT_LINEUP.football)) {
    for (const player of playerIds) em.create(RosterEntry, { team: teamId, player, acquiredVia: 'commissioner' });
  }
  await em.flush();
  const players: FeedPlayer[] = pool.map((p) => ({ externalId: p.externalId, positions: p.positions, team: p.team, attributes: p.attributes }));
  const rosterOf = async (teamId: string) => {
    const entries = await emOf(server).find(RosterEntry, { team: teamId });
    const byId = new Map(pool.map((p) => [p.id, p]));
    return entries.map((e) => byId.get(e.player)!);
  };
  return { commish, manager, leagueId, teamIds, players, pool, rosterOf, base: `/api/v1/leagues/${leagueId}` };
}

/** Signs a test user in again: after the test moved the server clock past his token's lifetime. */
export async function signIn(server: TestServer, username: string) {
  const reply = await api(server.baseUrl).post('/api/v1/auth/login', { username, password: 'correct horse battery' });
  if (reply.status !== 200) throw new Error(`sign-in failed: ${reply.status}`);
  return api(server.baseUrl, reply.body.token);
}

export async function teamName(server: TestServer, teamId: string): Promise<string> {
  return (await emOf(server).findOneOrFail(Team, { id: teamId })).name;
}

/** A team's lineup of a period as GET …/lineup shows it: its starters' ids and a quarterback on its bench. */
export async function lineupWithBenchQb(client: ReturnType<typeof api>, path: string): Promise<{ starters: string[]; benchQb: { playerId: string; position: string; club: string } }> {
  const shown = (await client.get(path)).body;
  const starters = shown.starters.map((s: { playerId: string }) => s.playerId);
  const benchQb = (shown.bench as Array<{ playerId: string; position: string; club: string }>).find((p) => p.position === 'QB')!;
  return { starters, benchQb };
}
