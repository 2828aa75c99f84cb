import type { RuleError } from './rule-error.ts';
import type { Pool } from '../draft/types.ts';

/**
 * What every rule of every kind returns: the events to store and then apply, or why it refused
 * (then nothing changes). The room commits the events before anyone sees them.
 */
export type Outcome<E, Code extends string = string> = { events: E[] } | RuleError<Code>;

/** What the room passes to every rule: rules never read a clock, a catalog or dice of their own. */
export interface RuleContext {
  now: number;
}

/** Drafts and auctions choose from a pool of players the room loaded once. */
export interface PoolContext extends RuleContext {
  pool: Pool;
}
