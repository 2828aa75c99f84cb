import { api, allPages, ApiError } from './api.ts';
import { getSession } from './session.ts';

/**
 * What the transaction pages share about a league, all from public REST: the sport's player pool
 * (ids → names), the teams and their rosters, who is on waivers, the settings, and my team.
 * Free agents are derived here: pool players on no roster and not on waivers.
 */
export interface PoolPlayer { id: string; name: string; positions: string[]; team: string; rank: number }
export interface RosterRow { playerId: string; name: string | null; positions: string[]; acquiredVia: string; acquiredAt: string }
export interface BookTeam { id: string; name: string; ownerId: string | null; ownerName: string | null; park?: string | null; roster: RosterRow[] }
export interface WaiverRow { playerId: string; fromTeamId: string | null; clearsAt: string }
export interface Settings {
  roster: { total: number; maxPerPosition: Record<string, number> };
  waivers: { type: 'rolling' | 'reverse-standings' | 'faab'; periodDays: number; runHourUtc: number; runDays: number[]; faabBudget: number };
  trades: { review: 'commissioner' | 'league' | 'none'; reviewHours: number; vetoVotes: number; deadline: string | null };
}

export interface LeagueBook {
  pool: Map<string, PoolPlayer>;
  teams: BookTeam[];
  waivers: WaiverRow[];
  settings: Settings;
  archivedAt: string | null;
  myTeam: BookTeam | null;
  /** Player → the team holding him. */
  holder: Map<string, string>;
}

/** The pool pages: a sport's sample pool is a few hundred players (200 a page). */
const POOL_PAGES = 10;
const pools = new Map<string, Promise<PoolPlayer[]>>();

export async function loadLeagueBook(leagueId: string, sport: string): Promise<LeagueBook> {
  if (!pools.has(sport)) pools.set(sport, allPages<PoolPlayer>(`/players?sport=${sport}&limit=200`, POOL_PAGES).catch((e) => { pools.delete(sport); throw e; }));
  const [pool, teams, waivers, settings] = await Promise.all([
    pools.get(sport)!,
    api.get<{ items: BookTeam[] }>(`/leagues/${leagueId}/teams`),
    api.get<{ items: WaiverRow[] }>(`/leagues/${leagueId}/waivers`),
    api.get<{ settings: Settings; archivedAt: string | null }>(`/leagues/${leagueId}/settings`),
  ]);
  const me = getSession()?.user.id;
  const holder = new Map(teams.items.flatMap((t) => t.roster.map((r) => [r.playerId, t.id] as const)));
  return {
    pool: new Map(pool.map((p) => [p.id, p])), teams: teams.items, waivers: waivers.items, settings: settings.settings,
    archivedAt: settings.archivedAt, myTeam: teams.items.find((t) => t.ownerId === me) ?? null, holder,
  };
}

export function playerName(book: LeagueBook, playerId: string): string {
  return book.pool.get(playerId)?.name ?? playerId.slice(0, 8);
}

export function teamName(book: LeagueBook, teamId: string | null): string {
  if (!teamId) return 'the pool';
  return book.teams.find((t) => t.id === teamId)?.name ?? teamId.slice(0, 8);
}

/** Server text (a void trade's reason, a log entry's) with the ids of players and teams replaced by their names. */
export function named(book: LeagueBook, text: string): string {
  return text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (id) => (book.pool.has(id) ? playerName(book, id) : book.teams.some((t) => t.id === id) ? teamName(book, id) : id));
}

/** A refusal the manager answers by naming players to drop (the roster limits). */
export function needsDrop(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'ROSTER_FULL' || error.code === 'POSITION_LIMIT');
}

export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');
