import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * The event log every room writes before anyone hears of an action. A stream is one draft,
 * auction or game; (stream, seq) is unique, so two writers can never both append the same
 * position: the database is the last line of defence against a double-applied action.
 */
export const StreamEvent = defineEntity({
  name: 'StreamEvent',
  tableName: 'stream_events',
  uniques: [{ properties: ['stream', 'seq'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    stream: p.uuid(),
    seq: p.integer(),
    type: p.string().length(40),
    payload: p.json<Record<string, unknown>>(),
    /** Who caused it; null for the system (clocks, bots). */
    actor: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type StreamEvent = InferEntity<typeof StreamEvent>;
