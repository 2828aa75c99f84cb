import type { PitchingRatings } from '../players/types.ts';
import type { AiStyle, GameContext, GameState, PitcherWork, TeamState } from './types.ts';

/**
 * Pitcher fatigue, kept simple and visible on the card.
 *
 * Stamina is the endurance rating in outs: a starter's `endurance` innings x 3, a reliever's
 * `endurance` outs. Wear = outs recorded + trouble, where trouble is +1 for every baserunner after
 * the first in an inning and +1 for every run scored while he pitches: a pitcher in trouble tires
 * sooner. Below stamina he is fresh (level 0). From stamina on fatigue sets in (level 1) and after a
 * grace of 2 more innings for a starter (2 outs for a reliever) he is tired (level 2).
 *
 * A tired pitcher's card is shifted toward the batter: he pitches from a card built from worse
 * ratings, FATIGUE_PENALTY (cards.ts) once at level 1 and twice at level 2.
 */
export const STARTER_GRACE_OUTS = 6;
export const RELIEVER_GRACE_OUTS = 2;
/** A pitcher charged with this many runs while in the game comes out whatever his stamina. */
export const BLOWUP_RUNS = 6;

export type FatigueLevel = 0 | 1 | 2;

export function freshWork(pitcherId: string): PitcherWork {
  return { pitcherId, battersFaced: 0, outs: 0, pitches: 0, inningRunners: 0, trouble: 0, runs: 0 };
}

export function stamina(p: PitchingRatings): number {
  return p.role === 'SP' ? p.endurance * 3 : p.endurance;
}

export function fatigueLevel(work: PitcherWork, p: PitchingRatings | undefined): FatigueLevel {
  if (!p) return 2; // a position player pitching
  const wear = work.outs + work.trouble;
  const limit = stamina(p);
  if (wear < limit) return 0;
  return wear < limit + (p.role === 'SP' ? STARTER_GRACE_OUTS : RELIEVER_GRACE_OUTS) ? 1 : 2;
}

/** The workload after a play: outs, batters, pitches and trouble. */
export function addWork(work: PitcherWork, play: { pa: number; outs: number; pitches: number; h: number; bb: number; hbp: number; runs: number }): PitcherWork {
  const runners = play.h + play.bb + play.hbp;
  const inningRunners = work.inningRunners + runners;
  const extraRunners = Math.max(0, inningRunners - 1) - Math.max(0, work.inningRunners - 1);
  return {
    pitcherId: work.pitcherId,
    battersFaced: work.battersFaced + play.pa,
    outs: work.outs + play.outs,
    pitches: work.pitches + play.pitches,
    inningRunners,
    trouble: work.trouble + extraRunners + play.runs,
    runs: work.runs + play.runs,
  };
}

function fieldingTeam(state: GameState): TeamState {
  return state.half === 'top' ? state.home : state.away;
}

/** The fielding team leads by 1-3 in the last inning or later: the closer's moment. */
export function isSaveSituation(state: GameState): boolean {
  const lead = state.half === 'top' ? state.home.runs - state.away.runs : state.away.runs - state.home.runs;
  return state.inning >= state.rules.innings && lead >= 1 && lead <= 3;
}

/**
 * When a manager of each style goes to the bullpen (fatigue levels of fatigueLevel): `tiring` = pull
 * a tiring pitcher (always, or only with a runner in scoring position), `blowup` = runs charged
 * that end any outing. Safe hooks at the first sign of fatigue, aggressive rides a tiring pitcher
 * until he is tired.
 */
export const HOOKS: Readonly<Record<AiStyle, { tiring: 'always' | 'scoring-position' | 'never'; blowup: number }>> = {
  safe: { tiring: 'always', blowup: BLOWUP_RUNS - 1 },
  balanced: { tiring: 'scoring-position', blowup: BLOWUP_RUNS },
  aggressive: { tiring: 'never', blowup: BLOWUP_RUNS + 1 },
};

/**
 * The automatic pitching change (AI and simulations): pull a tired pitcher; pull one who is tiring
 * (balanced: with a runner in scoring position; safe: at once; aggressive: not before he is
 * tired); pull one who has been hit hard; bring the closer for a save at the start of the
 * half-inning. Never without a reliever left.
 */
export function shouldChangePitcher(state: GameState, ctx: GameContext, style: AiStyle = 'balanced'): boolean {
  if (state.status !== 'live') return false;
  const team = fieldingTeam(state);
  if (team.bullpen.length === 0) return false;
  const work = team.pitcher;
  const hook = HOOKS[style];
  const level = fatigueLevel(work, ctx.players.get(work.pitcherId)?.ratings.pitching);
  if (level === 2) return true;
  if (level === 1 && (hook.tiring === 'always' || (hook.tiring === 'scoring-position' && (state.bases[1] || state.bases[2])))) return true;
  if (work.runs >= hook.blowup) return true;
  const inningStart = state.outs === 0 && !state.bases[0] && !state.bases[1] && !state.bases[2] && work.inningRunners === 0;
  return inningStart && isSaveSituation(state) && work.battersFaced > 0;
}

/**
 * Relievers come in bullpen order; the first of the bullpen (the closer) is kept for a save
 * situation unless nobody else is left.
 */
export function chooseReliever(state: GameState): string | null {
  const bullpen = fieldingTeam(state).bullpen;
  if (bullpen.length === 0) return null;
  if (bullpen.length === 1 || isSaveSituation(state)) return bullpen[0];
  return bullpen[1];
}
