import {
  BUNT_CHART, INFIELD_IN_BUNT, INFIELD_IN_THROUGH, HOLD_THROUGH, NO_TACTICS, PB_PER_RATING_POINT, TACTIC,
  hitAndRunMissMax, playTactics, tacticNames, type PaTactics,
} from './charts.ts';
import { replayDice, type Dice } from './dice.ts';
import { fatigueLevel } from './fatigue.ts';
import { OUTFIELD, X_DOUBLE_ON, errorPercent, fieldingAt, xHitMax } from './fielding.ts';
import { groundOutAdvance, hit, resolveOutcome } from './outcomes.ts';
import { batterRunner, finish, newPlay, player, recordRolls, type Roll } from './play-record.ts';
import { advance, advanceRunners, forceBatterToFirst, putOut, startRunning, type Running } from './running.ts';
import { battingTeam, fieldingTeam } from './state.ts';
import { resolveSteal, stealPlay } from './steal.ts';
import { NEUTRAL_BALLPARK_RATINGS } from './cards.ts';
import type { BallparkResult, DieRoll, FieldPosition, GameContext, GameState, CardResult, Play, XCheck } from './types.ts';

/**
 * Resolving plays: pure functions of (state, dice, context) to a Play record. The dice are asked
 * for in a fixed order (d6 column, d6 + d6 row, d20 split, then only the checks the result needs:
 * a ballpark result's d20 first, then the running's),
 * and every roll is kept in the play, so a stored play can be re-resolved from its own dice.
 */

/**
 * Resolves a stored play again, from its own dice and tactics, against the state it was played
 * on: equal to the stored play when the play is what the rules and the dice say.
 */
export function resolveStoredPlay(state: GameState, play: Play, ctx: GameContext): Play {
  if (play.code === 'IBB') return intentionalWalk(state, ctx);
  const tactics = playTactics(play);
  const dice = replayDice(play.dice);
  // A steal play with 'hit-and-run' is the batter missing the hit-and-run pitch: the PA's dice.
  if (play.kind !== 'steal' || tactics.hitAndRun) return resolvePlateAppearance(state, dice, ctx, tactics);
  return resolveSteal(state, state.bases[0]?.id === play.runnerId ? 1 : 2, dice, ctx, tactics.holdRunners);
}

/**
 * Resolves the next plate appearance, or the wild pitch, passed ball or balk that comes before it,
 * with the tactics in force (a sacrifice bunt reads the bunt chart instead of the cards). On a
 * hit-and-run the contact d20 comes first; when the batter misses, the play returned is the
 * runner's steal (kind 'steal', tactics 'hit-and-run'), and the PA is still to be played
 * (turn.ts plays it without the hit-and-run).
 */
export function resolvePlateAppearance(state: GameState, dice: Dice, ctx: GameContext, tactics: PaTactics = NO_TACTICS): Play {
  const bat = battingTeam(state);
  const field = fieldingTeam(state);
  const batterId = bat.lineup[bat.next].playerId;
  const batter = player(ctx, batterId);
  const pitcher = player(ctx, field.pitcher.pitcherId);
  const level = fatigueLevel(field.pitcher, pitcher.ratings.pitching);
  const { roll, rolls } = recordRolls(dice);
  if (tactics.bunt) return sacrificeBunt(state, batterId, level, roll, rolls, tactics, ctx);
  if (tactics.hitAndRun) {
    const swing = roll(20);
    if (swing <= hitAndRunMissMax(batter.ratings.batting.kRate)) {
      return stealPlay(state, 1, roll, rolls, ctx, tactics.holdRunners, `${batter.name} misses the hit-and-run pitch: `);
    }
  }
  // A position player pitching has no pitcher card: every column is the batter's.
  const pitcherCard = pitcher.pitchingCards[Math.min(level, pitcher.pitchingCards.length - 1)] ?? batter.battingCard;
  const runnersOn = state.bases[0] !== null || state.bases[1] !== null || state.bases[2] !== null;
  for (;;) {
    const column = roll(6);
    const row = roll(6) + roll(6);
    const splitRoll = roll(20);
    const cardRow = (column <= 3 ? batter.battingCard : pitcherCard).columns[(column - 1) % 3][row - 2];
    const outcome = splitRoll <= cardRow.split ? cardRow.a : cardRow.b;
    if (outcome === 'WP' || outcome === 'PB' || outcome === 'BK') {
      // With the bases empty nothing can happen: the pitch is a ball and the dice are read again.
      if (!runnersOn) continue;
      if (outcome === 'PB') {
        const catcher = player(ctx, field.fielders.C);
        if (roll(20) > Math.round(PB_PER_RATING_POINT * (catcher.ratings.passedBall ?? 0))) continue;
      }
      // On a hit-and-run the play keeps the tactic: its dice begin with the contact d20.
      const kind = outcome === 'WP' ? 'wild-pitch' : outcome === 'PB' ? 'passed-ball' : 'balk';
      const play = newPlay(state, batterId, kind, rolls, tactics.hitAndRun ? [TACTIC.hitAndRun] : []);
      play.column = column; play.row = row; play.splitRoll = splitRoll; play.outcome = outcome; play.fatigue = level;
      return pitchEvent(state, play, outcome, ctx);
    }
    const play = newPlay(state, batterId, 'pa', rolls, tacticNames(tactics));
    play.column = column; play.row = row; play.splitRoll = splitRoll; play.outcome = outcome; play.fatigue = level;
    return plateAppearance(state, play, outcome, roll, ctx, tactics);
  }
}

