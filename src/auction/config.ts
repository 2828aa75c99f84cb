import { ruleError, type AuctionConfig, type RuleError } from './types.ts';

/** What an auction uses unless the commissioner says otherwise: the common $200, 15-player, $1 format. */
export const AUCTION_DEFAULTS = {
  budget: 200,
  minBid: 1,
  increment: 1,
  rosterSlots: 15,
  /** Long enough to look a name up, short enough that 180 nominations do not drag. */
  nominationSeconds: 30,
  bidSeconds: 30,
  /** "Going once, going twice": a late bid always leaves the room this long to answer. */
  resetFloorSeconds: 10,
} as const;

/** A full config from the fields that have no default. */
export function auctionConfig(input: Pick<AuctionConfig, 'draftId' | 'order'> & Partial<AuctionConfig>): AuctionConfig {
  return { ...AUCTION_DEFAULTS, ...input };
}

const isWhole = (n: number, min: number) => Number.isSafeInteger(n) && n >= min;

/** Why a config cannot run, or null when it can. Checked by `start`, before anything happens. */
export function validateConfig(config: AuctionConfig): RuleError | null {
  if (config.order.length === 0) return ruleError('INVALID_ORDER', 'the nomination order has no teams');
  if (new Set(config.order).size !== config.order.length) return ruleError('INVALID_ORDER', 'a team appears twice in the nomination order');
  for (const field of ['minBid', 'increment', 'rosterSlots', 'nominationSeconds', 'bidSeconds'] as const) {
    if (!isWhole(config[field], 1)) return ruleError('INVALID_CONFIG', `${field} must be a whole number of at least 1`);
  }
  if (!isWhole(config.resetFloorSeconds, 0)) return ruleError('INVALID_CONFIG', 'resetFloorSeconds must be a whole number of 0 or more');
  // Every team must be able to fill its roster at the minimum bid, or maxBid would go negative.
  if (!isWhole(config.budget, config.rosterSlots * config.minBid)) {
    return ruleError('INVALID_CONFIG', `the budget must be a whole number of at least rosterSlots * minBid (${config.rosterSlots * config.minBid})`);
  }
  for (const [position, max] of Object.entries(config.rosterRules?.maxPerPosition ?? {})) {
    if (!isWhole(max, 0)) return ruleError('INVALID_CONFIG', `the limit for ${position} must be a whole number of 0 or more`);
  }
  return null;
}
