import { Client, CloseCode, type Room } from '@colyseus/sdk';
import type { z } from 'zod';
import { useEffect, useState } from 'preact/hooks';
import { freshToken, refreshSession } from './api.ts';
import { REJOIN_GIVE_UP_MS, rejoinDelayMs } from '../../../rooms/base/rejoin.ts';
import { onceState } from '../../../src/client/watch-state.ts';

/** Any room's message schemas (rooms/<kind>/messages.ts): the client sends what they accept. */
export type MessageSchemas = Record<string, z.ZodType>;
/** A schema class from schema/ (its constructor is what the SDK decodes the state into). */
type StateClass<S> = new (...args: any[]) => S;

export interface LiveRoom<S> {
  room: Room<any, S> | null;
  /** connecting → live; reconnecting after a drop; gone when it closed for good (or never opened). */
  status: 'connecting' | 'live' | 'reconnecting' | 'gone';
  error: string | null;
}

/**
 * Joins a room (PROTOCOL.md "Reconnecting"): always `joinOrCreate` with the stream id and the
 * token, never `create`. The SDK's own reconnection is off, so every drop (crash, deploy, network)
 * ends in onLeave, and the hook joins again at once, then with jittered backoff (rooms/base/rejoin.ts:
 * 50 ms doubling to 500 ms, for 30 s): the
 * new room replaces the old, and pages re-subscribe because `room` changed.
 */
export function useLiveRoom<S>(name: string, options: Record<string, unknown> | null, schema: StateClass<S>): LiveRoom<S> {
  const [live, setLive] = useState<LiveRoom<S>>({ room: null, status: 'connecting', error: null });
  const key = options ? JSON.stringify(options) : '';
  useEffect(() => {
    if (!options) return;
    let closed = false;
    let current: Room<any, S> | null = null;
    const join = async (since: number, attempt: number, refreshed = false): Promise<void> => {
      if (closed) return;
      try {
        const client = new Client(location.origin);
        client.auth.token = await freshToken();
        const room = await client.joinOrCreate<S>(name, options, schema);
        // The join resolves on the handshake, before the first full state: until then `room.state`
        // is a bare instance of the schema class whose child schemas the decoder has never seen (no
        // refId), and a hook subscribing to them throws. Pages get the room once its state is decoded.
        await firstState(room);
        if (closed) return void room.leave();
        current = room;
        room.reconnection.enabled = false;
        room.onLeave((code) => {
          if (closed || code === CloseCode.CONSENTED) return;
          setLive({ room, status: 'reconnecting', error: null });
          void join(Date.now(), 0);
        });
        setLive({ room, status: 'live', error: null });
      } catch (error) {
        // A token refused at the join (revoked, or expired against our clock): one refresh, then again.
        if (!refreshed && (error as { code?: unknown }).code === 401 && (await refreshSession())) return join(since, attempt, true);
        const message = (error as Error).message ?? String(error);
        if (Date.now() - since > REJOIN_GIVE_UP_MS || /not authori|forbidden|invalid/i.test(message)) {
          setLive({ room: null, status: 'gone', error: message });
          return;
        }
        setTimeout(() => void join(since, attempt + 1), rejoinDelayMs(attempt));
      }
    };
    void join(Date.now(), 0);
    return () => {
      closed = true;
      void current?.leave(true).catch(() => undefined);
    };
  }, [name, key]);
  return live;
}

/**
 * Resolves at the room's first full state (ROOM_STATE). Registered right after the join resolved:
 * the handshake and the state arrive as separate WebSocket messages, so the state cannot have been
 * decoded yet (the join's promise settles in the handshake's task).
 */
function firstState(room: Room<any, any>): Promise<void> {
  return new Promise((resolve, reject) => {
    onceState(room, () => resolve());
    room.onLeave.once((code) => reject(new Error(`the room closed before its state arrived (${code})`)));
  });
}

/**
 * A request typed by the room's zod message schema: a renamed message or field fails the
 * typecheck. It resolves with the room's answer or rejects with the SDK's Error whose
 * `reason` is `{code, message}`.
 */
export function request<M extends MessageSchemas, K extends keyof M & string>(
  room: Room<any, any>, _messages: M, type: K, payload: z.input<M[K]>,
): Promise<any> {
  return room.request(type as never, payload as never);
}