/**
 * The intentional walk: no dice, no pitches (the automatic walk of today's game), the batter to
 * 1st and only forced runners move.
 */
export function intentionalWalk(state: GameState, ctx: GameContext): Play {
  const bat = battingTeam(state);
  const field = fieldingTeam(state);
  const play = newPlay(state, bat.lineup[bat.next].playerId, 'pa', [], [TACTIC.intentionalWalk]);
  play.fatigue = fatigueLevel(field.pitcher, player(ctx, field.pitcher.pitcherId).ratings.pitching);
  play.pa = 1;
  play.bb = 1;
  play.ibb = 1;
  play.code = 'IBB';
  const r = startRunning(state.bases, state.outs, batterRunner(play));
  forceBatterToFirst(r);
  return finish(state, play, r, ctx, 'is walked intentionally');
}

/**
 * A sacrifice bunt: one d20 on the bunt chart (BUNT_CHART) instead of the cards. On a sacrifice
 * every runner moves up, except that a drawn-in infield holds the runner on 3rd when he is not
 * forced; a failed bunt forces the lead runner (the runner on 2nd when 1st is empty).
 */
function sacrificeBunt(
  state: GameState, batterId: string, level: number, roll: Roll, rolls: DieRoll[],
  tactics: PaTactics, ctx: GameContext,
): Play {
  const play = newPlay(state, batterId, 'pa', rolls, tacticNames(tactics));
  const chart = BUNT_CHART[player(ctx, batterId).ratings.batting.bunt] ?? BUNT_CHART.C;
  const d = roll(20);
  play.splitRoll = d;
  play.fatigue = level;
  play.pa = 1;
  play.ab = 1;
  play.pitches = 1 + (d % 3);
  const r = startRunning(state.bases, state.outs, batterRunner(play));
  let text: string;
  if (d <= chart.single) {
    advanceRunners(r, 1, true);
    advance(r, 0, 1, true);
    hit(play, 1);
    text = 'beats out a bunt single';
  } else if (d <= chart.sacrifice - (tactics.infieldIn ? INFIELD_IN_BUNT : 0)) {
    groundOutAdvance(r, tactics.infieldIn && !(r.bases[0] && r.bases[1]));
    play.sac = 1;
    play.ab = 0;
    play.code = 'SH';
    text = 'lays down a sacrifice bunt';
  } else if (d <= chart.failed) {
    const lead = !r.bases[0] ? 2 : !r.bases[1] ? 1 : !r.bases[2] ? 2 : 3;
    putOut(r, lead);
    for (let base = lead - 1; base >= 1; base--) advance(r, base, base + 1, false);
    advance(r, 0, 1, false);
    play.code = 'FC';
    text = `bunts into a force out at ${['', '2nd', '3rd', 'home'][lead]}`;
  } else {
    putOut(r, 0);
    play.code = 'FO';
    text = 'pops up the bunt';
  }
  return finish(state, play, r, ctx, text);
}

function pitchEvent(state: GameState, play: Play, outcome: 'WP' | 'PB' | 'BK', ctx: GameContext): Play {
  const r = startRunning(state.bases, state.outs, batterRunner(play));
  advanceRunners(r, 1, false);
  if (outcome === 'WP') play.wp = 1;
  else if (outcome === 'PB') play.pb = 1;
  else play.balk = 1;
  play.code = outcome;
  play.pitches = 1;
  return finish(state, play, r, ctx, { WP: 'Wild pitch', PB: 'Passed ball', BK: 'Balk' }[outcome] + ': runners move up');
}

function plateAppearance(
  state: GameState, play: Play, outcome: CardResult, roll: Roll, ctx: GameContext, t: PaTactics,
): Play {
  play.pa = 1;
  play.ab = 1;
  const r = startRunning(state.bases, state.outs, batterRunner(play));
  // Pitches are not rolled; a plausible count comes from the split roll (MLB: ~3.9 per PA).
  const s = play.splitRoll;
  play.pitches = outcome === 'K' ? 3 + (s % 4) : outcome === 'BB' ? 4 + (s % 4) : outcome === 'HBP' ? 1 + (s % 4) : 2 + (s % 4);
  if (outcome.startsWith('X-')) return xCheck(state, play, outcome as XCheck, r, roll, ctx, t);
  if (outcome === 'BP-HR' || outcome === 'BP-1B') return ballparkResult(state, play, outcome, r, roll, ctx, t);
  if ((t.infieldIn || t.holdRunners) && (outcome === 'GB-A' || outcome === 'GB-B' || outcome === 'GB-C')
    && roll(20) <= (t.infieldIn ? INFIELD_IN_THROUGH : 0) + (t.holdRunners ? HOLD_THROUGH : 0)) {
    const text = resolveOutcome(play, '1B', r, roll, ctx, t);
    return finish(state, play, r, ctx, `${text}: a ground ball through the infield`);
  }
  const text = resolveOutcome(play, outcome, r, roll, ctx, t);
  return finish(state, play, r, ctx, text);
}

