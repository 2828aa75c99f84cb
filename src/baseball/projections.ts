import type { Projection } from '../db/event-store.ts';
import { Game } from '../db/entities/index.ts';
import { gameLinesProjection } from '../stats/lines.ts';
import { modeOf } from './config.ts';
import type { LiveGame } from './live.ts';
import { boxScore, lineScore } from './stats.ts';
import type { Play } from './types.ts';

/**
 * The games row a game's events keep up to date, in the same transaction as the events: status,
 * score and inning for lists, and when the game goes final its winner and box score (standings
 * read those) and every player's line of the game (player_game_lines: season stats sum them).
 * `plays` is every play of the game so far, this commit's included.
 */
export function gameProjections(before: LiveGame, after: LiveGame, plays: readonly Play[], at: Date): Projection[] {
  const { game } = after;
  const changed = after.status !== before.status || game.away.runs !== before.game.away.runs
    || game.home.runs !== before.game.home.runs || game.inning !== before.game.inning || after.startAt !== before.startAt;
  if (!changed) return [];
  const update: Partial<Game> = {
    status: after.status, awayScore: game.away.runs, homeScore: game.home.runs, inning: game.inning,
  };
  if (after.startAt !== before.startAt) update.scheduledAt = after.startAt ? new Date(after.startAt) : null;
  if (before.status === 'scheduled' && after.status === 'live') update.startedAt = at;
  if (after.status === 'cancelled') update.finishedAt = at;
  const lines: Projection[] = [];
  if (after.status === 'final') {
    const { config } = after;
    const box = boxScore(plays);
    update.finishedAt = at;
    update.winner = winnerOf(after);
    update.forfeitedBy = after.forfeitedBy ? config[after.forfeitedBy].teamId : null;
    update.box = { lineScore: lineScore(plays), box } as unknown as Record<string, unknown>;
    // Season stats count ranked games played out: a friendly, a practice or a forfeit adds no line.
    if (modeOf(config) === 'ranked' && !after.forfeitedBy) lines.push(gameLinesProjection(config, plays, box, at));
  }
  return [(em) => em.nativeUpdate(Game, { id: after.config.gameId }, update).then(() => undefined), ...lines];
}

/** The winner: the side that did not forfeit, else the side with more runs (a game has no ties). */
export function winnerOf({ config, game, forfeitedBy }: LiveGame): string {
  if (forfeitedBy) return config[forfeitedBy === 'home' ? 'away' : 'home'].teamId;
  return game.home.runs > game.away.runs ? config.home.teamId : config.away.teamId;
}
