/** What each stable error code (PROTOCOL.md) means to a player, in plain words. */
const MEANINGS: Record<string, string> = {
  INVALID_PAYLOAD: 'That request was malformed',
  INVALID_INPUT: 'Some of what you entered is not valid',
  NOT_AUTHORIZED: 'You may not do that here (spectators and other teams cannot act)',
  UNAUTHENTICATED: 'Please sign in again',
  FORBIDDEN: 'You may not do that',
  NOT_FOUND: 'Not found',
  CONFLICT: 'That conflicts with the current state',
  RATE_LIMITED: 'Too fast: wait a moment and try again',
  UNKNOWN_MESSAGE: 'The server does not know that action',
  BUSY: 'The room is busy: try again',
  RETRY: 'The action could not be stored: nothing happened, try again',
  NOT_LIVE: 'The draft is not live',
  DRAFT_COMPLETE: 'The draft is complete',
  NOT_YOUR_TURN: 'It is not your turn',
  STALE: 'Someone picked first: the board has moved on',
  UNKNOWN_PLAYER: 'That player is not in this pool',
  UNKNOWN_TEAM: 'You have no team in this room',
  PLAYER_TAKEN: 'That player is already taken',
  POSITION_FULL: 'Your roster has no room at that position',
  ROSTER_FULL: 'Your roster is full',
  ALREADY_STARTED: 'It has already started',
  NOT_PAUSED: 'It is not paused',
  NOTHING_TO_UNDO: 'There is nothing to undo',
  QUEUE_TOO_LONG: 'Your queue is too long (500 at most)',
  NOT_NOMINATING: 'Nothing can be nominated now',
  NOT_BIDDING: 'No lot is open for bids',
  LOT_CLOSED: 'The lot has closed',
  BID_TOO_LOW: 'Your bid is too low: someone bid higher',
  OVER_MAX_BID: 'That is more than you may bid (your max bid)',
  ALREADY_HIGH_BIDDER: 'You are already the high bidder',
  INVALID_AMOUNT: 'Bids are whole dollars',
  AUCTION_COMPLETE: 'The auction is complete',
  ROSTER_INCOMPLETE: 'A roster cannot field a lineup',
  NOT_SUPPORTED: 'Not available for this league’s sport',
  NOT_AWAITING: 'No decision is awaited from you now',
  NO_RACE_WEEKENDS: 'This league does not play F1 race weekends yet',
  NO_SUCH_SEASON: 'That season has no race on the calendar',
  RACE_LOCKED: 'That race is locked (qualifying has started): it can no longer move',
  // Transactions (PROTOCOL.md "Transactions", "Trades", "League administration")
  ALREADY_ON_ROSTER: 'That player is on your roster already',
  ON_WAIVERS: 'That player is on waivers: claim him instead',
  NOT_ON_WAIVERS: 'That player is not on waivers: add him as a free agent',
  NOT_ON_ROSTER: 'That player is not on your roster',
  DROP_NOT_ON_ROSTER: 'The player to drop is not on your roster',
  POSITION_LIMIT: 'Your roster has no room at that position: choose a player to drop',
  ALREADY_CLAIMED: 'You have a pending claim on that player already',
  INSUFFICIENT_BUDGET: 'That bid is more than your FAAB budget left',
  CLAIMED_BY_OTHER: 'Another team’s claim came first',
  LEAGUE_ARCHIVED: 'The league is archived: it is read-only',
  SAME_TEAM: 'A trade needs another team',
  EMPTY_TRADE: 'A trade needs at least one player',
  PLAYER_NOT_ON_TEAM: 'A player in the trade is no longer on that team',
  TRADE_DEADLINE_PASSED: 'The trade deadline has passed',
  TRADE_CLOSED: 'That trade is no longer open',
  NOT_IN_REVIEW: 'That trade is not in review',
  ALREADY_VOTED: 'You have voted on that trade already',
  WRONG_PASSWORD: 'The current password is wrong',
  NO_SEASON: 'This league has no season yet',
  NOT_ENOUGH_TEAMS: 'The league needs more teams for that',
  SEASON_IN_PROGRESS: 'The current season has started: it must finish before the next one',
  TOO_FEW_TEAMS: 'A schedule needs at least two teams',
  SCHEDULE_LOCKED: 'The schedule can no longer be drawn again',
  ALREADY_CREATED: 'That game has been created already',
  NOT_TRIED: 'That game is not due to be created yet',
  PERIOD_NOT_STARTED: 'That week has not locked yet',
  PREVIOUS_NOT_FINAL: 'An earlier week must be final first',
  PERIOD_FINAL: 'That week is final: its lineups no longer change',
  WRONG_SLOT_COUNT: 'The lineup does not fill the league’s slots',
  DUPLICATE_PLAYER: 'A player is in two slots',
  INELIGIBLE_FOR_SLOT: 'That player’s position cannot start in that slot',
  LINEUP_LOCKED: 'A player whose game has started cannot move',
  // Baseball game lifecycle (PROTOCOL.md "Game lifecycle")
  NOT_SUSPENDED: 'The game is not suspended (any more)',
  NOT_PRESENT: 'A manager resumes a suspended game from its page: you are not in the game',
};

export function explain(code: string): string {
  return MEANINGS[code] ?? code;
}

const wordsOf = (text: string) => new Set(text.toLowerCase().match(/[a-z]+/g) ?? []);

/**
 * A refusal in words, each thing said once: the code's meaning, then the server's own words, joined
 * by `join`. Many of the server's messages already say what the meaning says, often more exactly
 * ("That player is on waivers until …: claim him instead"); when they hold at least half of the
 * meaning's words (those of four letters or more), only the server's words are shown.
 */
export function refusalWords(code: string, message: string | undefined, join: (meaning: string, message: string) => string): string {
  const meaning = MEANINGS[code];
  // A code without a meaning here is shown as itself, with the server's words: never dropped.
  if (meaning === undefined) return message ? join(code, message) : code;
  if (!message) return meaning;
  const said = wordsOf(message);
  const meant = [...wordsOf(meaning)].filter((word) => word.length >= 4);
  const repeated = meant.filter((word) => said.has(word)).length;
  if (meant.length > 0 && repeated * 2 >= meant.length) return message.charAt(0).toUpperCase() + message.slice(1);
  return join(meaning, message);
}
