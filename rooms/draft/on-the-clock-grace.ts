/**
 * How long a manager on the clock must stay away from the draft room before he is told (rooms/DraftRoom.ts
 * tellAwayManagerSoon). A client that drops for a moment (a page reload, a reconnect, a failover) is back
 * sooner and sees the clock itself.
 */
export const ON_THE_CLOCK_GRACE_MS = 2000;
/**
 * The same when the room opens (a restart, a failover): its clients come back through the join storm
 * of every room of the process, a few seconds for some (up to ~3.5 s after their room opened, measured
 * with 500 drafts' 1,000 clients on one process), and are not away.
 */
export const ON_THE_CLOCK_GRACE_AT_OPEN_MS = 10_000;
