import type { Dice } from './dice.ts';
import { mergedMoves, onBaseCode, type Running } from './running.ts';
import { battingTeam, fieldingTeam } from './state.ts';
import type { DieRoll, GameContext, GamePlayer, GameState, Play, PlayKind, Runner } from './types.ts';

/** The play record every resolver fills in: a new play, its dice, and what follows from the running. */

/** Rolls a die of this many sides (and records it in the play). */
export type Roll = (sides: number) => number;

/** A roller that keeps every roll in `rolls`, in order, so a stored play can be re-resolved from its own dice. */
export function recordRolls(dice: Dice): { roll: Roll; rolls: DieRoll[] } {
  const rolls: DieRoll[] = [];
  const roll = (sides: number) => {
    const value = dice.next(sides);
    rolls.push({ sides, value });
    return value;
  };
  return { roll, rolls };
}

export function player(ctx: GameContext, id: string): GamePlayer {
  const p = ctx.players.get(id);
  if (!p) throw new Error(`unknown player ${id}`);
  return p;
}

export function newPlay(state: GameState, batterId: string, kind: PlayKind, dice: DieRoll[], tactics: string[]): Play {
  const bat = battingTeam(state);
  const field = fieldingTeam(state);
  return {
    number: state.plays + 1, kind, inning: state.inning, half: state.half, outsBefore: state.outs,
    onBaseCode: onBaseCode(state.bases), onBaseCodeAfter: 0,
    awayScore: state.away.runs, homeScore: state.home.runs,
    battingOrder: bat.next + 1, batterId, pitcherId: field.pitcher.pitcherId, catcherId: field.fielders.C,
    defenderId: null, runnerId: null,
    column: 0, row: 0, splitRoll: 0, outcome: null, code: '', description: '', fatigue: 0,
    reachedOnError: false, pitches: 0, tactics, moves: [], scored: [], dice,
    pa: 0, ab: 0, h: 0, double: 0, triple: 0, hr: 0, bb: 0, so: 0, hbp: 0, rbi: 0, sac: 0, ibb: 0, gidp: 0,
    sb: 0, cs: 0, wp: 0, pb: 0, pickoff: 0, balk: 0, runs: 0, earnedRuns: 0, outs: 0, e: 0,
    bphr: 0, bpfo: 0, bp1b: 0, bplo: 0,
  };
}

export function batterRunner(play: Play): Runner {
  return { id: play.batterId, pitcherId: play.pitcherId, earned: true };
}

/**
 * Fills in what follows from the running: outs, runs and which are earned, RBIs, the walk-off
 * rule, and the description.
 */
export function finish(state: GameState, play: Play, r: Running, ctx: GameContext, text: string): Play {
  let scorers = r.scorers;
  let rbi = r.rbi;
  // Walk-off: in the last inning or later only the runs up to the winning run count, unless it is
  // a home run (then every run counts).
  if (state.half === 'bottom' && state.inning >= state.rules.innings && play.hr === 0) {
    const needed = state.away.runs - state.home.runs + 1;
    if (needed > 0 && scorers.length > needed) {
      const dropped = new Set(scorers.slice(needed).map((s) => s.id));
      for (const move of r.moves) if (move.to === 4 && dropped.has(move.runnerId)) move.to = 3;
      scorers = scorers.slice(0, needed);
      rbi = rbi.slice(0, needed);
    }
  }
  // Earned unless the runner reached on an error (or is the extra-inning runner), an error came
  // earlier in the half-inning, or he scored because of this play's error (runs that score
  // before the error's extra base carry the RBI flag and stay earned).
  play.scored = scorers.map((s, i) => ({
    runnerId: s.id, pitcherId: s.pitcherId, earned: s.earned && !state.errorInHalf && (play.e === 0 || rbi[i]),
  }));
  play.runs = scorers.length;
  play.earnedRuns = play.scored.filter((s) => s.earned).length;
  play.rbi = play.gidp ? 0 : rbi.filter(Boolean).length;
  play.outs = r.outs - state.outs;
  play.moves = mergedMoves(r.moves);
  play.onBaseCodeAfter = r.outs >= 3 ? 0 : onBaseCode(r.bases);
  const runs = play.runs === 0 ? '' : play.runs === 1 ? '; 1 run scores' : `; ${play.runs} runs score`;
  const who = play.kind === 'pa' ? `${player(ctx, play.batterId).name} ${text}` : text;
  play.description = `${who}${runs}`;
  return play;
}

