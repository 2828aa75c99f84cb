import assert from 'node:assert/strict';
import { seasonStandings, type FinalGame } from '../../src/season/standings.ts';
import { benchPoints, matchupResult, starterPoints } from '../../src/season/matchup.ts';

const TEAMS = ['A', 'B', 'C', 'D'].map((id) => ({ id, name: `Team ${id}` }));
const g = (period: number, home: string, away: string, homePoints: number, awayPoints: number): FinalGame => ({ period, home, away, homePoints, awayPoints });

describe('matchups and standings', () => {
  it('only starters score; the bench is shown, not counted', () => {
    const points = new Map([['s1', 20.5], ['s2', 10], ['b1', 40]]);
    assert.equal(starterPoints(['s1', null, 's2'], points), 30.5);
    assert.equal(benchPoints(['s1', 's2', 'b1', 'b2'], ['s1', null, 's2'], points), 40);
    assert.equal(matchupResult(30.5, 30.5), 'tie');
    assert.equal(matchupResult(30.5, 30.4), 'home');
    assert.equal(matchupResult(1, 2), 'away');
  });

  it('W-L-T, PCT (a tie is half a win), PF/PA, streak and games back', () => {
    const games = [g(1, 'A', 'B', 100, 90), g(1, 'C', 'D', 80, 80), g(2, 'A', 'C', 70, 75), g(2, 'B', 'D', 60, 50), g(3, 'A', 'D', 110, 100), g(3, 'B', 'C', 95, 90)];
    const rows = seasonStandings(TEAMS, games);
    const a = rows.find((r) => r.teamId === 'A')!;
    assert.deepEqual({ w: a.wins, l: a.losses, t: a.ties, pct: a.pct, pf: a.pointsFor, pa: a.pointsAgainst, streak: a.streak }, { w: 2, l: 1, t: 0, pct: 0.667, pf: 280, pa: 265, streak: 'W1' });
    const c = rows.find((r) => r.teamId === 'C')!;
    assert.deepEqual([c.wins, c.losses, c.ties, c.pct, c.streak], [1, 1, 1, 0.5, 'L1']);
    // A and B are 2-1: A first on points for (280 v 245); C 1-1-1 is a game back; D 0-2-1.
    assert.deepEqual(rows.map((r) => r.teamId), ['A', 'B', 'C', 'D']);
    assert.deepEqual(rows.map((r) => r.gamesBack), [0, 0, 0.5, 1.5]);
    assert.deepEqual(rows.map((r) => r.rank), [1, 2, 3, 4]);
  });

  it('tiebreakers in the configured order: record, then points for, then head-to-head', () => {
    // A and B both 1-1 with equal points for; A beat B: head-to-head decides.
    const games = [g(1, 'A', 'B', 100, 90), g(2, 'B', 'C', 20, 10), g(2, 'A', 'D', 10, 100), g(3, 'C', 'D', 50, 40)];
    const rows = seasonStandings(TEAMS, games, ['record', 'pointsFor', 'headToHead']);
    const ab = rows.filter((r) => r.teamId === 'A' || r.teamId === 'B');
    assert.equal(ab[0].pointsFor, ab[1].pointsFor);
    assert.deepEqual(ab.map((r) => r.teamId), ['A', 'B']);
    // Points for ahead of record: the highest scorer leads whatever his record.
    const byPoints = seasonStandings(TEAMS, games, ['pointsFor', 'record']);
    assert.equal(byPoints[0].teamId, 'D'); // 140 points, 1-1
    // Head-to-head before points for: B scored less but won both meetings.
    // A and B are 2-2 behind C (3-1).
    const meetings = [g(1, 'A', 'B', 50, 60), g(2, 'B', 'A', 70, 60), g(3, 'A', 'C', 200, 10), g(4, 'A', 'D', 200, 10),
      g(3, 'B', 'D', 0, 10), g(4, 'B', 'C', 0, 10), g(5, 'C', 'D', 20, 10), g(6, 'C', 'D', 20, 10)];
    assert.deepEqual(seasonStandings(TEAMS, meetings, ['record', 'headToHead', 'pointsFor']).map((r) => r.teamId), ['C', 'B', 'A', 'D']);
    assert.deepEqual(seasonStandings(TEAMS, meetings, ['record', 'pointsFor', 'headToHead']).map((r) => r.teamId), ['C', 'A', 'B', 'D']);
  });

  it('teams level on every tiebreaker are ordered by name, so the table has one order', () => {
    const rows = seasonStandings([{ id: 'z', name: 'Zebras' }, { id: 'a', name: 'Ants' }], []);
    assert.deepEqual(rows.map((r) => [r.name, r.pct, r.streak, r.gamesBack]), [['Ants', 0, '', 0], ['Zebras', 0, '', 0]]);
  });
});
