import type { GameConfig } from './config.ts';
import { wpa } from './expectancy.ts';
import { initialLive, playsOf, replayLive, type LiveEvent } from './live.ts';
import { boxScore, lineScore, type BattingLine, type PitchingLine, type TeamBox } from './stats.ts';
import type { Play, Side } from './types.ts';

/**
 * What REST shows of a game, derived from its config and event log alone (pure). Only resolved
 * turns are read: a sealed `defense` decision waiting for the offense is never part of it.
 */

/** Decimal places of a play's win probability added: enough to rank plays, short on the wire. */
const WPA_DECIMALS = 4;

export interface PlayView {
  number: number;
  inning: number;
  half: Play['half'];
  kind: Play['kind'];
  code: string;
  description: string;
  batterId: string;
  pitcherId: string;
  outsBefore: number;
  onBaseCode: number;
  awayScore: number;
  homeScore: number;
  runs: number;
  outs: number;
  /** The decisions that applied to the play ('IBB', 'infield in', 'hit-and-run', ...), when any did. */
  tactics?: string[];
  dice: Array<{ sides: number; value: number }>;
  /** Win probability added for the batting team. */
  wpa: number;
}

type Named<T> = T & { name: string };
export interface TeamBoxView extends Omit<TeamBox, 'batting' | 'pitching'> {
  batting: Array<Named<BattingLine>>;
  pitching: Array<Named<PitchingLine>>;
}

/** Player id -> name, for both sides' snapshots. */
export function playerNames(config: GameConfig): Record<string, string> {
  return Object.fromEntries([...config.away.players, ...config.home.players].map((p) => [p.id, p.name]));
}

/** Box and line score of the plays, with the players' names: also what a final game stores. */
export function boxOf(config: GameConfig, plays: readonly Play[]) {
  const names = playerNames(config);
  const box = boxScore(plays);
  const named = (team: TeamBox): TeamBoxView => ({
    ...team,
    batting: team.batting.map((line) => ({ ...line, name: names[line.playerId] ?? line.playerId })),
    pitching: team.pitching.map((line) => ({ ...line, name: names[line.playerId] ?? line.playerId })),
  });
  return { lineScore: lineScore(plays), box: { away: named(box.away), home: named(box.home) } };
}

/** The game as its log has it: where it stands, line and box score, the play-by-play with dice and WPA. */
export function gameLogView(config: GameConfig, events: readonly LiveEvent[]) {
  const live = replayLive(initialLive(config), events);
  const plays = playsOf(events);
  const score: Record<Side, number> = { away: live.game.away.runs, home: live.game.home.runs };
  return {
    inning: live.game.inning,
    half: live.game.half,
    score,
    ...boxOf(config, plays),
    plays: plays.map((play) => playView(play, config)),
    players: playerNames(config),
  };
}

function playView(play: Play, config: GameConfig): PlayView {
  const { number, inning, half, kind, code, description, batterId, pitcherId, outsBefore, onBaseCode, awayScore, homeScore, runs, outs } = play;
  return {
    number, inning, half, kind, code, description, batterId, pitcherId, outsBefore, onBaseCode, awayScore, homeScore, runs, outs,
    ...(play.tactics?.length ? { tactics: play.tactics } : {}),
    dice: play.dice.map(({ sides, value }) => ({ sides, value })),
    wpa: Number(wpa(play, config.rules).wpa.toFixed(WPA_DECIMALS)),
  };
}
