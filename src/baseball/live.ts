import { ruleError, isRuleError, type RuleError } from '../rules/rule-error.ts';
import type { Outcome, RuleContext } from '../rules/outcome.ts';
import { aiDefense, aiOffense } from './ai.ts';
import type { GameConfig } from './config.ts';
import { checkDefense, checkOffense } from './decisions.ts';
import type { Dice } from './dice.ts';
import { battingSide, fieldingSide, initialState, replay } from './state.ts';
import { playTurn } from './turn.ts';
import { applyLifecycleEvent, type LifecycleEvent } from './lifecycle.ts';
import type { AiStyle, DefenseDecision, GameContext, GameEvent, GameState, OffenseDecision, Play, Side } from './types.ts';

/**
 * A game as the room runs it: the engine's GameState plus whose decision is awaited, the sealed
 * defense decision, the clock and how many dice have been rolled. Like the draft's rules it is
 * event-sourced: commands return LiveEvents or a RuleError, `applyLiveEvent` folds them, live and
 * on replay.
 *
 * A plate appearance (a "turn"): the fielding side decides first, then the batting side, then the
 * dice are rolled. The defense's decision is sealed until the roll (the batting side decides
 * without knowing it). A side run by the AI decides at once (after the game's pace); a manager has
 * `decisionMs`, after which the AI decides for them (balanced, unless the side has its own style).
 */

/** `suspended`: abandoned by its managers, waiting for them (lifecycle.ts); `cancelled`: called off before its first pitch. */
export type LiveStatus = 'scheduled' | 'live' | 'suspended' | 'final' | 'cancelled';
export type Awaiting = 'defense' | 'offense' | '';

export interface PendingDefense {
  decision: DefenseDecision;
  /** Decided by the AI (the side's own or on a manager's timeout). */
  auto: boolean;
}

export interface LiveGame {
  config: GameConfig;
  status: LiveStatus;
  game: GameState;
  awaiting: Awaiting;
  pendingDefense: PendingDefense | null;
  /** Epoch ms: when the awaited side's time is up (for an AI side: when it decides). 0 when none. */
  deadline: number;
  /** Dice rolled so far: the index of the next roll of the game's verifiable dice. */
  rolls: number;
  startedAt: number;
  finishedAt: number;
  /** Epoch ms of the first pitch (config.startAt until postponed); 0 = none set. */
  startAt: number;
  /** The managed sides the AI plays since the game was abandoned, until their managers are back (lifecycle.ts). */
  autopilot: Side[];
  /** The side that forfeited the game, if it ended so. */
  forfeitedBy: Side | null;
}

export interface StartEvent { type: 'start'; at: number }
export interface DefenseEvent { type: 'defense'; side: Side; decision: DefenseDecision; auto: boolean; at: number }
/** A resolved plate appearance: both decisions (revealed now), the engine events, the dice used. */
export interface TurnEvent {
  type: 'turn';
  at: number;
  defense: DefenseDecision;
  offense: OffenseDecision;
  auto: { defense: boolean; offense: boolean };
  events: GameEvent[];
  /** How many dice the turn rolled (the plays carry their values). */
  rolls: number;
}
export type LiveEvent = StartEvent | DefenseEvent | TurnEvent | LifecycleEvent;
export type LiveOutcome = Outcome<LiveEvent>;

/** What the room passes to every command: its clock, the game's dice at the next roll, the game's rules. */
export interface LiveContext extends RuleContext {
  dice: Dice;
  game: GameContext;
}

/**
 * A manager's decision. `play` is the number of the last play the client has seen (0 before the
 * first): a different one means it decided on an old board and is refused with STALE, like a
 * draft's `pick`. Left out, the decision is for whatever plate appearance is next.
 */
export interface Decision<D> {
  decision: D;
  play?: number;
}

/** When no style is configured for a side, this one decides for an absent manager. */
export const DEFAULT_STYLE: AiStyle = 'balanced';

export function initialLive(config: GameConfig): LiveGame {
  return {
    config,
    status: 'scheduled',
    game: initialState(config.rules, config.away.setup, config.home.setup),
    awaiting: '',
    pendingDefense: null,
    deadline: 0,
    rolls: 0,
    startedAt: 0,
    finishedAt: 0,
    startAt: config.startAt,
    autopilot: [],
    forfeitedBy: null,
  };
}

