import type { BaseballRatings } from '../players/types.ts';

/**
 * The data of a dice baseball game (Strat-O-Matic style). Everything here is plain data so a game
 * can be stored, replayed from its plays and checked; the functions live in the other files.
 */

export type FieldPosition = 'P' | 'C' | '1B' | '2B' | '3B' | 'SS' | 'LF' | 'CF' | 'RF';
export type LineupPosition = FieldPosition | 'DH';
export const FIELD_POSITIONS: readonly FieldPosition[] = ['P', 'C', '1B', '2B', '3B', 'SS', 'LF', 'CF', 'RF'];

export type Half = 'top' | 'bottom';
export type Side = 'away' | 'home';

/** A fielding check at a position ("X SS"): the fielder's range and error ratings decide it. */
export type XCheck = `X-${FieldPosition}`;

/**
 * What a card row can say. GB A: double-play ball; GB B: force/advance; GB C: slow roller (runners
 * advance). FB A: deep (runners tag); FB B: medium; FB C: shallow/pop-up (runners hold).
 * WP, PB and BK are the rare rows of pitcher cards: they move runners, they do not end the PA.
 */
export type CardResult =
  | '1B' | '2B' | '3B' | 'HR' | 'BB' | 'HBP' | 'K'
  | 'GB-A' | 'GB-B' | 'GB-C' | 'FB-A' | 'FB-B' | 'FB-C'
  | XCheck | 'WP' | 'PB' | 'BK' | BallparkResult;

/**
 * Ballpark results (batter cards of games since ballpark results, ballparks.ts): a second d20
 * against the park's rating makes a BP HR a home run or a fly out, a BP 1B a single or a line out.
 */
export type BallparkResult = 'BP-HR' | 'BP-1B';

/** One 2d6 row of a card column: d20 1..split reads `a`, split+1..20 reads `b` (split 20: `a` only). */
export interface CardRow {
  roll: number;
  a: CardResult;
  b: CardResult;
  split: number;
}

/** Three columns of eleven rows (2d6 = 2..12): the batter's card is read on d6 1-3, the pitcher's on 4-6. */
export interface Card {
  side: 'batter' | 'pitcher';
  columns: readonly (readonly CardRow[])[];
}

/**
 * The two leagues the engine runs. SBA plays the classic rules; PD plays with the designated hitter
 * and the extra-inning runner on second base.
 */
export interface LeagueRules {
  id: 'SBA' | 'PD';
  name: string;
  /** Regulation innings. */
  innings: number;
  designatedHitter: boolean;
  /** From this inning on each half-inning starts with a runner on 2nd; null = never. */
  extraInningRunnerFrom: number | null;
}

/** A player as a game needs it: ratings and the cards built from them (once, before the game). */
export interface GamePlayer {
  id: string;
  name: string;
  ratings: BaseballRatings;
  battingCard: Card;
  /** Pitchers: the card fresh, tiring and tired (index = fatigue level); empty for everyone else. */
  pitchingCards: readonly Card[];
}

/** A park's ballpark ratings: a BP HR is a home run on d20 <= hr (else a fly out), a BP 1B a single on d20 <= single (else a line out). */
export interface BallparkRatings {
  hr: number;
  single: number;
}

/** What resolving a play needs besides the state (which carries the league's rules): the players and their cards. */
export interface GameContext {
  players: ReadonlyMap<string, GamePlayer>;
  /** The park's ballpark ratings; absent: a neutral park's (ballparks.ts NEUTRAL_BALLPARK_RATINGS). */
  ballpark?: BallparkRatings;
}

/** A runner on base, with the pitcher responsible for him and whether his run would be earned. */
export interface Runner {
  id: string;
  pitcherId: string;
  earned: boolean;
}

/** 1st, 2nd, 3rd. */
export type Bases = readonly [Runner | null, Runner | null, Runner | null];

export interface LineupSlot {
  playerId: string;
  position: LineupPosition;
}

/** The pitcher in the game and his workload: what fatigue is computed from. */
export interface PitcherWork {
  pitcherId: string;
  battersFaced: number;
  outs: number;
  /** Estimated from each PA's result (the dice do not pitch): for box scores and AI hooks. */
  pitches: number;
  /** Baserunners (H, BB, HBP) allowed in the current inning; resets when a half-inning starts. */
  inningRunners: number;
  /** Extra wear from trouble: +1 per baserunner after the first in an inning, +1 per run scored. */
  trouble: number;
  runs: number;
}

