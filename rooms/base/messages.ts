import { z } from 'zod';

/** The message pieces every league room shares, parsed once at the edge (PROTOCOL.md). */

export const CHAT_MAX_LENGTH = 280;
/** A player's or team's id as a message names it (the rules say whether it exists). */
export const id = z.string().min(1).max(64);
export const none = z.object({}).strict();
export const chat = z.object({ text: z.string().trim().min(1).max(CHAT_MAX_LENGTH) }).strict();
/**
 * A team's wish list (drafts and auctions). Its length is the rules' to refuse (QUEUE_TOO_LONG past
 * MAX_QUEUE_LENGTH, as PROTOCOL says); the transport's byte limit bounds what a message can carry.
 */
export const queue = z.object({ playerIds: z.array(id) }).strict();

/**
 * Rooms are matched on the raw stream id (filterBy), so only the canonical lower-case form is
 * accepted: an upper-case spelling would otherwise open a second room for the same stream.
 */
const streamId = z.uuid().regex(/^[0-9a-f-]+$/, 'must be lower-case');
const spectate = z.boolean().optional();

/** Joining a draft or an auction room. */
export const draftJoinOptions = z.object({ draftId: streamId, spectate }).loose();
/** Joining a baseball game's room. */
export const gameJoinOptions = z.object({ gameId: streamId, spectate }).loose();
/** Joining a league's live room (`league`). */
export const leagueJoinOptions = z.object({ leagueId: streamId, spectate }).loose();
