import { z } from 'zod';
import { MAX_QUEUE_LENGTH } from '../../src/rules/queue.ts';
import { CHAT_MAX_LENGTH } from '../draft/messages.ts';

/** Every message an auction room accepts (PROTOCOL.md "Auction room"). Amounts are any finite
 * number here so the rules can answer negative or fractional ones with INVALID_AMOUNT. */
const id = z.string().min(1).max(64);
const amount = z.number().finite();
const lot = z.number().int().min(1);
const none = z.object({}).strict();

export const auctionMessages = {
  nominate: z.object({ playerId: id, bid: amount }).strict(),
  bid: z.object({ lot, amount }).strict(),
  proxy: z.object({ lot, max: amount }).strict(),
  queue: z.object({ playerIds: z.array(id).max(MAX_QUEUE_LENGTH) }).strict(),
  chat: z.object({ text: z.string().trim().min(1).max(CHAT_MAX_LENGTH) }).strict(),
  start: none,
  pause: none,
  resume: none,
  undo: none,
};
