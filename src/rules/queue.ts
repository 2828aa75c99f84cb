import { ruleError, type RuleError } from './rule-error.ts';

/** The longest wish list a team may keep (drafts and auctions alike). */
export const MAX_QUEUE_LENGTH = 500;

/**
 * Checks a team's new queue against the pool; returns the queue without repeats, or why not.
 * Taken players are allowed (the client may lag): the autopick or auto-nomination skips them.
 */
export function checkedQueue(
  playerIds: readonly string[], pool: ReadonlyMap<string, unknown>,
): string[] | RuleError<'QUEUE_TOO_LONG' | 'UNKNOWN_PLAYER'> {
  if (playerIds.length > MAX_QUEUE_LENGTH) return ruleError('QUEUE_TOO_LONG', `a queue holds at most ${MAX_QUEUE_LENGTH} players`);
  const missing = playerIds.find((id) => !pool.has(id));
  if (missing !== undefined) return ruleError('UNKNOWN_PLAYER', `no player ${missing} in the pool`);
  return [...new Set(playerIds)];
}

/** Whether a checked queue is the one the team has already: setting it again changes nothing and logs nothing. */
export function sameQueue(current: readonly string[] | undefined, queue: readonly string[]): boolean {
  const had = current ?? [];
  return had.length === queue.length && had.every((id, i) => id === queue[i]);
}