/** The AI style deciding for a side, null when its manager decides. */
export function aiOf(live: Pick<LiveGame, 'config' | 'autopilot'>, side: Side): AiStyle | null {
  return live.config[side].ai ?? (live.autopilot.includes(side) ? DEFAULT_STYLE : null);
}

/** How long the side that decides next gets: the pace for the AI, the decision window for a manager. */
function windowFor(live: Pick<LiveGame, 'config' | 'autopilot'>, side: Side): number {
  return aiOf(live, side) ? live.config.paceMs : live.config.decisionMs;
}

/** The awaited side's window (a resumed game gives it afresh). */
function awaitedWindow(live: LiveGame): number {
  if (live.awaiting === 'offense') return aiOf(live, battingSide(live.game)) ? 0 : live.config.decisionMs;
  return windowFor(live, fieldingSide(live.game));
}

export function applyLiveEvent(live: LiveGame, event: LiveEvent): LiveGame {
  switch (event.type) {
    case 'start':
      return {
        ...live, status: 'live', startedAt: event.at, awaiting: 'defense',
        deadline: event.at + windowFor(live, fieldingSide(live.game)),
      };
    case 'defense':
      return {
        ...live,
        pendingDefense: { decision: event.decision, auto: event.auto },
        awaiting: 'offense',
        // The batting side's window starts now; an AI offense decides at once.
        deadline: aiOf(live, battingSide(live.game)) ? event.at : event.at + live.config.decisionMs,
      };
    case 'turn': {
      const game = replay(live.game, event.events);
      const rolls = live.rolls + event.rolls;
      if (game.status === 'final') {
        return { ...live, game, rolls, status: 'final', awaiting: '', pendingDefense: null, deadline: 0, finishedAt: event.at };
      }
      return {
        ...live, game, rolls, awaiting: 'defense', pendingDefense: null,
        deadline: event.at + windowFor(live, fieldingSide(game)),
      };
    }
    default:
      return applyLifecycleEvent(live, event, awaitedWindow);
  }
}

export function replayLive(live: LiveGame, events: readonly LiveEvent[]): LiveGame {
  return events.reduce(applyLiveEvent, live);
}

// -------------------------------------------------------------------------------------- commands

function refuseUnlessLive(live: LiveGame): RuleError | null {
  if (live.status === 'final' || live.status === 'cancelled') return ruleError('GAME_OVER', `the game is ${live.status}`);
  if (live.status === 'suspended') return ruleError('SUSPENDED', 'the game is suspended until both managers are back, or it is resumed');
  if (live.status !== 'live') return ruleError('NOT_STARTED', 'the game has not started');
  return null;
}

export function start(live: LiveGame, { now }: RuleContext): LiveOutcome {
  if (live.status !== 'scheduled') return ruleError('ALREADY_STARTED', 'the game has already started');
  return { events: [{ type: 'start', at: now }] };
}

/** The fielding side's manager decides (sealed until the roll). */
export function decideDefense(live: LiveGame, side: Side, { decision, play }: Decision<DefenseDecision>, ctx: LiveContext): LiveOutcome {
  const refused = refuseUnlessLive(live) ?? whoseDecision(live, side, 'defense') ?? stale(live, play);
  if (refused) return refused;
  const illegal = checkDefense(live.game, decision, ctx.game);
  if (illegal) return illegal;
  return { events: [{ type: 'defense', side, decision, auto: false, at: ctx.now }] };
}

/** The batting side's manager decides: the dice roll at once. */
export function decideOffense(live: LiveGame, side: Side, { decision, play }: Decision<OffenseDecision>, ctx: LiveContext): LiveOutcome {
  const refused = refuseUnlessLive(live) ?? whoseDecision(live, side, 'offense') ?? stale(live, play);
  if (refused) return refused;
  const illegal = checkOffense(live.game, decision, ctx.game);
  if (illegal) return illegal;
  return roll(live, live.pendingDefense!, { decision, auto: false }, ctx);
}

function stale(live: LiveGame, play: number | undefined): RuleError | null {
  if (play === undefined || play === live.game.plays) return null;
  return ruleError('STALE', `play ${live.game.plays} is the last one, not ${play}: decide on the current board`);
}

