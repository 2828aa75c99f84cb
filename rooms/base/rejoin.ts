/**
 * How a client waits between attempts to join its room again after a drop (PROTOCOL.md
 * "Reconnecting"): 50 ms doubling to at most 500 ms, each wait a random 50-100 % of its step. A
 * server that is back, or a room reopened on another process, is found within half a second, and
 * the thousand clients of a crashed process, dropped at the same moment, do not knock in lockstep.
 * Pure (the web client, the chaos and recovery benchmarks use it): no timers here.
 */
export const REJOIN_FIRST_MS = 50;
export const REJOIN_MAX_MS = 500;
/** After this long without a room, a client gives up and says so. */
export const REJOIN_GIVE_UP_MS = 30_000;

/** The wait before retry `attempt` (0 = the first retry). */
export function rejoinDelayMs(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(REJOIN_MAX_MS, REJOIN_FIRST_MS * 2 ** Math.min(Math.max(attempt, 0), 10));
  return Math.round(step / 2 + random() * (step / 2));
}
