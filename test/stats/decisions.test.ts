import assert from 'node:assert/strict';
import { pitchingDecisions } from '../../src/stats/decisions.ts';
import type { Half, Play } from '../../src/baseball/types.ts';

interface Inning {
  /** '3t' = top of the 3rd, '9b' = bottom of the 9th. */
  at: `${number}${'t' | 'b'}`;
  /** The pitcher of the fielding side. */
  pitcher: string;
  outs?: number;
  /** Runs scored in the play; each charged to `charged` (default: the pitcher). */
  runs?: number;
  charged?: string;
  /** Runners on when the play began (1 = 1st, 2 = 2nd, 4 = 3rd). */
  onBase?: number;
}

/** One play standing for a stretch of a half-inning: only what decisions read is filled in. */
function play({ at, pitcher, outs = 3, runs = 0, charged = pitcher, onBase = 0 }: Inning, number: number): Play {
  const half: Half = at.endsWith('t') ? 'top' : 'bottom';
  return {
    number, kind: 'pa', inning: Number.parseInt(at, 10), half, outsBefore: 0, onBaseCode: onBase, onBaseCodeAfter: 0,
    awayScore: 0, homeScore: 0, battingOrder: 1, batterId: 'batter', pitcherId: pitcher, catcherId: 'c',
    defenderId: null, runnerId: null, column: 1, row: 2, splitRoll: 1, outcome: null, code: 'GO', description: '',
    fatigue: 0, reachedOnError: false, pitches: 4, tactics: [], moves: [], dice: [],
    scored: Array.from({ length: runs }, (_, i) => ({ runnerId: `runner${i}`, pitcherId: charged, earned: true })),
    pa: 1, ab: 1, h: 0, double: 0, triple: 0, hr: 0, bb: 0, so: 0, hbp: 0, rbi: runs, sac: 0, ibb: 0, gidp: 0,
    sb: 0, cs: 0, wp: 0, pb: 0, pickoff: 0, balk: 0, runs, earnedRuns: runs, outs, e: 0,
  };
}

const game = (...innings: Inning[]) => innings.map(play);

/** Halves from..to (inclusive) of one side pitched by one pitcher without a run. */
function quiet(half: 't' | 'b', from: number, to: number, pitcher: string): Inning[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ({ at: `${from + i}${half}` as const, pitcher }));
}

describe('pitching decisions', () => {
  it('gives the win to the pitcher of record when his team took the lead for good, the loss to whom the go-ahead run is charged, the save to the closer', () => {
    // Away 1-0, home 2-1 (hs pitching), away ties 2-2 off reliever hr1, home 3-2 off ar in the 7th: hr1 wins.
    const plays = game(
      { at: '1t', pitcher: 'hs', runs: 1 },
      { at: '1b', pitcher: 'as', runs: 2 },
      ...quiet('t', 2, 6, 'hs'),
      ...quiet('b', 2, 6, 'as'),
      { at: '7t', pitcher: 'hr1', runs: 1 },
      { at: '7b', pitcher: 'ar', runs: 1 },
      { at: '8t', pitcher: 'hr2' },
      { at: '8b', pitcher: 'ar' },
      { at: '9t', pitcher: 'hc' },
    );
    assert.deepEqual(pitchingDecisions(plays), { win: 'hr1', loss: 'ar', save: 'hc' });
  });

  it('charges the loss to the pitcher who put the go-ahead runner on, not the one in the game', () => {
    const plays = game(
      ...quiet('t', 1, 8, 'hs'),
      { at: '1b', pitcher: 'as', outs: 2 },
      { at: '1b', pitcher: 'ar', outs: 1, runs: 1, charged: 'as', onBase: 1 },
      ...quiet('b', 2, 8, 'ar'),
      { at: '9t', pitcher: 'hs' },
    );
    assert.deepEqual(pitchingDecisions(plays), { win: 'hs', loss: 'as', save: null });
  });

  it('denies a starter the win short of five innings: the reliever with the most outs gets it', () => {
    const plays = game(
      { at: '1t', pitcher: 'hs', runs: 5 },
      ...quiet('t', 2, 9, 'hs'),
      ...quiet('b', 1, 4, 'as'),
      ...quiet('b', 5, 7, 'ar1'),
      ...quiet('b', 8, 9, 'ar2'),
    );
    // ar2 entered 5 up with nobody on and got 6 outs: no save.
    assert.deepEqual(pitchingDecisions(plays), { win: 'ar1', loss: 'hs', save: null });

    const fiveInnings = game(
      { at: '1t', pitcher: 'hs', runs: 5 },
      ...quiet('t', 2, 9, 'hs'),
      ...quiet('b', 1, 5, 'as'),
      ...quiet('b', 6, 9, 'ar1'),
    );
    // 12 outs (3+ innings) finishing the game: a save whatever the lead.
    assert.deepEqual(pitchingDecisions(fiveInnings), { win: 'as', loss: 'hs', save: 'ar1' });
  });

  it('walks off: the home pitcher of the last top half wins, nobody saves', () => {
    const plays = game(
      ...quiet('t', 1, 8, 'hs'),
      ...quiet('b', 1, 8, 'as'),
      { at: '9t', pitcher: 'hr' },
      { at: '9b', pitcher: 'ar', outs: 1, runs: 1 },
    );
    assert.deepEqual(pitchingDecisions(plays), { win: 'hr', loss: 'ar', save: null });
  });

  it('saves only with the tying run on base, at bat or on deck when the lead is over three', () => {
    const ending = (onBase: number, outs: number) => game(
      { at: '1t', pitcher: 'hs' },
      { at: '1b', pitcher: 'as', runs: 5 },
      ...quiet('t', 2, 8, 'hs'),
      ...quiet('b', 2, 8, 'as'),
      { at: '9t', pitcher: 'hs', outs: 3 - outs, runs: 1 },
      { at: '9t', pitcher: 'hc', outs, onBase },
    );
    // Up 4, bases loaded: the tying run is on deck.
    assert.equal(pitchingDecisions(ending(7, 1)).save, 'hc');
    // Up 4, a runner on 1st: the tying run is two batters away.
    assert.equal(pitchingDecisions(ending(1, 1)).save, null);
    // Up 4 with nobody on, even for the whole inning: no save.
    assert.equal(pitchingDecisions(ending(0, 3)).save, null);
  });

  it('decides nothing in a game without a winner', () => {
    assert.deepEqual(pitchingDecisions(game({ at: '1t', pitcher: 'hs' })), { win: null, loss: null, save: null });
    assert.deepEqual(pitchingDecisions([]), { win: null, loss: null, save: null });
  });
});
