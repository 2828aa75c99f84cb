import { z } from 'zod';
import { chat, id, none, queue } from '../base/messages.ts';

/** Every message a draft room accepts, parsed once at the edge (PROTOCOL.md "Draft room"). */

export const draftMessages = {
  pick: z.object({ playerId: id, pick: z.number().int().min(1).optional() }).strict(),
  queue,
  autopick: z.object({ enabled: z.boolean() }).strict(),
  chat,
  start: none,
  pause: none,
  resume: none,
  undo: none,
  pickFor: z.object({ teamId: id, playerId: id }).strict(),
  setAutopick: z.object({ teamId: id, enabled: z.boolean() }).strict(),
};
