import assert from 'node:assert/strict';
import { liveRaceBoard, liveSeasonBoard } from '../../web/src/lib/f1-live.ts';
import type { RaceBoard, SeasonBoard } from '../../web/src/lib/f1.ts';
import type { LeagueRoomView } from '../../web/src/lib/league-room.ts';

/** The F1 tab's overlay of the league room's numbers on the last REST leaderboards (no browser needed). */
describe('web client: F1 leaderboards with the league room laid over', () => {
  const race = (id: string, round: number, scored: boolean) => ({ id, season: 2034, round, name: `R${round}`, circuit: '', country: '', period: `r${round}-2034`, startsAt: '', locksAt: '', scored });
  const season: SeasonBoard = {
    season: 2034, rulesVersion: 1, races: [race('a', 1, true), race('b', 2, false)],
    items: [
      { rank: 1, teamId: 't1', name: 'Alpha', total: 30, races: { 1: 30 } },
      { rank: 2, teamId: 't2', name: 'Bravo', total: 10, races: { 1: 10 } },
    ],
  };
  const room = (live: boolean, scored: boolean, points: Record<string, [number, number]>): LeagueRoomView => ({
    live, period: 'r2-2034', scoredAt: 1, matchups: [],
    race: { id: 'b', round: 2, period: 'r2-2034', scored },
    teams: Object.entries(points).map(([id, [racePoints, seasonPoints]]) => ({ id, name: id, points: 0, racePoints, seasonPoints })),
  });

  it('takes the totals and the current race column from the room and ranks again as the server does', () => {
    const shown = liveSeasonBoard(season, room(true, true, { t1: [0, 30], t2: [25, 35] }));
    assert.deepEqual(shown.items.map((r) => [r.rank, r.teamId, r.total, r.races['2']]), [[1, 't2', 35, 25], [2, 't1', 30, 0]]);
    assert.equal(shown.races.find((r) => r.id === 'b')?.scored, true);
    const tied = liveSeasonBoard(season, room(true, true, { t1: [5, 35], t2: [25, 35] }));
    assert.deepEqual(tied.items.map((r) => [r.rank, r.name]), [[1, 'Alpha'], [1, 'Bravo']], 'equal totals share a rank, by name');
  });

  it('leaves REST alone without the room, and leaves an unscored race out of the columns', () => {
    assert.equal(liveSeasonBoard(season, room(false, true, { t1: [0, 99], t2: [0, 0] })), season);
    const unscored = liveSeasonBoard(season, room(true, false, { t1: [0, 30], t2: [0, 10] }));
    assert.deepEqual(unscored.items.map((r) => Object.keys(r.races)), [['1'], ['1']]);
  });

  it("overlays a race board only for the room's current race", () => {
    const board = (id: string): RaceBoard => ({ race: race(id, id === 'b' ? 2 : 1, true), items: [
      { rank: 1, teamId: 't1', name: 'Alpha', points: 0, drivers: [] }, { rank: 1, teamId: 't2', name: 'Bravo', points: 0, drivers: [] }] });
    const live = room(true, true, { t1: [3, 33], t2: [25, 35] });
    assert.deepEqual(liveRaceBoard(board('b'), live).items.map((r) => [r.rank, r.teamId, r.points]), [[1, 't2', 25], [2, 't1', 3]]);
    assert.deepEqual(liveRaceBoard(board('a'), live).items.map((r) => r.points), [0, 0]);
  });
});
