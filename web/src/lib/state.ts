import { Callbacks, type Room } from '@colyseus/sdk';
import { $refId } from '@colyseus/schema';
import { useEffect, useState } from 'preact/hooks';
import { onceState } from '../../../src/client/watch-state.ts';

/**
 * Subscriptions to the synced state through the SDK's callbacks: a component re-renders when
 * the fields it reads change, not on every patch (a 300-pick board redraws one cell per pick).
 */
type Plain<T> = { [K in keyof T]: T[K] extends (...args: any[]) => any ? never : T[K] };

function callbacks(room: Room<any, any>): any {
  return Callbacks.get(room as never);
}

/** Scalar fields of the root state, kept up to date. */
export function useFields<S, K extends keyof S & string>(room: Room<any, S> | null, keys: readonly K[]): Pick<S, K> {
  const [values, setValues] = useState<Pick<S, K>>(() => pick(room?.state, keys));
  useEffect(() => {
    if (!room) return;
    setValues(pick(room.state, keys));
    const $ = callbacks(room);
    const offs = keys.map((key) => $.listen(key, (value: unknown) => setValues((old) => (old[key] === value ? old : { ...old, [key]: value }))));
    return () => offs.forEach((off: () => void) => off());
  }, [room]);
  return values;
}

function pick<S, K extends keyof S>(state: S | undefined, keys: readonly K[]): Pick<S, K> {
  const out = {} as Pick<S, K>;
  for (const key of keys) out[key] = state ? state[key] : (undefined as never);
  return out;
}

/**
 * Scalar fields of a nested schema of the root (the auction's `lot`, the game's `score` and
 * `lastPlay`). The room may change the child in place or assign a new one: both are followed.
 */
export function useChild<T extends object>(room: Room<any, any> | null, key: string): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    if (!room) return;
    const $ = callbacks(room);
    let offChild: (() => void) | undefined;
    const follow = (child: object | undefined) => {
      offChild?.();
      offChild = undefined;
      if (!child) return setValue(null);
      // A child the decoder has not delivered (the schema class's own default instance) takes no
      // callbacks; the decoded one replaces it and `listen` brings it here.
      if ((child as { [$refId]?: number })[$refId] === undefined) return;
      setValue(toPlain(child) as T);
      offChild = $.onChange(child, () => setValue(toPlain(child) as T));
    };
    follow((room.state as any)[key]);
    const offKey = $.listen(key, (child: object) => follow(child));
    return () => { offKey(); offChild?.(); };
  }, [room]);
  return value;
}

/**
 * A collection of the root state as plain objects, in order: items added, removed, or changed
 * in place (a team's `connected`). `deep` also follows changes inside each item's own arrays
 * (a team's private queue).
 */
export function useList<T>(room: Room<any, any> | null, key: string, deep: string[] = []): Plain<T>[] {
  const [items, setItems] = useState<Plain<T>[]>([]);
  useEffect(() => {
    if (!room) return;
    const $ = callbacks(room);
    const collection = () => (room.state as any)[key] as { toArray(): unknown[] } | undefined;
    let scheduled = false;
    // Many callbacks fire within one patch: read the collection once, after the patch.
    const refresh = () => {
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        setItems((collection()?.toArray() ?? []).map((item) => toPlain(item as object)) as Plain<T>[]);
      });
    };
    const offs: Array<() => void> = [];
    const tracked = new WeakSet<object>();
    const track = (item: object) => {
      if (tracked.has(item)) return;
      tracked.add(item);
      offs.push($.onChange(item, refresh));
      for (const field of deep) offs.push($.onChange(item, field, refresh));
    };
    // Items already decoded, or decoded in the same patch as the collection itself: the decoder may
    // dispatch their ADD before the collection's onAdd hook is attached (seen for a manager whose
    // StateView adds his own lineup), so onAdd alone can miss them and the list stays empty.
    let active = true;
    const trackAll = () => {
      if (!active) return;
      for (const item of collection()?.toArray() ?? []) track(item as object);
      refresh();
    };
    offs.push($.onAdd(key, (item: object) => { track(item); refresh(); }));
    offs.push($.onRemove(key, refresh));
    offs.push($.listen(key, () => queueMicrotask(trackAll)));
    onceState(room, () => queueMicrotask(trackAll));
    offs.push(() => { active = false; });
    trackAll();
    return () => offs.forEach((off) => off());
  }, [room]);
  return items;
}

export function toPlain<T extends object>(value: T): Plain<T> {
  const json = (value as { toJSON?: () => unknown }).toJSON;
  return (json ? json.call(value) : { ...value }) as Plain<T>;
}
