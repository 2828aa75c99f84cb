import { NO_TACTICS, type PaTactics } from './charts.ts';
import type { Outcome } from '../rules/outcome.ts';
import { checkDefense, checkOffense, requiredPitcher } from './decisions.ts';
import type { Dice } from './dice.ts';
import { intentionalWalk, resolvePlateAppearance } from './play.ts';
import { resolveSteal } from './steal.ts';
import { applyEvent, pitchingChange } from './state.ts';
import { defensiveSwitches, pinchHitter, pinchRunner } from './substitutions.ts';
import type { DefenseDecision, GameContext, GameEvent, GameState, OffenseDecision, Play } from './types.ts';

/**
 * One turn = one plate appearance with both sides' decisions. Validates both decisions (a RuleError
 * and nothing else when illegal), then returns the events in order: substitutions (defense's
 * pitching change / switches, then offense's pinch hitter/runner), then the play(s): an
 * intentional walk (no dice), or a steal attempt followed (if the half-inning goes on and the game
 * is live) by the plate appearance, or the PA itself with bunt / hit-and-run / infield-in /
 * hold-runners applied. Forced moves are filled in: a pitcher who left the game is replaced by
 * requiredPitcher() when the defense did not name one.
 *
 * A wild pitch, passed ball or balk comes before the PA and ends the turn (the same batter is up
 * next turn, with new decisions). On a hit-and-run the batter may miss the pitch (play.ts): then the
 * runner's steal is a play of its own, and the PA follows it (if the half-inning goes on) without
 * the hit-and-run, the other decisions checked again against the bases and outs it left.
 */
export function playTurn(state: GameState, defense: DefenseDecision, offense: OffenseDecision, dice: Dice, ctx: GameContext): Outcome<GameEvent> {
  const illegal = checkDefense(state, defense, ctx) ?? checkOffense(state, offense, ctx);
  if (illegal) return illegal;
  const events: GameEvent[] = [];
  let s = state;
  const push = (event: GameEvent) => {
    events.push(event);
    s = applyEvent(s, event);
  };
  const reliever = defense.pitcher ?? requiredPitcher(state);
  if (reliever) push(pitchingChange(s, reliever));
  if (defense.fielders) for (const sub of defensiveSwitches(s, defense.fielders, defense.doubleSwitch)) push(sub);
  if (offense.pinchHitter !== undefined) push(pinchHitter(s, offense.pinchHitter));
  if (offense.pinchRunner !== undefined) push(pinchRunner(s, offense.pinchRunner.base, offense.pinchRunner.playerId));

  if (defense.intentionalWalk) {
    events.push(playEvent(intentionalWalk(s, ctx)));
    return { events };
  }
  const held = defense.holdRunners === true;
  const { half, inning } = s;
  const halfGoesOn = () => s.status === 'live' && s.half === half && s.inning === inning;
  if (offense.steal !== undefined) {
    push(playEvent(resolveSteal(s, offense.steal, dice, ctx, held)));
    if (!halfGoesOn()) return { events };
  }
  const tactics = tacticsFor(s, defense, offense);
  const pa = resolvePlateAppearance(s, dice, ctx, tactics);
  if (!(tactics.hitAndRun && pa.kind === 'steal')) {
    events.push(playEvent(pa));
    return { events };
  }
  // The batter missed the hit-and-run pitch: the runner's steal, then the PA without the hit-and-run.
  push(playEvent(pa));
  if (halfGoesOn()) events.push(playEvent(resolvePlateAppearance(s, dice, ctx, tacticsFor(s, defense, { ...offense, hitAndRun: false }))));
  return { events };
}

function playEvent(play: Play): GameEvent {
  return { type: 'play', play };
}

/**
 * The tactics in force for the plate appearance, against the bases and outs it starts with (a
 * steal just before it may have moved or erased the runner a tactic needed).
 */
function tacticsFor(state: GameState, defense: DefenseDecision, offense: OffenseDecision): PaTactics {
  if (!defense.infieldIn && !defense.holdRunners && !offense.hitAndRun && !offense.bunt) return NO_TACTICS;
  const [first, second, third] = state.bases;
  const fewerThanTwo = state.outs < 2;
  return {
    infieldIn: defense.infieldIn === true && third !== null && fewerThanTwo,
    holdRunners: defense.holdRunners === true && first !== null,
    hitAndRun: offense.hitAndRun === true && first !== null && second === null && fewerThanTwo,
    bunt: offense.bunt === true && (first !== null || second !== null) && fewerThanTwo,
  };
}
