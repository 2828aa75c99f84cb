import assert from 'node:assert/strict';
import { roundOf, teamForPick, totalPicks, validateConfig, type DraftConfig } from '../../src/draft/index.ts';
import { makeConfig, teams } from './fixtures.ts';

/** Each round's teams in pick order. */
function rounds(config: DraftConfig): string[][] {
  const n = config.order.length;
  return Array.from({ length: config.rounds }, (_, r) => Array.from({ length: n }, (_, i) => teamForPick(config, r * n + i + 1)));
}

function picksOf(config: DraftConfig, teamId: string): number[] {
  return Array.from({ length: totalPicks(config) }, (_, i) => i + 1).filter((o) => teamForPick(config, o) === teamId);
}

describe('draft order', () => {
  it('reverses every other round in a snake draft', () => {
    assert.deepEqual(rounds(makeConfig({ type: 'snake', rounds: 4 })), [
      ['A', 'B', 'C', 'D'], ['D', 'C', 'B', 'A'], ['A', 'B', 'C', 'D'], ['D', 'C', 'B', 'A'],
    ]);
  });

  it('keeps the same order every round in a linear draft', () => {
    assert.deepEqual(rounds(makeConfig({ type: 'linear', rounds: 3 })), [
      ['A', 'B', 'C', 'D'], ['A', 'B', 'C', 'D'], ['A', 'B', 'C', 'D'],
    ]);
  });

  it('reverses the third round in a 3RR draft: team 1 picks 1, 24, 36, 37, 60', () => {
    const config = makeConfig({ type: '3rr', rounds: 5, order: teams(12) });
    assert.deepEqual(picksOf(config, 't1'), [1, 24, 36, 37, 60]);
    assert.deepEqual(picksOf(config, 't12'), [12, 13, 25, 48, 49]);
  });

  it('alternates after the reversal in a 3RR draft: rounds 1 forward, 2 and 3 reversed, then 4 forward, 5 reversed, 6 forward', () => {
    const forward = ['A', 'B', 'C', 'D'];
    const reversed = ['D', 'C', 'B', 'A'];
    assert.deepEqual(rounds(makeConfig({ type: '3rr', rounds: 6 })), [forward, reversed, reversed, forward, reversed, forward]);
  });

  it('gives a traded pick to the team that received it, in that round only', () => {
    const config = makeConfig({ rounds: 3, tradedPicks: [{ round: 2, fromTeamId: 'A', toTeamId: 'C' }] });
    assert.deepEqual(rounds(config), [['A', 'B', 'C', 'D'], ['D', 'C', 'B', 'C'], ['A', 'B', 'C', 'D']]);
  });

  it('counts picks and finds the round of an overall pick', () => {
    const config = makeConfig({ rounds: 15, order: teams(12) });
    assert.equal(totalPicks(config), 180);
    assert.deepEqual([1, 12, 13, 24, 25, 180].map((o) => roundOf(config, o)), [1, 1, 2, 2, 3, 15]);
  });
});

describe('draft config validation', () => {
  it('accepts a config with keepers and traded picks that fit the draft', () => {
    const config = makeConfig({
      keepers: [{ teamId: 'A', playerId: 'p1', round: 3 }, { teamId: 'C', playerId: 'p2', round: 2 }],
      tradedPicks: [{ round: 2, fromTeamId: 'A', toTeamId: 'C' }],
    });
    assert.equal(validateConfig(config), null);
  });

  const invalid: Array<[string, Partial<DraftConfig>, string]> = [
    ['an empty order', { order: [] }, 'INVALID_ORDER'],
    ['a team twice in the order', { order: ['A', 'B', 'A'] }, 'INVALID_ORDER'],
    ['zero rounds', { rounds: 0 }, 'INVALID_CONFIG'],
    ['a negative pick clock', { pickSeconds: -1 }, 'INVALID_CONFIG'],
    ['a negative position limit', { rosterRules: { maxPerPosition: { QB: -1 } } }, 'INVALID_CONFIG'],
    ['a keeper of a team not in the order', { keepers: [{ teamId: 'Z', playerId: 'p1', round: 1 }] }, 'INVALID_CONFIG'],
    ['a keeper in a round past the end', { keepers: [{ teamId: 'A', playerId: 'p1', round: 4 }] }, 'INVALID_CONFIG'],
    ['the same player kept twice', { keepers: [{ teamId: 'A', playerId: 'p1', round: 1 }, { teamId: 'B', playerId: 'p1', round: 2 }] }, 'INVALID_CONFIG'],
    ['two keepers of one team in one round', { keepers: [{ teamId: 'A', playerId: 'p1', round: 1 }, { teamId: 'A', playerId: 'p2', round: 1 }] }, 'INVALID_CONFIG'],
    ['a keeper in a round whose pick was traded away', {
      keepers: [{ teamId: 'A', playerId: 'p1', round: 2 }],
      tradedPicks: [{ round: 2, fromTeamId: 'A', toTeamId: 'B' }],
    }, 'INVALID_CONFIG'],
    ['a trade with a team not in the order', { tradedPicks: [{ round: 1, fromTeamId: 'A', toTeamId: 'Z' }] }, 'INVALID_CONFIG'],
    ['a trade in a round past the end', { tradedPicks: [{ round: 9, fromTeamId: 'A', toTeamId: 'B' }] }, 'INVALID_CONFIG'],
    ['the same pick traded twice', {
      tradedPicks: [{ round: 1, fromTeamId: 'A', toTeamId: 'B' }, { round: 1, fromTeamId: 'A', toTeamId: 'C' }],
    }, 'INVALID_CONFIG'],
  ];
  for (const [what, overrides, code] of invalid) {
    it(`refuses ${what} with ${code}`, () => {
      assert.equal(validateConfig(makeConfig(overrides))?.code, code);
    });
  }
});
