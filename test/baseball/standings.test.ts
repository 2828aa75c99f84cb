import assert from 'node:assert/strict';
import { formatPct, gamesBehind, standings, type FinalGame } from '../../src/baseball/standings.ts';

const teams = ['A', 'B', 'C', 'D'].map((id) => ({ id, name: `Team ${id}` }));
let clock = 0;
/** A final game; each one later than the last. */
const game = (away: string, awayScore: number, home: string, homeScore: number): FinalGame =>
  ({ awayTeamId: away, awayScore, homeTeamId: home, homeScore, at: ++clock });

const row = (rows: ReturnType<typeof standings>, id: string) => rows.find((r) => r.teamId === id)!;

describe('baseball standings', () => {
  it('lists every team before any game: 0-0, .000, 0 games behind, no streak', () => {
    const rows = standings(teams, []);
    assert.deepEqual(rows.map((r) => r.teamId), ['A', 'B', 'C', 'D'], 'ties broken by name');
    assert.deepEqual(rows[0], {
      teamId: 'A', name: 'Team A', w: 0, l: 0, pct: '.000', gb: 0, rs: 0, ra: 0, diff: 0,
      streak: '', last10: '0-0', home: '0-0', away: '0-0',
    });
  });

  it('counts wins, runs, home and away records and sorts by PCT then run differential', () => {
    const rows = standings(teams, [
      game('A', 5, 'B', 3), // A wins away
      game('B', 2, 'A', 1), // B wins away
      game('C', 9, 'D', 0), // C wins away
      game('D', 4, 'C', 3), // D wins away
      game('A', 2, 'C', 1), // A wins away
    ]);
    assert.deepEqual(rows.map((r) => [r.teamId, r.w, r.l, r.pct]), [
      ['A', 2, 1, '.667'], ['B', 1, 1, '.500'], ['D', 1, 1, '.500'], ['C', 1, 2, '.333'],
    ]);
    const a = row(rows, 'A');
    assert.deepEqual([a.rs, a.ra, a.diff, a.home, a.away], [8, 6, 2, '0-1', '2-0']);
    // B and D are both .500: B's differential (-1) beats D's (-8); C's +7 does not lift a .333.
    assert.deepEqual([row(rows, 'B').diff, row(rows, 'D').diff, row(rows, 'C').diff], [-1, -8, 7]);
  });

  it('measures games behind in halves, with ties at the top', () => {
    assert.equal(gamesBehind({ w: 10, l: 5 }, { w: 9, l: 5 }), 0.5);
    assert.equal(gamesBehind({ w: 10, l: 5 }, { w: 9, l: 7 }), 1.5);
    assert.equal(gamesBehind({ w: 10, l: 5 }, { w: 10, l: 5 }), 0);
    const rows = standings(teams.slice(0, 3), [
      game('A', 3, 'B', 1), game('B', 3, 'A', 1), // A and B 1-1 each
      game('A', 5, 'C', 4), game('B', 6, 'C', 2), // both 2-1; C 0-2
    ]);
    assert.deepEqual(rows.map((r) => [r.teamId, r.w, r.l, r.gb]), [['B', 2, 1, 0], ['A', 2, 1, 0], ['C', 0, 2, 1.5]]);
    assert.equal(row(rows, 'C').gb, ((2 - 0) + (2 - 1)) / 2);
  });

  it('tells the current streak and the last ten games in the order played', () => {
    const games: FinalGame[] = [];
    for (let i = 0; i < 8; i++) games.push(game('A', 1, 'B', 0)); // A wins 8
    for (let i = 0; i < 3; i++) games.push(game('A', 0, 'B', 1)); // then loses 3
    // Handed in out of order: standings sort by time.
    const rows = standings(teams.slice(0, 2), [...games].reverse());
    const a = row(rows, 'A');
    const b = row(rows, 'B');
    assert.deepEqual([a.w, a.l, a.streak, a.last10, a.away], [8, 3, 'L3', '7-3', '8-3']);
    assert.deepEqual([b.streak, b.last10, b.home], ['W3', '3-7', '3-8']);
  });

  it('writes PCT with three decimals and a perfect record as 1.000', () => {
    assert.deepEqual([formatPct(1, 0), formatPct(2, 1), formatPct(0, 3), formatPct(1, 2), formatPct(0, 0)], ['1.000', '.667', '.000', '.333', '.000']);
  });
});
