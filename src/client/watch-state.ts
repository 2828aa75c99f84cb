import type { Room } from '@colyseus/sdk';

/**
 * Calls `handler` on every state change until the returned `stop` is called. `stop` may be called
 * any number of times, even from inside the handler: the SDK's signal removes a handler it does
 * not hold by dropping its LAST handler (indexOf -1), so a second remove silently unsubscribes
 * somebody else (a wait that then never resolved: "state never became ready" with the state
 * there). The removal waits for a microtask, for removing while the signal iterates would skip
 * another handler of the same dispatch.
 */
export function watchState(room: Room, handler: (state: any) => void): () => void {
  let stopped = false;
  const listener = (state: any) => { if (!stopped) handler(state); };
  room.onStateChange(listener);
  return () => {
    if (stopped) return;
    stopped = true;
    queueMicrotask(() => room.onStateChange.remove(listener));
  };
}

/** `handler` at the next state change only: the SDK's own `once` removes itself mid-dispatch, so the handler registered last misses that change. */
export function onceState(room: Room, handler: (state: any) => void): void {
  const stop = watchState(room, (state) => { stop(); handler(state); });
}
