import assert from 'node:assert/strict';
import { draftTradedPicks, heldPicks, pickHolders, picksProblem, pickWindow, tradePickMoves } from '../../src/transactions/picks.ts';
import { teamForPick } from '../../src/draft/order.ts';

/** The pure rules of future draft picks (src/transactions/picks.ts). */
describe('draft picks as trade assets (pure)', () => {
  const teams = ['A', 'B', 'C'];
  const pick = (round: number, originalTeamId: string, season = 2027) => ({ season, round, originalTeamId });

  it('opens this season and the next two, less the seasons already drafted', () => {
    assert.deepEqual(pickWindow(2026, new Set(), 15), { seasons: [2026, 2027, 2028], rounds: 15 });
    assert.deepEqual(pickWindow(2026, new Set([2026]), 15).seasons, [2027, 2028]);
  });

  it('follows a pick through a chain of trades, and a pick traded back home is no traded pick for the draft', () => {
    const moves = [
      ...tradePickMoves('A', 'B', [pick(1, 'A')], []),
      ...tradePickMoves('B', 'C', [pick(1, 'A')], [pick(2, 'C')]),
      ...tradePickMoves('B', 'C', [pick(2, 'C')], []),
    ];
    const holders = pickHolders(teams, [2027], 2, moves);
    assert.deepEqual(heldPicks(holders, 'C'), [pick(1, 'A'), pick(1, 'C'), pick(2, 'C')]);
    assert.deepEqual(heldPicks(holders, 'A'), [pick(2, 'A')]);
    assert.deepEqual(draftTradedPicks(2027, 2, teams, moves), [{ round: 1, fromTeamId: 'A', toTeamId: 'C' }]);
    assert.deepEqual(draftTradedPicks(2028, 2, teams, moves), [], 'another season is untouched');
  });

  it('gives the traded slot to its holder where the original team picks (a snake draft)', () => {
    const tradedPicks = draftTradedPicks(2027, 2, teams, tradePickMoves('C', 'A', [pick(2, 'C')], []));
    const config = { draftId: 'd', type: 'snake' as const, rounds: 2, pickSeconds: 0, order: teams, rosterRules: { maxPerPosition: {} }, keepers: [], tradedPicks };
    // Round 2 runs C, B, A: C's slot (overall 4) is A's now, so A picks 4 and 6.
    assert.deepEqual([4, 5, 6].map((overall) => teamForPick(config, overall)), ['A', 'B', 'A']);
  });

  it('refuses a pick its side does not hold, or one named twice', () => {
    const holders = pickHolders(teams, [2027], 2, []);
    assert.equal(picksProblem(holders, [['A', [pick(1, 'A')]], ['B', [pick(1, 'B')]]]), null);
    assert.equal(picksProblem(holders, [['A', [pick(1, 'B')]]])?.code, 'PICK_NOT_OWNED');
    assert.equal(picksProblem(holders, [['A', [pick(3, 'A')]]])?.code, 'PICK_NOT_OWNED', 'no round 3 in this window');
    assert.equal(picksProblem(holders, [['A', [pick(1, 'A')]], ['B', [pick(1, 'A')]]])?.code, 'DUPLICATE_PICK');
  });
});
