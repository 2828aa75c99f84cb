/**
 * The F1 tab's leaderboards with the league room's live numbers laid over the last REST answer:
 * the current race's points and every season total come from the room as soon as a result is
 * scored; the rest (other races, drivers) from REST, which the tab asks again on each change.
 */
import type { RaceBoard, SeasonBoard } from './f1.ts';
import type { LeagueRoomView } from './league-room.ts';

/** 1-based ranks as the server gives them: best first, equal points share a rank, ties by name. */
function reranked<T extends { name: string; rank: number }>(rows: T[], points: (row: T) => number): T[] {
  const sorted = [...rows].sort((a, b) => points(b) - points(a) || a.name.localeCompare(b.name));
  return sorted.map((row) => ({ ...row, rank: sorted.findIndex((other) => points(other) === points(row)) + 1 }));
}

/** The season board with the room's totals, and its current race's column once that race is scored. */
export function liveSeasonBoard(board: SeasonBoard, room: LeagueRoomView): SeasonBoard {
  const race = room.race;
  if (!room.live || !race || room.teams.length === 0) return board;
  const byTeam = new Map(room.teams.map((t) => [t.id, t]));
  const items = board.items.map((row) => {
    const team = byTeam.get(row.teamId);
    if (!team) return row;
    return { ...row, total: team.seasonPoints, races: race.scored ? { ...row.races, [String(race.round)]: team.racePoints } : row.races };
  });
  return {
    ...board,
    races: board.races.map((r) => (r.id === race.id ? { ...r, scored: r.scored || race.scored } : r)),
    items: reranked(items, (row) => row.total),
  };
}

/** One race's board with the room's points when it is the room's current race. */
export function liveRaceBoard(board: RaceBoard, room: LeagueRoomView): RaceBoard {
  if (!room.live || room.race?.id !== board.race.id) return board;
  const byTeam = new Map(room.teams.map((t) => [t.id, t.racePoints]));
  return { ...board, items: reranked(board.items.map((row) => ({ ...row, points: byTeam.get(row.teamId) ?? row.points })), (row) => row.points) };
}