function whoseDecision(live: LiveGame, side: Side, phase: 'defense' | 'offense'): RuleError | null {
  const deciding = phase === 'defense' ? fieldingSide(live.game) : battingSide(live.game);
  if (side !== deciding) return ruleError('NOT_YOUR_DECISION', `the ${deciding} side decides the ${phase}`);
  if (live.awaiting !== phase) return ruleError('NOT_AWAITING', `the game is waiting for the ${live.awaiting || 'start'}, not the ${phase}`);
  if (aiOf(live, side)) return ruleError('AI_SIDE', `the ${side} side is managed by the AI`);
  return null;
}

/** Which decision a game awaits: the play it is at and the phase. A clock is armed for one. */
export interface LiveTurn {
  plays: number;
  awaiting: LiveGame['awaiting'];
}

export const turnOf = (live: LiveGame): LiveTurn => ({ plays: live.game.plays, awaiting: live.awaiting });

/**
 * The clock ran out (or an AI side's turn came): the AI decides for the awaited side, and, when the
 * batting side is the AI's too, for it as well, so an AI-vs-AI plate appearance is one event.
 * `forTurn`, the decision the clock was armed for: an expiry that waited behind a manager's
 * decision (or a second one queued for the same deadline) finds another decision awaited, with its
 * own clock, and changes nothing.
 */
export function expire(live: LiveGame, ctx: LiveContext, forTurn?: LiveTurn): LiveOutcome {
  const refused = refuseUnlessLive(live);
  if (refused) return refused;
  if (forTurn && (forTurn.plays !== live.game.plays || forTurn.awaiting !== live.awaiting)) {
    return ruleError('STALE', `the clock ran out for the ${forTurn.awaiting} of play ${forTurn.plays}, which is decided`);
  }
  const batting = battingSide(live.game);
  const styleOf = (side: Side) => aiOf(live, side) ?? DEFAULT_STYLE;
  if (live.awaiting === 'defense') {
    const defense = { decision: aiDefense(live.game, styleOf(fieldingSide(live.game)), ctx.game), auto: true };
    if (!aiOf(live, batting)) {
      return { events: [{ type: 'defense', side: fieldingSide(live.game), decision: defense.decision, auto: true, at: ctx.now }] };
    }
    return roll(live, defense, { decision: aiOffense(live.game, styleOf(batting), ctx.game), auto: true }, ctx);
  }
  const offense = aiOffense(live.game, styleOf(batting), ctx.game);
  return roll(live, live.pendingDefense!, { decision: offense, auto: true }, ctx);
}

function roll(live: LiveGame, defense: PendingDefense, offense: { decision: OffenseDecision; auto: boolean }, { now, dice, game }: LiveContext): LiveOutcome {
  let rolls = 0;
  const counted: Dice = { next: (sides) => { rolls++; return dice.next(sides); } };
  const outcome = playTurn(live.game, defense.decision, offense.decision, counted, game);
  if (isRuleError(outcome)) return outcome;
  // Verifiability: roll n of the game must be the n-th die stored in its plays, so every die the
  // turn rolled has to be in one of its plays.
  const stored = outcome.events.reduce((sum, e) => sum + (e.type === 'play' ? e.play.dice.length : 0), 0);
  if (stored !== rolls) throw new Error(`turn rolled ${rolls} dice but its plays store ${stored}`);
  return {
    events: [{
      type: 'turn', at: now, defense: defense.decision, offense: offense.decision,
      auto: { defense: defense.auto, offense: offense.auto }, events: outcome.events, rolls,
    }],
  };
}

// ------------------------------------------------------------------------------------- read side

/** Every play of a game's log, in order (what box scores, line scores and dice checks read). */
export function playsOf(events: readonly LiveEvent[]): Play[] {
  const plays: Play[] = [];
  for (const event of events) {
    if (event.type !== 'turn') continue;
    for (const e of event.events) if (e.type === 'play') plays.push(e.play);
  }
  return plays;
}

/** Every roll of a game in order, numbered as the verifiable dice numbered them (0, 1, 2, ...). */
export function rollsOf(events: readonly LiveEvent[]): Array<{ n: number; sides: number; value: number }> {
  let n = 0;
  return playsOf(events).flatMap((play) => play.dice.map((d) => ({ n: n++, sides: d.sides, value: d.value })));
}
