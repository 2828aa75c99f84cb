import { matchMaker } from '@colyseus/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Game } from '../../src/db/entities/index.ts';
import { log } from '../../src/log.ts';

/** How long a process holds the right to open a game's room (seconds): long enough to create it. */
const LAUNCH_LOCK_SECONDS = 30;

const isListed = async (gameId: string) => (await matchMaker.query({ name: 'baseball', gameId } as never)).length > 0;

/**
 * Opens the room of a game that should be running: a game plays (AI sides at their pace, absent
 * managers' clocks) whether or not anyone has joined. Idempotent across processes: a room that is
 * already listed is left alone, and a short lock in the shared presence keeps two processes from
 * opening the same game at once. True when this call opened it.
 */
export async function launchGame(gameId: string): Promise<boolean> {
  if (await isListed(gameId)) return false;
  const key = `baseball:launch:${gameId}`;
  const first = (await matchMaker.presence.hincrbyex(key, 'n', 1, LAUNCH_LOCK_SECONDS)) === 1;
  if (!first) return false;
  try {
    // Looked at again under the lock: another process may have opened it and released its lock
    // between our first look and our lock (the orphan sweeps of several processes race here).
    if (await isListed(gameId)) return false;
    await matchMaker.createRoom('baseball', { gameId });
    return true;
  } finally {
    await matchMaker.presence.del(key);
  }
}

/** Games that are not final: each should have a room somewhere. */
export async function unfinishedGameIds(orm: MikroORM): Promise<string[]> {
  const games = await orm.em.fork().find(Game, { status: { $in: ['scheduled', 'live'] } }, { fields: ['id'] });
  return games.map((game) => game.id);
}

/**
 * At boot: every unfinished game gets its room back (rebuilt from its log), so games whose process
 * died carry on by themselves instead of waiting for someone to join. While running, the orphan
 * sweep (rooms/base/orphans.ts) does the same for games whose process died.
 */
export async function resumeGames(orm: MikroORM): Promise<number> {
  let resumed = 0;
  for (const id of await unfinishedGameIds(orm)) {
    try {
      if (await launchGame(id)) resumed++;
    } catch (error) {
      log.error({ err: error, gameId: id }, 'could not resume a game');
    }
  }
  return resumed;
}
