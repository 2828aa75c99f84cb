/** The pure baseball engine: Strat-style cards, plays resolved from dice, the game reducer, box scores. */
export * from './types.ts';
export { LEAGUES, PD, SBA } from './leagues.ts';
export { rngDice, replayDice, scriptedDice, type Dice } from './dice.ts';
export {
  FATIGUE_PENALTY, PB_CHECK_RATE, X_CHANCE, batterCardProbabilities, buildBatterCard, buildPitcherCard,
  buildPitcherCards, cardProbabilities, tiredPitching,
  columnProbabilities, columnTotals, formatCard, pitcherCardProbabilities, rowProbability,
} from './cards.ts';
export { expectedRates, type ExpectedRates, type Fielders } from './expected.ts';
export { AVERAGE_BATTER, AVERAGE_BATTER_CARD, AVERAGE_PITCHER, AVERAGE_PITCHER_CARD, LEAGUE_BATTING, LEAGUE_PA, LEAGUE_PITCHING, hitsPerPa } from './norms.ts';
export { ERROR_PERCENT_PER_POINT, OUT_OF_POSITION, X_HIT_ON, X_SHARE, fieldingAt } from './fielding.ts';
export {
  EMPTY_BASES, applyEvent, applyPitchingChange, applyPlay, applySubstitution, battingSide, battingTeam, currentBatterId,
  fieldingSide, fieldingTeam, initialState, pitchingChange, replay, winner, type TeamSetup,
} from './state.ts';
export {
  BUNT_CHART, DOUBLED_OFF_MAX, HOLD_PENALTY, HOLD_THROUGH, INFIELD_IN_BUNT, INFIELD_IN_THROUGH, NO_TACTICS, TACTIC,
  playTactics, speedChecks, tacticNames, type PaTactics,
} from './charts.ts';
export { intentionalWalk, resolvePlateAppearance, resolveStoredPlay } from './play.ts';
export { resolveSteal, stealChance, stealNeeds, stealThreshold } from './steal.ts';
export { checkDefense, checkOffense, requiredPitcher, type DecisionErrorCode } from './decisions.ts';
export { defensiveSwitches, pinchHitter, pinchRunner } from './substitutions.ts';
export { playTurn } from './turn.ts';
export { BLOWUP_RUNS, chooseReliever, fatigueLevel, isSaveSituation, shouldChangePitcher, stamina, type FatigueLevel } from './fatigue.ts';
export { ROTATION_SIZE, battingValue, buildLineup, gamePlayer, type Club, type ClubPlayer } from './lineup.ts';
export { gameContext, simulateGame, type GameResult, type SimulateOptions } from './game.ts';
export * from './ai.ts';
export { matchupRates, type MatchupRates } from './ai-model.ts';
export {
  RUN_EXPECTANCY, boxScore, endsGame, formatLineScore, halfInningRuns, lineScore, modelRunExpectancy, re24,
  runExpectancy, winExpectancy, wpa, type BattingLine, type BoxScore, type LineScore, type PitchingLine, type TeamBox,
} from './stats.ts';
