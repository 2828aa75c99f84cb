import { schema, t, type SchemaType } from '@colyseus/schema';

/** The synced state of the load tests' echo room (rooms/EchoRoom.ts): data only. */
export const EchoState = schema({
  status: t.string().default('waiting'),
  /** Actions so far; `act {n}` must name count + 1 (the draft's `pick` number, same check). */
  count: t.uint32().default(0),
  /** The sessionId whose turn it is ('' unless live): seats in join order, round robin. */
  onClock: t.string().default(''),
  /** Actions after which the room is complete. */
  target: t.uint32(),
}, 'EchoState');
export type EchoState = SchemaType<typeof EchoState>;