export interface TeamState {
  clubId: string;
  /** Batting order: nine slots. Without the DH the pitcher bats in his slot. */
  lineup: readonly LineupSlot[];
  /** Index in `lineup` of the next batter. */
  next: number;
  fielders: Readonly<Record<FieldPosition, string>>;
  pitcher: PitcherWork;
  /** Relievers still available, in order of use. */
  bullpen: readonly string[];
  /** Every pitcher who has pitched, in order. */
  pitchersUsed: readonly string[];
  /** Position players who have not played yet: pinch hitters, pinch runners, defensive subs. */
  bench: readonly string[];
  /** Everyone who has left the game: they may not re-enter. */
  removed: readonly string[];
  runs: number;
  hits: number;
  errors: number;
  /** Runs per inning batted. */
  lineScore: readonly number[];
}

export type GameStatus = 'live' | 'final';

export interface GameState {
  rules: LeagueRules;
  status: GameStatus;
  inning: number;
  half: Half;
  outs: number;
  bases: Bases;
  away: TeamState;
  home: TeamState;
  /** Runs after an error in a half-inning are unearned (the simple rule of this engine). */
  errorInHalf: boolean;
  /** Plays applied so far; the next play is number plays + 1. */
  plays: number;
}

/** Where a runner went: from 0 (the batter) or a base, to a base, 4 (scored) or 0 (put out). */
export interface RunnerMove {
  runnerId: string;
  from: number;
  to: number;
}

export interface ScoredRun {
  runnerId: string;
  /** The pitcher charged with the run. */
  pitcherId: string;
  earned: boolean;
}

export interface DieRoll {
  sides: number;
  value: number;
}

export type PlayKind = 'pa' | 'steal' | 'wild-pitch' | 'passed-ball' | 'balk';

/** The stat fields of a play (the seeds' play record): summed, they are the box score. */
export interface PlayStats {
  pa: number; ab: number; h: number; double: number; triple: number; hr: number;
  bb: number; so: number; hbp: number; rbi: number; sac: number; ibb: number; gidp: number;
  sb: number; cs: number; wp: number; pb: number; pickoff: number; balk: number;
  runs: number; earnedRuns: number; outs: number;
  /** Errors by the fielding team. */
  e: number;
  /**
   * Ballpark results (the PD seed's columns): a BP HR that was a home run (bphr) or a fly out
   * (bpfo), a BP 1B that was a single (bp1b) or a line out (bplo). Absent on plays stored before
   * ballpark results (read as 0).
   */
  bphr?: number; bpfo?: number; bp1b?: number; bplo?: number;
}

export type BallparkStat = 'bphr' | 'bpfo' | 'bp1b' | 'bplo';
export const BALLPARK_STATS: readonly BallparkStat[] = ['bphr', 'bpfo', 'bp1b', 'bplo'];

/**
 * One play: a plate appearance or an event between pitches (steal, wild pitch, passed ball, balk).
 * It holds the situation before, the dice used, the result and every stat, so it can be stored,
 * shown and summed without the state; applyPlay moves a state by it.
 */
export interface Play extends PlayStats {
  number: number;
  kind: PlayKind;
  inning: number;
  half: Half;
  outsBefore: number;
  /** Runners before: 1 = 1st, 2 = 2nd, 4 = 3rd (7 = loaded). */
  onBaseCode: number;
  onBaseCodeAfter: number;
  awayScore: number;
  homeScore: number;
  /** 1..9, the batter's spot in the order. */
  battingOrder: number;
  batterId: string;
  pitcherId: string;
  catcherId: string;
  /** The fielder of an X-check or error, the runner of a steal. */
  defenderId: string | null;
  runnerId: string | null;
  /** The card row read: column as rolled (1-6), 2d6 row, d20 split roll, and what it said. */
  column: number;
  row: number;
  splitRoll: number;
  outcome: CardResult | null;
  /** Short scoring code: 1B, HR, K, GIDP, SF, E6, SB2, CS2, WP, ... */
  code: string;
  description: string;
  /** 0 fresh, 1 tiring, 2 tired: how the pitcher was when the play began. */
  fatigue: number;
  /** True when the batter reached on an error: he scores unearned. */
  reachedOnError: boolean;
  /** Estimated pitches thrown in the play. */
  pitches: number;
  /**
   * The decisions that applied to this play, for play-by-play: 'IBB', 'infield in', 'hit-and-run',
   * 'bunt', 'hold' (charts.ts TACTIC). Empty when both sides played on.
   */
  tactics: string[];
  moves: RunnerMove[];
  scored: ScoredRun[];
  dice: DieRoll[];
}

