import assert from 'node:assert/strict';
import {
  applyEvent, auctionConfig, initialState, isRuleError, start,
  type AuctionConfig, type AuctionEvent, type AuctionState, type Outcome, type Pool, type RuleErrorCode,
} from '../../src/auction/index.ts';
import { T0, deepFreeze, poolOf } from '../draft/fixtures.ts';

export { T0, deepFreeze, poolOf };

/** A small auction: 3 teams, 3 slots, $20 each, 10 s to nominate, 20 s per lot, 5 s floor. */
export function makeConfig(overrides: Partial<AuctionConfig> = {}): AuctionConfig {
  return auctionConfig({
    draftId: 'a1',
    order: ['A', 'B', 'C'],
    budget: 20,
    rosterSlots: 3,
    nominationSeconds: 10,
    bidSeconds: 20,
    resetFloorSeconds: 5,
    ...overrides,
  });
}

/**
 * An auction as a room would run it: commands against the current state, events applied with the one
 * reducer and kept in a log (so tests can replay it).
 */
export class Auction {
  state: AuctionState;
  readonly log: AuctionEvent[] = [];
  readonly config: AuctionConfig;

  constructor(config: AuctionConfig) {
    this.config = config;
    this.state = initialState(config);
  }

  /** Runs a command that must succeed; returns its events. */
  do(command: (state: AuctionState) => Outcome): AuctionEvent[] {
    const outcome = command(this.state);
    if (isRuleError(outcome)) assert.fail(`expected events, got ${outcome.code}: ${outcome.message}`);
    this.apply(outcome.events);
    return outcome.events;
  }

  apply(events: readonly AuctionEvent[]): void {
    for (const event of events) {
      this.state = applyEvent(this.state, event);
      this.log.push(event);
    }
  }

  /** Runs a command that must be refused with `code`, and checks it returned no events and changed nothing. */
  refuse(command: (state: AuctionState) => Outcome, code: RuleErrorCode): string {
    const before = structuredClone(this.state);
    deepFreeze(this.state);
    const outcome = command(this.state);
    assert.ok(isRuleError(outcome), `expected ${code}, got events ${JSON.stringify(outcome)}`);
    assert.equal(outcome.code, code, outcome.message);
    assert.deepEqual(Object.keys(outcome).sort(), ['code', 'message']);
    assert.deepEqual(this.state, before);
    return outcome.message;
  }
}

/** A small pool for rule tests, best first (rank = adp = list order). */
export const rulesPool: Pool = poolOf(
  ['qb1', ['QB']], ['qb2', ['QB']], ['rb1', ['RB']], ['rb2', ['RB']], ['flex1', ['RB', 'WR']],
  ['wr1', ['WR']], ['wr2', ['WR']], ['te1', ['TE']], ['k1', ['K']], ['k2', ['K']],
);

/** Context at T0 + ms. */
export const at = (ms: number, pool: Pool = rulesPool) => ({ now: T0 + ms, pool });

/** An auction already started at T0: A nominates first. */
export function liveAuction(overrides: Partial<AuctionConfig> = {}, pool: Pool = rulesPool): Auction {
  const auction = new Auction(makeConfig(overrides));
  auction.do((s) => start(s, { now: T0, pool }));
  return auction;
}
