/**
 * When a game's room opens. A game dated further ahead than OPEN_AHEAD_MS holds no room: each open
 * room costs memory and a share of the patch loop, and games can be dated months ahead (the
 * game-open job in src/jobs/scheduled-games.ts opens it in time). Five minutes ahead lets managers
 * and spectators gather before the first pitch and leaves time for a retried opening.
 */
export const OPEN_AHEAD_MS = 5 * 60_000;

/** Whether a game with this first pitch (epoch ms; 0 = at once) is too far off to hold a room now. */
export function isFarOff(startAt: number, now: number): boolean {
  return startAt - now > OPEN_AHEAD_MS;
}
