import type { RaceBoard } from '../../src/league-live/race-board.ts';
import type { LeagueLiveRoomState } from '../../schema/LeagueLiveRoomState.ts';

const NO_RACE = { id: '', round: 0, name: '', period: '', locksAt: 0, startsAt: 0, scored: false };

/**
 * Copies an F1 league's race board into the room's state: the race in place (one small patch when
 * only `scored` changes) and each team's race and season points on the team already synced from
 * the scoreboard. Any other league (null) shows no race and zeros.
 */
export function syncRaceBoard(state: LeagueLiveRoomState, board: RaceBoard | null): void {
  Object.assign(state.race, board?.race ?? NO_RACE);
  const points = new Map(board?.teams.map((team) => [team.teamId, team]));
  for (const team of state.teams) {
    team.racePoints = points.get(team.id)?.racePoints ?? 0;
    team.seasonPoints = points.get(team.id)?.seasonPoints ?? 0;
  }
}
