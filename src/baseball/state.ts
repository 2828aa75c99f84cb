import { addWork, freshWork } from './fatigue.ts';
import { basesAfter } from './running.ts';
import type {
  Bases, FieldPosition, GameEvent, GameState, LeagueRules, LineupSlot, PitchingChange, Play, Side, TeamState,
} from './types.ts';

/** What a team brings to a game: batting order, who plays where, the starter and the bullpen. */
export interface TeamSetup {
  clubId: string;
  lineup: readonly LineupSlot[];
  fielders: Readonly<Record<FieldPosition, string>>;
  bullpen: readonly string[];
}

export const EMPTY_BASES: Bases = [null, null, null];

function team(setup: TeamSetup, batsFirst: boolean): TeamState {
  if (setup.lineup.length !== 9) throw new Error(`${setup.clubId}: a lineup has 9 batters, got ${setup.lineup.length}`);
  return {
    clubId: setup.clubId,
    lineup: setup.lineup,
    next: 0,
    fielders: setup.fielders,
    pitcher: freshWork(setup.fielders.P),
    bullpen: setup.bullpen,
    pitchersUsed: [setup.fielders.P],
    runs: 0,
    hits: 0,
    errors: 0,
    lineScore: batsFirst ? [0] : [],
  };
}

/** Top of the 1st, nobody out. */
export function initialState(rules: LeagueRules, away: TeamSetup, home: TeamSetup): GameState {
  return {
    rules,
    status: 'live',
    inning: 1,
    half: 'top',
    outs: 0,
    bases: EMPTY_BASES,
    away: team(away, true),
    home: team(home, false),
    errorInHalf: false,
    plays: 0,
  };
}

export function battingSide(state: Pick<GameState, 'half'>): Side {
  return state.half === 'top' ? 'away' : 'home';
}

export function fieldingSide(state: Pick<GameState, 'half'>): Side {
  return state.half === 'top' ? 'home' : 'away';
}

export function battingTeam(state: GameState): TeamState {
  return state.half === 'top' ? state.away : state.home;
}

export function fieldingTeam(state: GameState): TeamState {
  return state.half === 'top' ? state.home : state.away;
}

export function currentBatterId(state: GameState): string {
  const t = battingTeam(state);
  return t.lineup[t.next].playerId;
}

/** Home wins, away wins, or not decided yet. */
export function winner(state: GameState): Side | null {
  if (state.status !== 'final') return null;
  return state.home.runs > state.away.runs ? 'home' : 'away';
}

/**
 * The reducer of plays: live play, replays and recovery all go through it. It never refuses (a
 * play is a fact already resolved against this state); it returns a new state.
 */
export function applyPlay(state: GameState, play: Play): GameState {
  const batSide = battingSide(state);
  const bat = state[batSide];
  const field = state[batSide === 'away' ? 'home' : 'away'];
  const lineScore = play.runs > 0
    ? [...bat.lineScore.slice(0, -1), bat.lineScore[bat.lineScore.length - 1] + play.runs]
    : bat.lineScore;
  const batting: TeamState = {
    ...bat,
    next: play.pa > 0 ? (bat.next + 1) % bat.lineup.length : bat.next,
    runs: bat.runs + play.runs,
    hits: bat.hits + play.h,
    lineScore,
  };
  const fielding: TeamState = { ...field, errors: field.errors + play.e, pitcher: addWork(field.pitcher, play) };
  const next: GameState = {
    ...state,
    outs: state.outs + play.outs,
    bases: basesAfter(state.bases, play),
    away: batSide === 'away' ? batting : fielding,
    home: batSide === 'home' ? batting : fielding,
    errorInHalf: state.errorInHalf || play.e > 0,
    plays: state.plays + 1,
  };
  // Walk-off: the game ends the moment the home team leads in the last inning or later.
  if (next.half === 'bottom' && next.inning >= next.rules.innings && next.home.runs > next.away.runs) {
    return { ...next, status: 'final' };
  }
  return next.outs >= 3 ? endHalfInning(next) : next;
}

/**
 * Three outs: the other team bats, unless the game is over (home ahead after the top of the last
 * inning or later: it does not bat; not tied after a bottom half from the last inning on).
 */
function endHalfInning(state: GameState): GameState {
  const last = state.inning >= state.rules.innings;
  if (state.half === 'top' && last && state.home.runs > state.away.runs) return { ...state, status: 'final' };
  if (state.half === 'bottom' && last && state.home.runs !== state.away.runs) return { ...state, status: 'final' };
  const half = state.half === 'top' ? 'bottom' : 'top';
  const inning = half === 'top' ? state.inning + 1 : state.inning;
  const batSide: Side = half === 'top' ? 'away' : 'home';
  const bat = state[batSide];
  const field = state[batSide === 'away' ? 'home' : 'away'];
  const batting: TeamState = { ...bat, lineScore: [...bat.lineScore, 0] };
  const fielding: TeamState = { ...field, pitcher: { ...field.pitcher, inningRunners: 0 } };
  const from = state.rules.extraInningRunnerFrom;
  // Extra-inning runner: the batter before the leadoff man starts on 2nd; his run is unearned.
  const bases: Bases = from !== null && inning >= from
    ? [null, { id: bat.lineup[(bat.next + bat.lineup.length - 1) % bat.lineup.length].playerId, pitcherId: field.pitcher.pitcherId, earned: false }, null]
    : [null, null, null];
  return {
    ...state,
    inning,
    half,
    outs: 0,
    bases,
    away: batSide === 'away' ? batting : fielding,
    home: batSide === 'home' ? batting : fielding,
    errorInHalf: false,
  };
}

/** A reliever replaces the fielding team's pitcher; without the DH he also takes the pitcher's batting spot. */
export function applyPitchingChange(state: GameState, change: PitchingChange): GameState {
  const field = state[change.side];
  const lineup = field.lineup.map((slot) => (slot.playerId === change.replacedId ? { ...slot, playerId: change.pitcherId } : slot));
  const updated: TeamState = {
    ...field,
    lineup,
    fielders: { ...field.fielders, P: change.pitcherId },
    pitcher: freshWork(change.pitcherId),
    bullpen: field.bullpen.filter((id) => id !== change.pitcherId),
    pitchersUsed: [...field.pitchersUsed, change.pitcherId],
  };
  return { ...state, [change.side]: updated };
}

export function pitchingChange(state: GameState, pitcherId: string): PitchingChange {
  const side = fieldingSide(state);
  return {
    type: 'pitchingChange', side, pitcherId, replacedId: state[side].pitcher.pitcherId,
    inning: state.inning, half: state.half, outs: state.outs,
  };
}

export function applyEvent(state: GameState, event: GameEvent): GameState {
  return event.type === 'play' ? applyPlay(state, event.play) : applyPitchingChange(state, event);
}

/** Folds a game's event log onto its initial state: how a game restores itself. */
export function replay(state: GameState, events: readonly GameEvent[]): GameState {
  return events.reduce(applyEvent, state);
}
