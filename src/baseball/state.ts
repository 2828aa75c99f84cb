import { addWork, freshWork } from './fatigue.ts';
import { basesAfter } from './running.ts';
import type {
  Bases, FieldPosition, GameEvent, GameState, LeagueRules, LineupSlot, PitchingChange, Play, Runner, Side, Substitution,
  TeamState,
} from './types.ts';

/** What a team brings to a game: batting order, who plays where, the starter and the bullpen. */
export interface TeamSetup {
  clubId: string;
  lineup: readonly LineupSlot[];
  fielders: Readonly<Record<FieldPosition, string>>;
  bullpen: readonly string[];
  /** Position players not in the lineup (pinch hitters, runners, defensive subs). */
  bench?: readonly string[];
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
    bench: setup.bench ?? [],
    removed: [],
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

/**
 * A reliever replaces the fielding team's pitcher, who leaves the game. Without the DH the
 * reliever also takes the pitcher's batting slot (the slot at position P), and whoever last batted
 * or ran there for the pitcher (a pinch hitter or runner) leaves the game with him.
 */
export function applyPitchingChange(state: GameState, change: PitchingChange): GameState {
  const field = state[change.side];
  const removed = [...field.removed];
  const leaves = (id: string) => { if (!removed.includes(id)) removed.push(id); };
  leaves(change.replacedId);
  const lineup = field.lineup.map((slot) => {
    if (slot.position !== 'P') return slot;
    leaves(slot.playerId);
    return { ...slot, playerId: change.pitcherId };
  });
  const updated: TeamState = {
    ...field,
    lineup,
    fielders: { ...field.fielders, P: change.pitcherId },
    pitcher: freshWork(change.pitcherId),
    bullpen: field.bullpen.filter((id) => id !== change.pitcherId),
    pitchersUsed: [...field.pitchersUsed, change.pitcherId],
    removed,
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

/**
 * A substitution that moves the pitcher in the batting order. The DH taking the field: he keeps
 * his slot at his new position, the pitcher bats in the slot of the fielder he displaced, and the
 * team has no DH from then on. A double switch: the bench player takes the pitcher's slot, the
 * pitcher the slot of the fielder who left.
 */
function applyBattingSwitch(team: TeamState, sub: Substitution): TeamState {
  const position = sub.position as FieldPosition;
  const pitcher = team.pitcher.pitcherId;
  const lineup = team.lineup.map((slot) => {
    if (slot.playerId === sub.out) return { playerId: pitcher, position: 'P' as const };
    if (sub.kind === 'dhTakesField' && slot.playerId === sub.in) return { playerId: sub.in, position };
    if (sub.kind === 'doubleSwitch' && slot.position === 'P') return { playerId: sub.in, position };
    return slot;
  });
  return {
    ...team,
    lineup,
    fielders: { ...team.fielders, [position]: sub.in },
    bench: team.bench.filter((id) => id !== sub.in),
    removed: [...team.removed, sub.out],
  };
}

function positionOf(fielders: Readonly<Record<FieldPosition, string>>, playerId: string): FieldPosition | null {
  for (const position in fielders) if (fielders[position as FieldPosition] === playerId) return position as FieldPosition;
  return null;
}

/**
 * A pinch hitter, pinch runner or defensive switch (substitutions.ts builds them, decisions.ts
 * checks them). A player from the bench takes the batting slot of the player he replaces, who
 * leaves the game for good; he takes his position too (`position`, when it is one of the field:
 * a pinch hitter for a fielder plays that position when his team takes the field, unless a switch
 * says otherwise; for the DH he is the DH; for the pitcher he only bats, and the reliever who comes
 * in takes the slot). A pinch runner also takes the runner's base, with the pitcher responsible for
 * it and its earned status. Two players already in the game trade positions: nobody leaves.
 */
export function applySubstitution(state: GameState, sub: Substitution): GameState {
  const team = state[sub.side];
  let updated: TeamState;
  if (sub.kind === 'dhTakesField' || sub.kind === 'doubleSwitch') {
    updated = applyBattingSwitch(team, sub);
  } else if (sub.kind !== 'defense' || team.bench.includes(sub.in)) {
    const fielders = sub.position && sub.position !== 'DH' && sub.position !== 'P'
      ? { ...team.fielders, [sub.position]: sub.in }
      : team.fielders;
    updated = {
      ...team,
      lineup: team.lineup.map((slot) => (slot.playerId === sub.out ? { playerId: sub.in, position: slot.position } : slot)),
      fielders,
      bench: team.bench.filter((id) => id !== sub.in),
      removed: [...team.removed, sub.out],
    };
  } else {
    const to = sub.position as FieldPosition;
    const from = positionOf(team.fielders, sub.in) ?? to;
    updated = {
      ...team,
      lineup: team.lineup.map((slot) => (slot.playerId === sub.in ? { playerId: sub.in, position: to }
        : slot.playerId === sub.out ? { playerId: sub.out, position: from } : slot)),
      fielders: { ...team.fielders, [to]: sub.in, [from]: sub.out },
    };
  }
  const next: GameState = { ...state, [sub.side]: updated };
  if (sub.kind !== 'pinchRunner' || sub.base === null) return next;
  const bases: (Runner | null)[] = [state.bases[0], state.bases[1], state.bases[2]];
  const runner = bases[sub.base - 1];
  if (runner) bases[sub.base - 1] = { ...runner, id: sub.in };
  return { ...next, bases: [bases[0], bases[1], bases[2]] };
}

export function applyEvent(state: GameState, event: GameEvent): GameState {
  switch (event.type) {
    case 'play': return applyPlay(state, event.play);
    case 'pitchingChange': return applyPitchingChange(state, event);
    case 'substitution': return applySubstitution(state, event);
  }
}

/** Folds a game's event log onto its initial state: how a game restores itself. */
export function replay(state: GameState, events: readonly GameEvent[]): GameState {
  return events.reduce(applyEvent, state);
}
