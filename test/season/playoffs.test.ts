import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildBracket, gamesToPlay, playoffRounds, seedOrder, type PlayedGame } from '../../src/season/playoffs.ts';

const seeds = (k: number) => Array.from({ length: k }, (_, i) => `s${i + 1}`);

/** Plays every round: the home team (better seed) wins unless `upset` says the away team does. */
function playOut(k: number, upset: (round: number, slot: number) => boolean) {
  const played: PlayedGame[] = [];
  for (let round = 1; round <= playoffRounds(k); round++) {
    for (const game of gamesToPlay(buildBracket(seeds(k), played), round)) {
      const awayWins = upset(round, game.slot);
      played.push({ round, home: game.home.teamId, away: game.away.teamId, homePoints: awayWins ? 90 : 100, awayPoints: awayWins ? 100 : 90 });
    }
  }
  return { bracket: buildBracket(seeds(k), played), played };
}

describe('playoff bracket', () => {
  it('standard seeding places: 1 v 8, 4 v 5, 2 v 7, 3 v 6', () => {
    assert.deepEqual(seedOrder(8), [1, 8, 4, 5, 2, 7, 3, 6]);
    assert.deepEqual(seedOrder(4), [1, 4, 2, 3]);
  });

  it('six teams: the top two seeds get byes, three rounds, chalk makes seed 1 champion', () => {
    const { bracket, played } = playOut(6, () => false);
    assert.equal(bracket.rounds.length, 3);
    const byes = bracket.rounds[0].filter((g) => g.bye).map((g) => g.home!.seed);
    assert.deepEqual(byes, [1, 2]);
    assert.deepEqual(played.filter((p) => p.round === 1).map((p) => [p.home, p.away]), [['s4', 's5'], ['s3', 's6']]);
    // The bye teams play round 2 against the winners; 1 v 4, 2 v 3.
    assert.deepEqual(played.filter((p) => p.round === 2).map((p) => [p.home, p.away]), [['s1', 's4'], ['s2', 's3']]);
    assert.equal(bracket.champion?.teamId, 's1');
  });

  it('the bracket advances with the results: an upset carries the lower seed on, as the away team', () => {
    const { bracket } = playOut(6, (round, slot) => round === 1 && slot === 1); // 5 beats 4
    assert.deepEqual([bracket.rounds[1][0].home?.seed, bracket.rounds[1][0].away?.seed], [1, 5]);
    const before = buildBracket(seeds(6), []);
    assert.equal(before.champion, null);
    assert.deepEqual(gamesToPlay(before, 2), [], 'round 2 waits for round 1');
  });

  it('a tie goes to the better seed', () => {
    const played: PlayedGame[] = [{ round: 1, home: 's1', away: 's2', homePoints: 80, awayPoints: 80 }];
    assert.equal(buildBracket(seeds(2), played).champion?.teamId, 's1');
  });

  it('any K from 2 to 16 and any results: one champion, every team loses at most once, byes = 2^R − K', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 16 }), fc.func(fc.boolean()), (k, upset) => {
      const { bracket, played } = playOut(k, (r, s) => upset(r, s));
      const rounds = playoffRounds(k);
      assert.equal(bracket.rounds[0].filter((g) => g.bye).length, 2 ** rounds - k);
      assert.ok(bracket.champion);
      const losers = played.map((p) => (p.homePoints > p.awayPoints ? p.away : p.home));
      assert.equal(new Set(losers).size, losers.length);
      assert.equal(losers.length, k - 1);
      assert.ok(!losers.includes(bracket.champion.teamId));
    }));
  });
});
