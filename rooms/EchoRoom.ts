import { Room, defineRoom, type Client, type RegisteredHandler } from '@colyseus/core';
import type { MessageContext } from '@colyseus/shared-types';
import { EchoState } from '../schema/EchoRoomState.ts';
import { echoRoomEnabled } from '../src/config.ts';

/**
 * The same limits as the league rooms (rooms/base), so the framework does the same work: no
 * patch tick (the longest timer Colyseus can be given; patches go out on change, as a draft's).
 */
const PATCH_ONLY_ON_CHANGE = 2 ** 31 - 1;
const MAX_MESSAGES_PER_SECOND = 40;
const DEFAULT_TARGET = 180;

/**
 * The load tests' baseline (docs/PROTOCOL.md "Echo room"): a bare Colyseus room with the draft's
 * delivery path and nothing else. One client at a time is on the clock; its `act` bumps a counter
 * that every client sees. No auth, no database, no rules, no metrics: what a draft pick costs
 * over this is the price of durability. Off unless LOAD_ECHO_ROOM=true.
 */
export class EchoRoom extends Room<{ state: EchoState }> {
  override maxClients = 64;

  override onCreate(options: { actions?: unknown }): void {
    this.maxMessagesPerSecond = MAX_MESSAGES_PER_SECOND;
    this.patchRate = PATCH_ONLY_ON_CHANGE;
    const target = Number(options?.actions);
    this.setState(new EchoState());
    this.state.target = Number.isInteger(target) && target > 0 && target <= 100_000 ? target : DEFAULT_TARGET;
    this.onMessage('start', (client: Client, _message: unknown, ctx: MessageContext) => {
      if (this.state.status !== 'waiting') return this.refuse(client, ctx, 'STALE', 'Already started');
      this.state.status = 'live';
      this.state.onClock = this.clients[0]?.sessionId ?? '';
      this.broadcastPatch();
      return { ok: true };
    });
    this.onMessage('act', (client: Client, message: { n?: unknown } | undefined, ctx: MessageContext) => {
      if (this.state.status !== 'live' || this.state.onClock !== client.sessionId) return this.refuse(client, ctx, 'NOT_YOUR_TURN', 'Not your turn');
      if (message?.n !== this.state.count + 1) return this.refuse(client, ctx, 'STALE', 'Not the current action');
      this.state.count++;
      if (this.state.count >= this.state.target) {
        this.state.status = 'complete';
        this.state.onClock = '';
      } else {
        this.state.onClock = this.clients[this.state.count % this.clients.length].sessionId;
      }
      // As a draft pick goes out once committed: now, not at the next patch tick.
      this.broadcastPatch();
      return { ok: true, count: this.state.count };
    });
  }

  /** As the league rooms answer a refusal: a rejected request, or `error` to a plain send. */
  private refuse(client: Client, ctx: MessageContext, code: string, message: string): undefined {
    if (ctx.id !== undefined) ctx.reject({ code, message });
    else client.send('error', { code, message });
    return undefined;
  }
}

/** `{echo}` when LOAD_ECHO_ROOM=true, else nothing: an unauthenticated room stays off in production by default. */
export function echoRoomDefinition(enabled = echoRoomEnabled()): Record<string, RegisteredHandler<any>> {
  return enabled ? { echo: defineRoom(EchoRoom) } : {};
}
