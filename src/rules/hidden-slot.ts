/**
 * A value derived from an immutable object (a state, a list of picks, a command's events), kept on
 * that object in a hidden property: non-enumerable, so spreads, JSON, equality checks and the
 * object's readers never see it, and it lives and dies with its owner.
 *
 * Why not a WeakMap: the rules derive such a value on every action, and a WeakMap entry is an
 * ephemeron. Their owners live for an action's interval, long enough to reach the old generation,
 * and a full collection then walks every entry whose owner died since the last one, in its
 * stop-the-world pause, again for each link of a chain (a fold's states hold picks arrays that key
 * boards). Measured at 1,000 live drafts: 16-53 ms of ephemeron marking in each 55-83 ms pause,
 * every ~20 s (README, Performance). A plain property is marked like any other field.
 */
export interface HiddenSlot<Owner extends object, Value> {
  get(owner: Owner): Value | undefined;
  /** Keeps `value` on `owner`, replacing the one before; a frozen owner keeps none. */
  set(owner: Owner, value: Value): void;
}

export function hiddenSlot<Owner extends object, Value>(name: string): HiddenSlot<Owner, Value> {
  const key = Symbol(name);
  return {
    get: (owner) => (owner as Record<symbol, Value | undefined>)[key],
    set: (owner, value) => {
      // A frozen owner (tests freeze states to prove the rules never mutate them) keeps nothing:
      // the value is derived again when next asked, which is all a slot saves.
      if (!Object.isExtensible(owner)) return;
      Object.defineProperty(owner, key, { value, writable: true, configurable: true, enumerable: false });
    },
  };
}
