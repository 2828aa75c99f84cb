import type { GameConfig } from './config.ts';
import { initialLive, playsOf, replayLive, type LiveEvent } from './live.ts';
import { playRecord, type PlayRow } from './play-rows.ts';
import { boxScore, lineScore, type BattingLine, type PitchingLine, type TeamBox } from './stats.ts';
import type { Play, Side } from './types.ts';

/**
 * What REST shows of a game, derived from its config and event log alone (pure). Only resolved
 * turns are read: a sealed `defense` decision waiting for the offense is never part of it.
 */

/**
 * A play as GET /games/:id shows it: its row of the play record (play-rows.ts), `tactics` only
 * when a decision applied (as it always was).
 */
export type PlayView = Omit<PlayRow, 'tactics'> & { tactics?: string[] };

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

/** The game as its log has it: where it stands, line and box score, the play record with dice, WPA and RE24. */
export function gameLogView(config: GameConfig, events: readonly LiveEvent[]) {
  const live = replayLive(initialLive(config), events);
  const plays = playsOf(events);
  const score: Record<Side, number> = { away: live.game.away.runs, home: live.game.home.runs };
  const record = playRecord(config, events);
  return {
    inning: live.game.inning,
    half: live.game.half,
    score,
    ...boxOf(config, plays),
    plays: record.plays.map(playView),
    substitutions: record.substitutions,
    players: playerNames(config),
  };
}

function playView({ tactics, ...row }: PlayRow): PlayView {
  return tactics.length ? { ...row, tactics } : row;
}