/**
 * A ballpark result (ballparks.ts): one d20 against the park's rating. A BP HR is a home run on a
 * roll <= the rating (bphr), else a deep fly out (bpfo, played as FB A: runners tag); a BP 1B is a
 * single (bp1b), else a line out (bplo, played as FB C: runners hold, a hit-and-run's runner may be
 * doubled off). The play keeps the card's result in `outcome` and the roll in its dice.
 */
function ballparkResult(
  state: GameState, play: Play, outcome: BallparkResult, r: Running, roll: Roll, ctx: GameContext, t: PaTactics,
): Play {
  const ratings = ctx.ballpark ?? NEUTRAL_BALLPARK_RATINGS;
  const homer = outcome === 'BP-HR';
  const rating = homer ? ratings.hr : ratings.single;
  const d = roll(20);
  const hit = d <= rating;
  play[homer ? (hit ? 'bphr' : 'bpfo') : (hit ? 'bp1b' : 'bplo')] = 1;
  const text = resolveOutcome(play, homer ? (hit ? 'HR' : 'FB-A') : (hit ? '1B' : 'FB-C'), r, roll, ctx, t);
  const roll20 = `park d20 ${d} ${hit ? '<=' : '>'} ${rating}`;
  if (hit) return finish(state, play, r, ctx, `ballpark ${text} (${roll20})`);
  const out = homer ? 'ballpark fly out' : 'ballpark line out';
  return finish(state, play, r, ctx, `${homer ? text : text.replace('pops out', 'lines out')} (${out}: ${roll20})`);
}

const POSITION_NUMBER: Readonly<Record<FieldPosition, number>> = {
  P: 1, C: 2, '1B': 3, '2B': 4, '3B': 5, SS: 6, LF: 7, CF: 8, RF: 9,
};

/**
 * X-check: d20 against the fielder's range says hit or out (and which kind), d100 against his
 * error rating whether he errs. An error on an out puts the batter on 1st and moves every runner
 * up a base; an error on a hit gives the batter and every runner one more base.
 */
function xCheck(
  state: GameState, play: Play, outcome: XCheck, r: Running, roll: Roll, ctx: GameContext, t: PaTactics,
): Play {
  const position = outcome.slice(2) as FieldPosition;
  const fielderId = fieldingTeam(state).fielders[position];
  const rating = fieldingAt(player(ctx, fielderId).ratings, position);
  const rangeRoll = roll(20);
  const error = roll(100) <= errorPercent(rating);
  play.defenderId = fielderId;
  const where = `to ${position} (range ${rating.range}, d20 ${rangeRoll})`;
  if (rangeRoll <= xHitMax(position, rating.range)) {
    let text: string;
    if (OUTFIELD.has(position)) {
      text = resolveOutcome(play, rangeRoll <= X_DOUBLE_ON ? '2B' : '1B', r, roll, ctx, t);
    } else {
      // An infield hit: every runner moves up one base.
      advanceRunners(r, 1, true);
      advance(r, 0, 1, true);
      hit(play, 1);
      text = 'infield single';
    }
    if (!error) return finish(state, play, r, ctx, `${text} ${where}`);
    play.e = 1;
    advanceRunners(r, 1, false);
    return finish(state, play, r, ctx, `${text} ${where}, error ${POSITION_NUMBER[position]}: everyone takes another base`);
  }
  if (error) {
    play.e = 1;
    play.reachedOnError = true;
    r.batter = { ...r.batter, earned: false };
    advanceRunners(r, 1, false);
    advance(r, 0, 1, false);
    play.code = `E${POSITION_NUMBER[position]}`;
    return finish(state, play, r, ctx, `reaches on an error ${where}`);
  }
  const out: CardResult = position === 'C' ? 'FB-C'
    : OUTFIELD.has(position) ? (rangeRoll >= (position === 'CF' ? 15 : 17) ? 'FB-A' : 'FB-B')
      : position === 'SS' || position === '2B' ? (rangeRoll >= 13 ? 'GB-A' : 'GB-B')
        : position === '3B' && rangeRoll >= 16 ? 'GB-A' : 'GB-B';
  const text = resolveOutcome(play, out, r, roll, ctx, t);
  return finish(state, play, r, ctx, `${text} ${where}`);
}

