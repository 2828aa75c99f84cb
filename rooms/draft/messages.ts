import { z } from 'zod';
import { MAX_QUEUE_LENGTH } from '../../src/rules/queue.ts';

/** Every message a draft room accepts, parsed once at the edge (PROTOCOL.md "Draft room"). */
const id = z.string().min(1).max(64);
export const CHAT_MAX_LENGTH = 280;

export const draftMessages = {
  pick: z.object({ playerId: id, pick: z.number().int().min(1).optional() }).strict(),
  queue: z.object({ playerIds: z.array(id).max(MAX_QUEUE_LENGTH) }).strict(),
  autopick: z.object({ enabled: z.boolean() }).strict(),
  chat: z.object({ text: z.string().trim().min(1).max(CHAT_MAX_LENGTH) }).strict(),
  start: z.object({}).strict(),
  pause: z.object({}).strict(),
  resume: z.object({}).strict(),
  undo: z.object({}).strict(),
  pickFor: z.object({ teamId: id, playerId: id }).strict(),
  setAutopick: z.object({ teamId: id, enabled: z.boolean() }).strict(),
};

/** Rooms are matched on the raw draftId (filterBy), so only the canonical lower-case form is
 * accepted: an upper-case spelling would otherwise open a second room for the same draft. */
export const draftJoinOptions = z.object({
  draftId: z.uuid().regex(/^[0-9a-f-]+$/, 'must be lower-case'),
  spectate: z.boolean().optional(),
}).loose();
