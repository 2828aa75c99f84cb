import { z } from 'zod';
import { chat, id, none, queue } from '../base/messages.ts';

/** Every message an auction room accepts (PROTOCOL.md "Auction room"). Amounts are any finite
 * number here so the rules can answer negative or fractional ones with INVALID_AMOUNT. */
const amount = z.number().finite();
const lot = z.number().int().min(1);

export const auctionMessages = {
  nominate: z.object({ playerId: id, bid: amount }).strict(),
  bid: z.object({ lot, amount }).strict(),
  proxy: z.object({ lot, max: amount }).strict(),
  queue,
  chat,
  start: none,
  pause: none,
  resume: none,
  undo: none,
};
