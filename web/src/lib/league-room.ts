/**
 * The league room (PROTOCOL.md "League room `league`") for pages that show live points beside
 * their REST data: the Season tab's current week and the F1 tab's current race. `live` is false
 * while the room is not there (connecting, reconnecting, gone): pages then keep to REST.
 */
import { LeagueLiveRoomState, type LeagueMatchupState, type LeagueRaceState, type LeagueTeamState } from '../../../schema/LeagueLiveRoomState.ts';
import { useLiveRoom } from './rooms.ts';
import { getSession } from './session.ts';
import { useChild, useFields, useList } from './state.ts';

export interface LeagueRoomView {
  live: boolean;
  /** The scoring period the room shows ('' before anything was scored). */
  period: string;
  /** When the room's numbers last changed (0: not since it opened): a page reloads its REST details on a change. */
  scoredAt: number;
  teams: Array<Pick<LeagueTeamState, 'id' | 'name' | 'points' | 'racePoints' | 'seasonPoints'>>;
  matchups: Array<Pick<LeagueMatchupState, 'id' | 'period' | 'homeTeamId' | 'homePoints' | 'awayTeamId' | 'awayPoints'>>;
  /** An F1 league's current race (null: none, or not an F1 league playing race weekends). */
  race: Pick<LeagueRaceState, 'id' | 'round' | 'period' | 'scored'> | null;
}

export function useLeagueRoom(leagueId: string): LeagueRoomView {
  // Rooms need a token: a signed-out reader of a public league stays on REST.
  const joined = useLiveRoom('league', getSession() ? { leagueId } : null, LeagueLiveRoomState);
  const room = joined.room;
  const { period, scoredAt } = useFields(room, ['period', 'scoredAt']);
  const teams = useList<LeagueTeamState>(room, 'teams');
  const matchups = useList<LeagueMatchupState>(room, 'matchups');
  const race = useChild<LeagueRaceState>(room, 'race');
  return {
    live: joined.status === 'live' && room !== null,
    period: period ?? '', scoredAt: scoredAt ?? 0, teams, matchups,
    race: race?.id ? race : null,
  };
}