export interface PitchingChange {
  type: 'pitchingChange';
  side: Side;
  pitcherId: string;
  replacedId: string;
  inning: number;
  half: Half;
  outs: number;
}

/**
 * A substitution other than a pitching change: a pinch hitter or pinch runner takes a batting
 * slot, or a defensive switch moves a player to a position (from the bench, or from another
 * position). `out` leaves the game for good when he is not still in it elsewhere.
 */
export interface Substitution {
  type: 'substitution';
  side: Side;
  /**
   * `dhTakesField`: the DH goes to `position`, `out` (there) leaves, the pitcher takes `out`'s batting
   * slot and the team has no DH from then on. `doubleSwitch`: bench player `in` replaces `out` at
   * `position` and takes the pitcher's batting slot; the pitcher takes `out`'s.
   */
  kind: 'pinchHitter' | 'pinchRunner' | 'defense' | 'dhTakesField' | 'doubleSwitch';
  in: string;
  /** The player replaced; for a switch of two players already in the game, the one moved out of `position`. */
  out: string;
  /** The fielding position the incoming player takes, or 'DH'; null when he only bats or runs. */
  position: LineupPosition | null;
  /** Pinch runner: the base he takes over (1..3). */
  base: number | null;
  inning: number;
  half: Half;
  outs: number;
}

/** The event log of a game: plays and substitutions in order. */
export type GameEvent = { type: 'play'; play: Play } | PitchingChange | Substitution;

// ------------------------------------------------------------------------------------- decisions

/**
 * What the fielding side decides before a plate appearance (PROTOCOL "Baseball room" `defense`).
 * Every field is optional: `{}` means "no change, play on". A decision is sealed: the batting side
 * never sees it before the dice are rolled.
 */
export interface DefenseDecision {
  /** Infield plays in: a runner on 3rd is held on ground balls, but more grounders get through. */
  infieldIn?: boolean;
  /** Hold the runner on 1st: steals are harder, the runner gets a worse jump on hits. */
  holdRunners?: boolean;
  /** Walk the batter on purpose (no dice for the PA). */
  intentionalWalk?: boolean;
  /** A reliever from the bullpen replaces the pitcher before the PA. */
  pitcher?: string;
  /**
   * Defensive switch: position -> player (from the bench, a player already in the field, or the DH:
   * the DH who takes the field ends the DH for his team, and the pitcher bats in the slot of the
   * fielder he displaces).
   */
  fielders?: Partial<Record<FieldPosition, string>>;
  /**
   * Double switch (a team whose pitcher bats): a fielder who leaves the game in this switch. The new
   * pitcher bats in his slot, and the bench player who replaces him bats in the pitcher's.
   */
  doubleSwitch?: string;
}

/** What the batting side decides (PROTOCOL `offense`); `{}` means "swing away". */
export interface OffenseDecision {
  /** The runner on this base tries to steal the next one (1: steal of 2nd, 2: steal of 3rd). */
  steal?: 1 | 2;
  /** Sacrifice bunt: the batter gives himself up to move the runners. */
  bunt?: boolean;
  /** Hit-and-run: the runner on 1st goes with the pitch, the batter must swing. */
  hitAndRun?: boolean;
  /** A bench player bats for the current batter (who leaves the game). */
  pinchHitter?: string;
  /** A bench player runs for the runner on `base` (who leaves the game). */
  pinchRunner?: { base: 1 | 2 | 3; playerId: string };
}

/** The AI manager's temperament: how much risk it takes for run and win expectancy. */
export type AiStyle = 'safe' | 'balanced' | 'aggressive';
export const AI_STYLES: readonly AiStyle[] = ['safe', 'balanced', 'aggressive'];
