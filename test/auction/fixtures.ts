import {
  applyEvent, auctionConfig, initialState, start,
  type AuctionConfig, type AuctionEvent, type AuctionState, type Pool, type RuleErrorCode,
} from '../../src/auction/index.ts';
import { T0, poolOf } from '../draft/fixtures.ts';
import { RuleHarness, deepFreeze } from '../helpers/rules.ts';

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

/** An auction as a room would run it (test/helpers/rules.ts). */
export class Auction extends RuleHarness<AuctionState, AuctionEvent, RuleErrorCode> {
  readonly config: AuctionConfig;

  constructor(config: AuctionConfig) {
    super(initialState(config), applyEvent);
    this.config = config;
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
