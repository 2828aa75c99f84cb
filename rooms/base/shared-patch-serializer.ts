import { SchemaSerializer, type Client } from '@colyseus/core';
import type { Schema } from '@colyseus/schema';

/** The handshake bytes of each state class (see SharedPatchSerializer.handshake). */
const handshakes = new WeakMap<object, Uint8Array>();

/**
 * A room with private fields (a StateView per manager, say for the draft queue) makes Colyseus
 * encode every patch once per client view, although most patches (a pick, a clock, presence) touch
 * only public fields and every view's bytes come out the same as everyone's. For a patch the room
 * vouches holds no private change, this serializer encodes once and sends those bytes to all, as a
 * room without views does. A view with changes of its own (a client that just joined) still takes
 * the per-view path.
 */
export class SharedPatchSerializer<T extends Schema = Schema> extends SchemaSerializer<T> {
  /** Set by the room just before a patch: true when nothing private changed since the last one. */
  publicOnly = false;

  /**
   * The handshake every joining client gets (the state's type reflection) depends only on the
   * state's class: Colyseus encodes it once per room, this once per class for all its rooms. After
   * a restart hundreds of rooms open at once, and each encoding was most of a room's first join.
   */
  override handshake(): Uint8Array {
    const kind = (this.encoder?.state as object | undefined)?.constructor;
    if (!kind) return super.handshake();
    let bytes = handshakes.get(kind);
    if (!bytes) {
      bytes = super.handshake();
      handshakes.set(kind, bytes);
    }
    return bytes;
  }

  override applyPatches(clients: Client[], state?: unknown, timing?: Parameters<SchemaSerializer<T>['applyPatches']>[2]): boolean {
    if (!this.publicOnly || !this.hasFilters || clients.some((client) => (client.view?.changes.size ?? 0) > 0)) {
      return super.applyPatches(clients, state, timing);
    }
    // Filtered fields unchanged and no view pending: every view's encoding is the shared one.
    this.hasFilters = false;
    try {
      return super.applyPatches(clients, state, timing);
    } finally {
      this.hasFilters = true;
    }
  }
}
