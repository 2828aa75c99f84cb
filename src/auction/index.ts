/** The pure rules of a live auction draft: commands return events, one reducer applies them. */
export * from './types.ts';
export { AUCTION_DEFAULTS, auctionConfig, validateConfig } from './config.ts';
export { applyEvent, initialState, isComplete, isWon, nominatorIndexFrom, nominatorOnClock, replay } from './state.ts';
export { canNominate, hasRoomFor, maxBid, openSlots, rosterCheck, slotCounts } from './budget.ts';
export { resolveProxies, type ProxyRaise } from './proxy.ts';
export {
  EARLY_TOLERANCE_MS, bid, closeLot, nominate, nominationDeadline, setProxy, start,
  type BidInput, type NominateInput, type ProxyInput,
} from './rules.ts';
export { MAX_QUEUE_LENGTH, chooseNomination, expireNomination, setQueue } from './nominate.ts';
export { pause, resume, undo } from './commissioner.ts';
