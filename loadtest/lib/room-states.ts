/**
 * The state class each room kind's clients decode into, as a TypeScript client sharing the
 * server's schema does (`joinOrCreate(name, options, StateClass)`). Without it the SDK builds the
 * state's classes afresh from every join's handshake: a generator holding a thousand clients then
 * decodes each patch through a thousand different classes, and V8's property caches, seeing that
 * many shapes, go megamorphic. A pick's patch took each such client ~19 µs to decode against ~6
 * with shared classes (micro-benchmark, 1,000 decoders interleaved): CPU the generators took from
 * a shared box, and so from the server, that no real client costs. One browser tab holds one room:
 * it never pays this.
 */
import { AuctionRoomState } from '../../schema/AuctionRoomState.ts';
import { BaseballRoomState } from '../../schema/BaseballRoomState.ts';
import { DraftRoomState } from '../../schema/DraftRoomState.ts';
import { EchoState } from '../../schema/EchoRoomState.ts';
import { LeagueLiveRoomState } from '../../schema/LeagueLiveRoomState.ts';

/** What the SDK's joins take as the root schema (its own type of it is not exported). */
export type StateClass = new () => unknown;

const STATES = new Map<string, StateClass>([
  ['draft', DraftRoomState],
  ['auction', AuctionRoomState],
  ['baseball', BaseballRoomState],
  ['league', LeagueLiveRoomState],
  ['echo', EchoState],
]);

/** The state class of a room kind (by its registered name); undefined lets the SDK reflect it. */
export function stateClassOf(roomName: string): StateClass | undefined {
  return STATES.get(roomName);
}
