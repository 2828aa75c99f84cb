import { matchMaker } from '@colyseus/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Game } from '../../src/db/entities/index.ts';
import { OPEN_AHEAD_MS } from '../../src/baseball/opening.ts';
import { log } from '../../src/log.ts';
import { openRoomOnce } from '../base/open-room.ts';
import type { GameCommand, GameCommandReply } from '../BaseballRoom.ts';

/**
 * Opens the room of a game that should be running: a game plays (AI sides at their pace, absent
 * managers' clocks) whether or not anyone has joined. True when this call opened it.
 */
export function launchGame(gameId: string): Promise<boolean> {
  return openRoomOnce('baseball', { gameId });
}

/**
 * Games that should have a room now: live ones, and accepted ones due within OPEN_AHEAD_MS (or
 * dated at once). Challenges (proposed, declined) and far-off games hold none.
 */
export async function unfinishedGameIds(orm: MikroORM, now: number): Promise<string[]> {
  const dueBy = new Date(now + OPEN_AHEAD_MS);
  const games = await orm.em.fork().find(Game, {
    $or: [{ status: 'live' }, { status: 'scheduled', $or: [{ scheduledAt: null }, { scheduledAt: { $lte: dueBy } }] }],
  }, { fields: ['id'] });
  return games.map((game) => game.id);
}

/**
 * At boot: every game that should be running gets its room back (rebuilt from its log), so games
 * whose process died carry on by themselves instead of waiting for someone to join. While running,
 * the orphan sweep (rooms/base/orphans.ts) does the same for games whose process died.
 */
export async function resumeGames(orm: MikroORM, now: number): Promise<number> {
  let resumed = 0;
  for (const id of await unfinishedGameIds(orm, now)) {
    try {
      if (await launchGame(id)) resumed++;
    } catch (error) {
      log.error({ err: error, gameId: id }, 'could not resume a game');
    }
  }
  return resumed;
}

/** Tries to find a game's room after opening it (another process may be opening it right now). */
const FIND_ATTEMPTS = 20;
const FIND_PAUSE_MS = 100;

/**
 * Runs a lifecycle command (cancel, postpone, forfeit) in the room that holds the game's log,
 * opening it first when none is (a far-off game's room then closes again by itself). The room may
 * live on another process: matchMaker.remoteRoomCall reaches it through the shared presence.
 */
export async function commandGame(gameId: string, command: GameCommand): Promise<GameCommandReply> {
  for (let attempt = 0; attempt < FIND_ATTEMPTS; attempt++) {
    const [listing] = await matchMaker.query({ name: 'baseball', gameId } as never);
    if (listing) return matchMaker.remoteRoomCall(listing.roomId, 'command', [command]) as Promise<GameCommandReply>;
    if (!(await launchGame(gameId))) await new Promise((resolve) => setTimeout(resolve, FIND_PAUSE_MS));
  }
  return { ok: false, code: 'RETRY', message: "the game's room could not be reached; try again" };
}
