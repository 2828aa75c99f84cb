import { z } from 'zod';
import { chat, id, none, queue } from '../base/messages.ts';

/** Every message an auction room accepts (PROTOCOL.md "Auction room"). Amounts are any number
 * here (msgpack carries Infinity and NaN too) so the rules answer negative, fractional and
 * non-finite ones with INVALID_AMOUNT, as PROTOCOL says. */
const amount = z.custom<number>((value) => typeof value === 'number', { message: 'expected a number' });
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
