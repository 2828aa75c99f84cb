import type { GameConfig } from './config.ts';
import { re24, wpa } from './expectancy.ts';
import type { LiveEvent } from './live.ts';
import { applyEvent, initialState } from './state.ts';
import type { BallparkStat, Bases, GameEvent, GameState, LineupPosition, Play, Side, Substitution } from './types.ts';

/**
 * The full play record (the Paper Dynasty seed's `plays` and `lineups` tables) of a game, from its
 * stored log alone (pure): one flat row per play, one per substitution, each field documented in
 * PROTOCOL.md "The play record". Replaying the engine's events gives what a play does not carry
 * itself (the runners' ids before and after); RE24 and WPA are computed from the stored play.
 */

/** Decimal places of WPA and RE24: enough to rank plays, short on the wire. */
const DECIMALS = 4;
const round = (value: number) => Number(value.toFixed(DECIMALS));

/** A stored play (its moves and runs folded into the runners' finals) with what the record adds. */
export interface PlayRow extends Omit<Play, 'moves' | 'scored' | 'dice' | BallparkStat> {
  /** Ballpark results (0 on plays stored before them). */
  bphr: number; bpfo: number; bp1b: number; bplo: number;
  /** The batting side's team. */
  battingTeamId: string;
  onFirstId: string | null;
  onSecondId: string | null;
  onThirdId: string | null;
  /** Where each runner (and the batter) ended: 1-3 a base, 4 scored, null out (or no runner / no PA). */
  onFirstFinal: number | null;
  onSecondFinal: number | null;
  onThirdFinal: number | null;
  batterFinal: number | null;
  dice: Array<{ sides: number; value: number }>;
  wpa: number;
  re24: number;
  isTied: boolean;
  isGoAhead: boolean;
  isNewInning: boolean;
}

export interface SubstitutionRow {
  side: Side;
  teamId: string;
  kind: 'pitcher' | Substitution['kind'];
  inId: string;
  /** The player replaced (for a switch of two players in the game, the one moved off `position`). */
  outId: string;
  /** The position taken ('P' for a pitcher, 'DH'), null when he only bats or runs. */
  position: LineupPosition | null;
  /** 1-9: the batting-order spot he took, null when he took none (a switch inside the field). */
  battingOrder: number | null;
  inning: number;
  half: Play['half'];
  outs: number;
  /** The number of the last play before he came in (0: before the first). */
  afterPlay: number;
}

export interface PlayRecord { plays: PlayRow[]; substitutions: SubstitutionRow[] }

export function playRecord(config: GameConfig, events: readonly LiveEvent[]): PlayRecord {
  let state = initialState(config.rules, config.away.setup, config.home.setup);
  const plays: PlayRow[] = [];
  const substitutions: SubstitutionRow[] = [];
  let previous: Play | undefined;
  for (const event of events) {
    if (event.type !== 'turn') continue;
    for (const e of event.events) {
      const after = applyEvent(state, e);
      if (e.type === 'play') {
        plays.push(playRow(config, e.play, state.bases, after, previous));
        previous = e.play;
      } else {
        substitutions.push(substitutionRow(config, e, after, previous?.number ?? 0));
      }
      state = after;
    }
  }
  return { plays, substitutions };
}

function playRow(config: GameConfig, play: Play, before: Bases, after: GameState, previous: Play | undefined): PlayRow {
  const { moves, scored, dice, ...stored } = play;
  const battingSide: Side = play.half === 'top' ? 'away' : 'home';
  const scoredIds = new Set(scored.map((run) => run.runnerId));
  // From the play's own moves (a runner left on base when the half ends keeps his base); the
  // state after the play says where runners stand when the half goes on.
  const finalOf = (id: string | undefined | null, from: number): number | null => {
    if (!id) return null;
    if (scoredIds.has(id)) return 4;
    const move = moves.filter((m) => m.runnerId === id).at(-1);
    if (move) return move.to === 0 ? null : move.to;
    if (play.outsBefore + play.outs < 3) {
      const base = after.bases.findIndex((runner) => runner?.id === id);
      return base >= 0 ? base + 1 : null;
    }
    return from === 0 ? null : from;
  };
  const lead = (away: number, home: number) => (battingSide === 'away' ? away - home : home - away);
  const leadBefore = lead(play.awayScore, play.homeScore);
  const leadAfter = leadBefore + play.runs;
  return {
    ...stored,
    battingTeamId: config[battingSide].teamId,
    onFirstId: before[0]?.id ?? null,
    onSecondId: before[1]?.id ?? null,
    onThirdId: before[2]?.id ?? null,
    onFirstFinal: finalOf(before[0]?.id, 1),
    onSecondFinal: finalOf(before[1]?.id, 2),
    onThirdFinal: finalOf(before[2]?.id, 3),
    batterFinal: play.kind === 'pa' ? finalOf(play.batterId, 0) : null,
    tactics: play.tactics ?? [],
    bphr: play.bphr ?? 0, bpfo: play.bpfo ?? 0, bp1b: play.bp1b ?? 0, bplo: play.bplo ?? 0,
    dice: dice.map(({ sides, value }) => ({ sides, value })),
    wpa: round(wpa(play, config.rules).wpa),
    re24: round(re24(play, config.rules.innings)),
    isTied: leadBefore === 0,
    isGoAhead: leadBefore <= 0 && leadAfter > 0,
    isNewInning: !previous || previous.inning !== play.inning || previous.half !== play.half,
  };
}

function substitutionRow(
  config: GameConfig, event: Exclude<GameEvent, { type: 'play' }>, after: GameState, afterPlay: number,
): SubstitutionRow {
  const inId = event.type === 'pitchingChange' ? event.pitcherId : event.in;
  const spot = after[event.side].lineup.findIndex((slot) => slot.playerId === inId);
  const common = { side: event.side, teamId: config[event.side].teamId, inId, battingOrder: spot >= 0 ? spot + 1 : null, inning: event.inning, half: event.half, outs: event.outs, afterPlay };
  if (event.type === 'pitchingChange') return { ...common, kind: 'pitcher', outId: event.replacedId, position: 'P' };
  return { ...common, kind: event.kind, outId: event.out, position: event.position };
}
