/**
 * One process-wide timer for the periodic work of every room (the serverTime refresh), instead of
 * a patch interval per room. Rooms send patches only when something changed (a commit, presence);
 * an idle room costs no timer callbacks at all. The rooms are spread over the period in slices, so
 * a thousand rooms refresh a few at a time rather than all in one event-loop turn.
 */

/** How often each room runs its periodic work. */
export const TICK_PERIOD_MS = 5000;
/** The shared timer's step: every step runs one slice of the rooms. */
const STEP_MS = 100;
const SLICES = TICK_PERIOD_MS / STEP_MS;

export interface Ticking {
  /** Runs every TICK_PERIOD_MS while registered; must not throw (the room guards itself). */
  tick(): void;
}

const slices: Array<Set<Ticking>> = Array.from({ length: SLICES }, () => new Set());
let registered = 0;
let next = 0;
let step = 0;
let timer: NodeJS.Timeout | undefined;

function runSlice(): void {
  const slice = slices[step];
  step = (step + 1) % SLICES;
  for (const room of slice) room.tick();
}

/** Registers a room; the returned function unregisters it (call it on dispose). */
export function startTicking(room: Ticking): () => void {
  const slice = slices[next];
  next = (next + 1) % SLICES;
  slice.add(room);
  registered++;
  // unref: the shared timer never keeps a process alive on its own.
  timer ??= setInterval(runSlice, STEP_MS).unref();
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    slice.delete(room);
    if (--registered === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
