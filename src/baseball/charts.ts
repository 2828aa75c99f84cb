import type { Play } from './types.ts';

/**
 * The charts of play resolution: the runners' speed checks and the tactic tables (hold, infield in,
 * hit-and-run, sacrifice bunt), with the names the tactics carry in `Play.tactics`.
 */

/** Speed checks on a d20 (speed 1..20): a runner makes it on a roll <= the threshold. */
export const speedChecks = {
  /** Runner on 1st reaches 3rd on a single. MLB: ~28 %. */
  firstToThird: (speed: number, outs: number) => Math.floor(speed / 3) + 2 + (outs === 2 ? 2 : 0),
  /** Runner on 1st scores on a double. MLB: ~40 %. */
  scoreFromFirst: (speed: number, outs: number) => Math.floor(speed / 2) + 3 + (outs === 2 ? 3 : 0),
  /** Runner on 3rd tags and scores on a medium fly. */
  tagFromThird: (speed: number) => Math.floor(speed / 2) + 5,
};

// --------------------------------------------------------------------------------------- tactics

/**
 * The decisions in force for one plate appearance, already checked against the bases and outs
 * (turn.ts works them out from both sides' decisions): each flag is only set when it can matter.
 */
export interface PaTactics {
  /** Runner on 3rd, fewer than two outs. */
  infieldIn: boolean;
  /** Runner on 1st. */
  holdRunners: boolean;
  /** Runner on 1st, 2nd open, fewer than two outs. */
  hitAndRun: boolean;
  /** Runner on 1st and/or 2nd, fewer than two outs. */
  bunt: boolean;
}

export const NO_TACTICS: PaTactics = Object.freeze({ infieldIn: false, holdRunners: false, hitAndRun: false, bunt: false });

/** How the decisions are named in `Play.tactics`. */
export const TACTIC = {
  intentionalWalk: 'IBB', infieldIn: 'infield in', hitAndRun: 'hit-and-run', bunt: 'bunt', holdRunners: 'hold',
} as const;

/**
 * Holding the runner on 1st shortens his lead: his steal of 2nd needs 2 less on the d20, and so
 * does his first-to-third check on a single.
 */
export const HOLD_PENALTY = 2;

/**
 * Ground balls through the infield. A card grounder that is an out gets one more d20 when the
 * defense has drawn the infield in (<= 3: it gets through for a single, the price of cutting off
 * the run) or holds the runner on 1st (the first baseman on the bag opens the hole: <= 1 more).
 * X-checks are not rolled again: the fielder's range already decided them.
 */
export const INFIELD_IN_THROUGH = 3;
export const HOLD_THROUGH = 1;

/**
 * The hit-and-run. The runner on 1st goes with the pitch and the batter must swing at it, whatever
 * it is: that is what the play costs. Before the card is read, a d20 against the batter's contact:
 * on d20 <= hitAndRunMissMax(his K rate) he swings through it (or cannot reach it): the runner is
 * stealing on his own, a play of its own (dice: that d20, then the steal's d20), needing
 * HIT_AND_RUN_JUMP_PENALTY less than on a steal he chose (he goes on the pitch whoever he is,
 * without a base stealer's jump, and looks in for the ball), and no pickoff (he is already
 * running: a 20 is caught stealing). Then the batter's plate appearance goes on as usual, the
 * hit-and-run spent (turn.ts). The miss chance is a little over the K rate (why: docs/baseball.md).
 *
 * When he makes contact the card is read with the runner going: no force at 2nd on a grounder
 * (so no double play), and HIT_AND_RUN_GOING more on his speed checks (1st to 3rd on a single: 75 %
 * for an average runner, against 25 % standing; home on a double: 90 %, against 40 %; a ball in
 * front of the left fielder still stops a slow one at 2nd). But a ball caught on the fly near
 * the infield finds the runner far off the bag: a line drive or short pop (FB C) doubles him off
 * 1st on d20 <= DOUBLED_OFF_MAX, and a hard ground-ball result (GB A) is a line drive at an
 * infielder on d20 <= LINED_INTO_DP, doubled off too. A strikeout read off the card is no steal:
 * the hit-and-run pitch was the one the contact d20 was for (fouled off or put in play), and the
 * runner was back at 1st by strike three.
 */
export const HIT_AND_RUN_MISS_EXTRA = 1;
export const HIT_AND_RUN_JUMP_PENALTY = 3;

/** The d20 (<=) on which a batter with this strikeout rate misses the hit-and-run pitch: ceil(20 x K) + 1. */
export function hitAndRunMissMax(kRate: number): number {
  // (The epsilon keeps a rate like .15 from ceiling to 4 on a float product of 3.0000000000000004.)
  return Math.min(19, Math.max(1, Math.ceil(20 * kRate - 1e-9) + HIT_AND_RUN_MISS_EXTRA));
}

/** Hit-and-run: the runner going from 1st has this much more on his 1st-to-3rd and score-from-1st checks. */
export const HIT_AND_RUN_GOING = 10;
/** Hit-and-run, a line drive or pop-up (FB C): the runner going from 1st is doubled off on d20 <= this. */
export const DOUBLED_OFF_MAX = 10;
/** Hit-and-run, a GB A: on d20 <= this it is a line drive at an infielder and the runner is doubled off. */
export const LINED_INTO_DP = 3;

/**
 * The sacrifice-bunt chart, a d20 by the batter's bunt rating: 1..single is a bunt single,
 * ..sacrifice a sacrifice (batter out, runners up), ..failed a failed bunt (lead runner forced,
 * batter safe at 1st), the rest a popped-up bunt (batter out, runners hold). MLB sacrifices
 * succeed about 3 times in 4; a good bunter more, a poor one (most pitchers) about half the time.
 */
export const BUNT_CHART: Readonly<Record<'A' | 'B' | 'C' | 'D', { single: number; sacrifice: number; failed: number }>> = {
  A: { single: 1, sacrifice: 17, failed: 19 },
  B: { single: 1, sacrifice: 15, failed: 18 },
  C: { single: 0, sacrifice: 13, failed: 17 },
  D: { single: 0, sacrifice: 10, failed: 15 },
};
/** The corners charge a drawn-in infield's bunts: this many sacrifice rolls become failed bunts. */
export const INFIELD_IN_BUNT = 3;

/** The names of the tactics in force, in a fixed order, for `Play.tactics`. */
export function tacticNames(t: PaTactics): string[] {
  const names: string[] = [];
  if (t === NO_TACTICS) return names;
  if (t.infieldIn) names.push(TACTIC.infieldIn);
  if (t.hitAndRun) names.push(TACTIC.hitAndRun);
  if (t.bunt) names.push(TACTIC.bunt);
  if (t.holdRunners) names.push(TACTIC.holdRunners);
  return names;
}

/** The tactics a stored play was resolved with: to re-resolve it from its own dice. */
export function playTactics(play: Pick<Play, 'tactics'>): PaTactics {
  if (play.tactics.length === 0) return NO_TACTICS;
  const has = (name: string) => play.tactics.includes(name);
  return { infieldIn: has(TACTIC.infieldIn), holdRunners: has(TACTIC.holdRunners), hitAndRun: has(TACTIC.hitAndRun), bunt: has(TACTIC.bunt) };
}

/** d20 <= 4 x the catcher's passed-ball rating on a PB row is a passed ball (rating 5 = always). */
export const PB_PER_RATING_POINT = 4;
