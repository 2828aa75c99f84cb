import { matchMaker } from '@colyseus/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Game } from '../../src/db/entities/index.ts';
import { log } from '../../src/log.ts';

/** How long a process holds the right to open a game's room (seconds): long enough to create it. */
const LAUNCH_LOCK_SECONDS = 30;

/**
 * Opens the room of a game that should be running: a game plays (AI sides at their pace, absent
 * managers' clocks) whether or not anyone has joined. Idempotent across processes: a room that is
 * already listed is left alone, and a short lock in the shared presence keeps two processes from
 * opening the same game at once.
 */
export async function launchGame(gameId: string): Promise<void> {
  if ((await matchMaker.query({ name: 'baseball', gameId } as never)).length > 0) return;
  const key = `baseball:launch:${gameId}`;
  const first = (await matchMaker.presence.hincrbyex(key, 'n', 1, LAUNCH_LOCK_SECONDS)) === 1;
  if (!first) return;
  try {
    await matchMaker.createRoom('baseball', { gameId });
  } finally {
    await matchMaker.presence.del(key);
  }
}

/**
 * At boot: every unfinished game gets its room back (rebuilt from its log), so games whose process
 * died carry on by themselves instead of waiting for someone to join.
 */
export async function resumeGames(orm: MikroORM): Promise<number> {
  const games = await orm.em.fork().find(Game, { status: { $in: ['scheduled', 'live'] } }, { fields: ['id'] });
  let resumed = 0;
  for (const { id } of games) {
    try {
      await launchGame(id);
      resumed++;
    } catch (error) {
      log.error({ err: error, gameId: id }, 'could not resume a game');
    }
  }
  return resumed;
}
