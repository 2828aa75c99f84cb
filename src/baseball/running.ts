import type { Bases, Play, Runner, RunnerMove } from './types.ts';

/**
 * Base running while a play is resolved: a scratch copy of the bases, the outs, the runners who
 * scored. Lead runners always move first, so the moves replay in order without collisions.
 */
export interface Running {
  bases: (Runner | null)[];
  outs: number;
  batter: Runner;
  moves: RunnerMove[];
  /** Runners who crossed the plate, lead runner first, and whether each run is an RBI. */
  scorers: Runner[];
  rbi: boolean[];
}

export function startRunning(bases: Bases, outs: number, batter: Runner): Running {
  return { bases: [bases[0], bases[1], bases[2]], outs, batter, moves: [], scorers: [], rbi: [] };
}

export function onBaseCode(bases: readonly (Runner | null)[]): number {
  return (bases[0] ? 1 : 0) | (bases[1] ? 2 : 0) | (bases[2] ? 4 : 0);
}

export function runnerAt(r: Running, base: number): Runner | null {
  return base === 0 ? r.batter : r.bases[base - 1];
}

/** Moves the runner on `from` (0 = batter) to `to` (4 = scores). */
export function advance(r: Running, from: number, to: number, rbi: boolean): void {
  const runner = runnerAt(r, from);
  if (!runner) return;
  if (from > 0) r.bases[from - 1] = null;
  r.moves.push({ runnerId: runner.id, from, to: Math.min(to, 4) });
  if (to >= 4) {
    r.scorers.push(runner);
    r.rbi.push(rbi);
  } else {
    r.bases[to - 1] = runner;
  }
}

export function putOut(r: Running, from: number): void {
  const runner = runnerAt(r, from);
  if (!runner) return;
  if (from > 0) r.bases[from - 1] = null;
  r.moves.push({ runnerId: runner.id, from, to: 0 });
  r.outs++;
}

/** Every runner moves `bases` bases, lead runner first (the batter is not moved). */
export function advanceRunners(r: Running, bases: number, rbi: boolean): void {
  for (let base = 3; base >= 1; base--) if (r.bases[base - 1]) advance(r, base, base + bases, rbi);
}

/** Walk, hit by pitch: the batter takes 1st and only forced runners move. */
export function forceBatterToFirst(r: Running): void {
  if (r.bases[0]) {
    if (r.bases[1]) {
      if (r.bases[2]) advance(r, 3, 4, true);
      advance(r, 2, 3, true);
    }
    advance(r, 1, 2, true);
  }
  advance(r, 0, 1, true);
}

/**
 * One move per runner (a runner who went 1st → 2nd → 3rd on a hit and an error becomes 1st → 3rd),
 * lead runner first, the batter last.
 */
export function mergedMoves(moves: readonly RunnerMove[]): RunnerMove[] {
  const byRunner = new Map<string, RunnerMove>();
  for (const m of moves) {
    const seen = byRunner.get(m.runnerId);
    byRunner.set(m.runnerId, seen ? { runnerId: m.runnerId, from: seen.from, to: m.to } : m);
  }
  return [...byRunner.values()].sort((a, b) => (b.from === 0 ? -1 : b.from) - (a.from === 0 ? -1 : a.from));
}

/** The bases after a play's moves, for the reducer. */
export function basesAfter(bases: Bases, play: Pick<Play, 'moves' | 'batterId' | 'pitcherId' | 'reachedOnError'>): Bases {
  const next: (Runner | null)[] = [bases[0], bases[1], bases[2]];
  for (const move of play.moves) {
    const runner = move.from === 0
      ? { id: play.batterId, pitcherId: play.pitcherId, earned: !play.reachedOnError }
      : next[move.from - 1];
    if (move.from > 0) next[move.from - 1] = null;
    if (runner && move.to >= 1 && move.to <= 3) next[move.to - 1] = runner;
  }
  return [next[0], next[1], next[2]];
}
