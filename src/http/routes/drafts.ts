import { Router } from 'express';
import { z } from 'zod';
import { isoTime } from '../../time-input.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createDraft, findDraft, getDraft, listDrafts } from '../../draft/service.ts';
import { createAuction, getAuctionView } from '../../auction/service.ts';
import { SPORTS } from '../../players/types.ts';
import { requireVisible } from '../../leagues/access.ts';
import type { Quotas } from '../../leagues/quotas.ts';
import type { Scheduling } from '../../jobs/types.ts';
import { userOf, viewerOf } from '../guard.ts';
import { idParam, parse } from '../parse.ts';
import { ids, leagueParams, type RouteDocs } from '../openapi/route-doc.ts';
import { draftSummary, draftView } from '../openapi/replies.ts';

const MAX_ROUNDS = 40;
const MAX_TEAMS = 32;
const MAX_LIST = 200;
/** Lower-cased like path ids, so a body and a path naming one team always agree. */
const id = z.uuid().transform((value) => value.toLowerCase());
const round = z.number().int().min(1).max(MAX_ROUNDS);
const position = z.string().regex(/^[A-Za-z0-9]{1,4}$/, '1-4 letters or digits');

const maxPerPosition = z.record(position, z.number().int().min(0).max(100))
  .refine((limits) => Object.keys(limits).length <= 20, 'at most 20 positions');

const rosterRules = z.object({
  maxPerPosition,
  total: z.number().int().min(1).max(100).optional(),
});

const order = z.array(id).min(1).max(MAX_TEAMS);
const scheduledAt = isoTime;

/** Snake-style drafts: picks in turn. */
const newSnakeDraft = z.object({
  type: z.enum(['snake', 'linear', '3rr']),
  rounds: round.optional(),
  pickSeconds: z.number().int().min(0).max(3600).optional(),
  order: order.optional(),
  rosterRules: rosterRules.optional(),
  keepers: z.array(z.object({ teamId: id, playerId: id, round })).max(MAX_LIST).optional(),
  tradedPicks: z.array(z.object({ round, fromTeamId: id, toTeamId: id })).max(MAX_LIST).optional(),
  bots: z.boolean().optional(),
  scheduledAt: scheduledAt.optional(),
  sport: z.enum(SPORTS).optional(),
  season: z.number().int().min(2000).max(2200).optional()
    .meta({ description: "The season (year) drafted; default the year of `scheduledAt`, else this year. The league's trades of that season's picks become `tradedPicks` (they win over the request's for the same pick)." }),
});

/**
 * Whole dollars of at least `min`; the budget-against-roster check is the service's. At most
 * 65,535: the room state carries dollars as uint16 (schema/AuctionRoomState.ts), the wire type
 * clients decoding into the schema classes were built with; a larger budget came out wrapped there.
 */
const MAX_DOLLARS = 65_535;
const dollars = (min: number) => z.number().int().min(min).max(MAX_DOLLARS);
const seconds = (min: number) => z.number().int().min(min).max(3600);

/** Auction drafts: nominations and bids; the amounts and clocks have the pure rules' limits. */
const newAuction = z.object({
  type: z.literal('auction'),
  budget: dollars(1).optional(),
  minBid: dollars(1).optional(),
  increment: dollars(1).optional(),
  rosterSlots: z.number().int().min(1).max(MAX_ROUNDS).optional(),
  nominationSeconds: seconds(1).optional(),
  bidSeconds: seconds(1).optional(),
  resetFloorSeconds: seconds(0).optional(),
  order: order.optional(),
  rosterRules: z.object({ maxPerPosition }).optional(),
  bots: z.boolean().optional(),
  scheduledAt: scheduledAt.optional(),
});

const newDraft = z.discriminatedUnion('type', [newSnakeDraft, newAuction]);

export const draftDocs: RouteDocs = {
  tag: 'drafts',
  description: 'Snake, linear and third-round-reversal drafts and auctions; the rooms that run them are in docs/PROTOCOL.md.',
  routes: [
    {
      method: 'post', path: '/leagues/:id/drafts', summary: 'Create a draft or an auction (commissioner)', params: leagueParams, body: newDraft,
      description: "`type` picks the kind. Unset settings take the sport's defaults (docs/PROTOCOL.md, \"Drafts over REST\", \"Auctions over REST\"). "
        + '`429 QUOTA_EXCEEDED` past MAX_OPEN_DRAFTS_PER_USER (no Retry-After) or MAX_CREATES_PER_HOUR (with Retry-After).',
      replies: { 201: { description: 'The draft as GET /drafts/{id} shows it.', schema: draftView } }, errors: [403, 409, 429],
    },
    {
      method: 'get', path: '/leagues/:id/drafts', summary: "A league's drafts", params: leagueParams,
      replies: { 200: { description: 'Newest first.', schema: z.object({ items: z.array(draftSummary) }) } },
    },
    {
      method: 'get', path: '/drafts/:id', summary: 'One draft or auction', params: ids(['id', 'Draft']),
      description: 'A draft: its order, every pick so far and, once complete, the result. An auction: every lot with its bids and each team\'s budget; proxy maxima are never shown.',
      replies: { 200: { description: 'The draft (`Draft`) or auction (`Auction`).', schema: draftView } },
    },
  ],
};

export function draftRoutes(deps: { em: () => EntityManager; quotas: Quotas; scheduling: Scheduling }): Router {
  const router = Router();

  router.post('/leagues/:id/drafts', async (req, res) => {
    const leagueId = idParam(req.params.id, 'League');
    const body = parse(newDraft, req.body);
    const { userId } = userOf(req);
    res.status(201).json(await deps.quotas.create(deps.em(), userId, 'draft', async (): Promise<unknown> => (body.type === 'auction'
      ? createAuction(deps.em(), deps.scheduling, leagueId, userId, body)
      : createDraft(deps.em(), deps.scheduling, leagueId, userId, body))));
  });

  router.get('/leagues/:id/drafts', async (req, res) => {
    res.json({ items: await listDrafts(deps.em(), idParam(req.params.id, 'League')) });
  });

  router.get('/drafts/:id', async (req, res) => {
    const em = deps.em();
    const draft = await findDraft(em, idParam(req.params.id, 'Draft'));
    // A draft of a league the user may not see answers as an unknown draft.
    await requireVisible(em, draft.league, viewerOf(req), 'Draft');
    res.json(draft.kind === 'auction' ? await getAuctionView(em, draft.id) : await getDraft(em, draft.id));
  });

  return router;
}
