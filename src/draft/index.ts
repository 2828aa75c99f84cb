/** The pure rules of a live draft (snake, linear, third-round reversal): commands return events, one reducer applies them. */
export * from './types.ts';
export { roundOf, teamForPick, teamPickInRound, totalPicks, validateConfig } from './order.ts';
export { applyEvent, currentRound, initialState, isTaken, picksLeft, replay, rosterOf, teamOnClock } from './state.ts';
export { emptyPositions, rosterCheck, slotCounts, slotFor, whyNoPick, type SlotCounts } from './roster.ts';
export { isStuck, skipIfStuck, withSkips } from './skip.ts';
export { MAX_QUEUE_LENGTH, freshDeadline, pause, pick, resume, setAutopick, setQueue, start, undo, type PickInput } from './rules.ts';
export { EARLY_EXPIRY_TOLERANCE_MS, autopickIfDue, chooseAutopick, expire, finishByAutopick } from './autopick.ts';
