import { useEffect, useState } from 'preact/hooks';

/**
 * The server clock as seen here: rooms carry `serverTime` (refreshed with every change and every 5 s in a quiet room), so a
 * countdown is `deadline - (serverTime + time since it arrived)`, never the local clock alone
 * (a phone's clock may be minutes off). The offset is re-learned on every serverTime update.
 */
let offsetMs = 0;

export function learnServerTime(serverTime: number): void {
  if (serverTime > 0) offsetMs = serverTime - Date.now();
}

export function serverNow(): number {
  return Date.now() + offsetMs;
}

/** Milliseconds left until `deadline` (0 when none or passed), re-rendered every 200 ms. */
export function useRemaining(deadline: number, pausedRemaining = 0): number {
  const [, tick] = useState(0);
  useEffect(() => {
    if (!deadline) return;
    const timer = setInterval(() => tick((n) => n + 1), 200);
    return () => clearInterval(timer);
  }, [deadline]);
  if (!deadline) return pausedRemaining;
  return Math.max(0, deadline - serverNow());
}

export function formatClock(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  const m = Math.floor(seconds / 60);
  return `${m}:${String(seconds % 60).padStart(2, '0')}`;
}
