import { api } from './api.ts';

/**
 * Future draft picks as the server names them (PROTOCOL "Trades": `{season, round, originalTeamId}`)
 * and `GET /leagues/:id/picks`, who holds each one now.
 */
export interface DraftPick { season: number; round: number; originalTeamId: string }
export interface PickBook { seasons: number[]; rounds: number; teams: Array<{ teamId: string; name: string; picks: DraftPick[] }> }

export const loadPicks = (leagueId: string) => api.get<PickBook>(`/leagues/${leagueId}/picks`);

export const pickKey = (pick: DraftPick) => `${pick.season}:${pick.round}:${pick.originalTeamId}`;

/** "2027 round 1 (Team 3's)": the pick's season, round and the team whose pick it was to begin with. */
export function pickLabel(pick: DraftPick, teamName: (teamId: string) => string): string {
  return `${pick.season} round ${pick.round} (${teamName(pick.originalTeamId)}'s)`;
}

/** The picks a team holds in the book (none when the book is not loaded yet). */
export function picksOf(book: PickBook | undefined, teamId: string | undefined): DraftPick[] {
  return book?.teams.find((t) => t.teamId === teamId)?.picks ?? [];
}
