import assert from 'node:assert/strict';
import { checkAdd, limitBreach } from '../../src/transactions/limits.ts';

const p = (id: string, ...positions: string[]) => ({ id, positions });
const limits = { total: 4, maxPerPosition: { QB: 1, RB: 2 } };

describe('roster limits (pure)', () => {
  it('refuses an add past the total with ROSTER_FULL, and takes it with a drop', () => {
    const roster = [p('a', 'WR'), p('b', 'WR'), p('c', 'TE'), p('d', 'WR')];
    assert.equal(checkAdd(roster, [p('e', 'WR')], [], limits)?.code, 'ROSTER_FULL');
    assert.equal(checkAdd(roster, [p('e', 'WR')], ['a'], limits), null);
  });

  it('refuses an add past a position maximum with POSITION_LIMIT, unless the drop frees that position', () => {
    const roster = [p('q1', 'QB'), p('w', 'WR')];
    assert.equal(checkAdd(roster, [p('q2', 'QB')], [], limits)?.code, 'POSITION_LIMIT');
    assert.equal(checkAdd(roster, [p('q2', 'QB')], ['w'], limits)?.code, 'POSITION_LIMIT');
    assert.equal(checkAdd(roster, [p('q2', 'QB')], ['q1'], limits), null);
  });

  it('slots a multi-position player wherever the roster fits, whatever order the players came in', () => {
    // RB/QB first: a greedy slotting would put him at RB... or QB; a matching always finds the fit.
    const roster = [p('flex', 'QB', 'RB'), p('r1', 'RB')];
    assert.equal(checkAdd(roster, [p('q', 'QB')], [], limits), null, 'flex moves to RB');
    assert.equal(checkAdd([...roster, p('q', 'QB')], [p('r2', 'RB')], [], limits)?.code, 'POSITION_LIMIT');
  });

  it('never limits a position the settings do not list, nor a drop alone', () => {
    assert.equal(limitBreach([p('k1', 'K'), p('k2', 'K'), p('k3', 'K')], limits), null);
    const over = [p('q1', 'QB'), p('q2', 'QB'), p('a', 'WR'), p('b', 'WR'), p('c', 'WR')];
    assert.equal(checkAdd(over, [], ['a'], limits), null);
  });

  it('lets a roster over a lowered limit swap one for one, never grow', () => {
    const over = [p('a', 'WR'), p('b', 'WR'), p('c', 'WR'), p('d', 'WR'), p('e', 'WR')];
    assert.equal(checkAdd(over, [p('f', 'WR')], ['a'], limits), null);
    assert.equal(checkAdd(over, [p('f', 'WR')], [], limits)?.code, 'ROSTER_FULL');
  });
});
