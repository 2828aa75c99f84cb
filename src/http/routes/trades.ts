import { Router, type Request } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { acceptTrade, closeTrade, counterTrade, listTrades, proposeTrade, reviewTrade } from '../../transactions/trade-service.ts';
import { listPicks } from '../../transactions/pick-book.ts';
import { tradeReviewScheduled } from '../../jobs/trade-reviews.ts';
import type { Scheduling } from '../../jobs/types.ts';
import { userOf, viewerOf } from '../guard.ts';
import { idParam, parse } from '../parse.ts';
import { ids, leagueParams, type RouteDocs } from '../openapi/route-doc.ts';
import { leaguePicks, trade, tradeList } from '../openapi/replies-transactions.ts';

const id = z.uuid().transform((value) => value.toLowerCase());
const MAX_PLAYERS = 15;
const players = z.array(id).max(MAX_PLAYERS);
const MAX_PICKS = 30;
const draftPick = z.object({
  season: z.number().int().min(2000).max(2200).meta({ description: 'The year of the draft.' }),
  round: z.number().int().min(1).max(100),
  originalTeamId: id.meta({ description: 'The team whose pick it was to begin with (its slot in the draft order).' }),
}).strict();
const picks = z.array(draftPick).max(MAX_PICKS);

const terms = z.object({
  gives: players.default([]).meta({ description: 'Players your team gives.' }),
  gets: players.default([]).meta({ description: 'Players your team gets.' }),
  givesPicks: picks.default([]).meta({ description: 'Future draft picks your team gives (GET /leagues/:id/picks lists who holds which).' }),
  getsPicks: picks.default([]).meta({ description: 'Future draft picks your team gets.' }),
  drops: players.optional().meta({ description: 'Players your team drops at execution to stay within the roster limits.' }),
}).strict();
const proposal = terms.extend({ teamId: id.meta({ description: 'The team the offer goes to.' }) }).strict();
const acceptance = z.object({ drops: players.optional() }).strict();

const tradeParams = ids(['id', 'League'], ['tradeId', 'Trade']);
const CLOSED = '409 `TRADE_CLOSED` once it is no longer open (its `status` and `reason` in `details`).';
const step = (path: string, summary: string, description: string, body?: z.ZodType) => ({
  method: 'post' as const, path: `/leagues/:id/trades/:tradeId/${path}`, summary, params: tradeParams, description, ...(body ? { body } : {}),
  replies: { 200: { description: 'The trade now.', schema: trade } }, errors: [403, 409],
});

export const tradeDocs: RouteDocs = {
  tag: 'trades',
  description: 'Trades between teams: offers, counters, review (commissioner or league veto), execution (PROTOCOL "Trades").',
  routes: [
    {
      method: 'post', path: '/leagues/:id/trades', summary: 'Offer a trade to another team (a manager)', params: leagueParams, body: proposal,
      description: 'Refusals (409): `SAME_TEAM`, `EMPTY_TRADE`, `PLAYER_NOT_ON_TEAM`, `DROP_NOT_ON_ROSTER`, `PICK_NOT_OWNED` (a pick the side does not hold, or of a season already drafted), `DUPLICATE_PICK`, `TRADE_DEADLINE_PASSED`, `LEAGUE_ARCHIVED`.',
      replies: { 201: { description: 'The offer (status `proposed`).', schema: trade } }, errors: [403, 409],
    },
    {
      method: 'get', path: '/leagues/:id/trades', summary: "The league's trades", params: leagueParams,
      description: 'An offer never accepted (open, rejected, withdrawn, countered, or voided before acceptance) only to the two teams; accepted ones (in review, and whatever became of them) to every viewer.',
      replies: { 200: { description: 'Newest first.', schema: tradeList } },
    },
    {
      method: 'get', path: '/leagues/:id/picks', summary: "Who holds the league's future draft picks", params: leagueParams,
      description: 'Every team starts with its own pick in each round of this season and the next two (a season the league has a draft for already is used); executed trades move them. A later draft for a season makes the traded ones its `tradedPicks`.',
      replies: { 200: { description: 'The tradeable seasons and rounds, and each team\'s picks in them.', schema: leaguePicks } },
    },
    step('accept', 'Accept an offer (the receiving manager)', 'Executed at once when the league reviews no trades, else into review. Checked against the rosters now: '
      + '`PLAYER_NOT_ON_TEAM`, `PICK_NOT_OWNED`, `ROSTER_FULL` / `POSITION_LIMIT` (name `drops`), `TRADE_DEADLINE_PASSED`. ' + CLOSED, acceptance),
    step('reject', 'Reject an offer (the receiving manager)', CLOSED),
    step('cancel', 'Withdraw an offer (the proposing manager)', CLOSED),
    step('counter', 'Counter an offer with other terms (the receiving manager)', 'The offer becomes `countered`; the answer is a new offer the other way (`counterOf` names the first); `gives`/`gets` as your team sees them. ' + CLOSED, terms),
    step('approve', 'Approve a trade in review (the commissioner)', 'Executes it, checked against the rosters now (a trade that can no longer happen is `void`, with the reason). `NOT_IN_REVIEW` before acceptance. ' + CLOSED),
    step('veto', 'Veto a trade in review', 'The commissioner vetoes at once; in a league-veto league a manager of a third team votes against it (`ALREADY_VOTED`), and `vetoVotes` votes veto it. ' + CLOSED),
  ],
};

/** Trades (PROTOCOL "Trades"). */
export function tradeRoutes(deps: { em: () => EntityManager; scheduling: Scheduling }): Router {
  const router = Router();
  const now = () => deps.scheduling.now();
  const ref = (req: Request) => ({ leagueId: idParam(req.params.id, 'League'), tradeId: idParam(req.params.tradeId, 'Trade'), userId: userOf(req).userId });

  router.post('/leagues/:id/trades', async (req, res) => {
    const offer = parse(proposal, req.body);
    res.status(201).json(await proposeTrade(deps.em(), idParam(req.params.id, 'League'), userOf(req).userId, offer, now()));
  });

  router.get('/leagues/:id/picks', async (req, res) => {
    res.json(await listPicks(deps.em(), idParam(req.params.id, 'League'), now()));
  });

  router.get('/leagues/:id/trades', async (req, res) => {
    res.json(await listTrades(deps.em(), idParam(req.params.id, 'League'), viewerOf(req)));
  });

  router.post('/leagues/:id/trades/:tradeId/accept', async (req, res) => {
    const { drops } = parse(acceptance, req.body);
    const { leagueId, tradeId, userId } = ref(req);
    const accepted = await acceptTrade(deps.em(), leagueId, tradeId, userId, drops ?? [], now());
    await tradeReviewScheduled(deps.scheduling, leagueId, accepted);
    res.json(accepted);
  });

  for (const [path, how] of [['reject', 'rejected'], ['cancel', 'cancelled']] as const) {
    router.post(`/leagues/:id/trades/:tradeId/${path}`, async (req, res) => {
      const { leagueId, tradeId, userId } = ref(req);
      res.json(await closeTrade(deps.em(), leagueId, tradeId, userId, how, now()));
    });
  }

  router.post('/leagues/:id/trades/:tradeId/counter', async (req, res) => {
    const offer = parse(terms, req.body);
    const { leagueId, tradeId, userId } = ref(req);
    res.json(await counterTrade(deps.em(), leagueId, tradeId, userId, offer, now()));
  });

  for (const verdict of ['approve', 'veto'] as const) {
    router.post(`/leagues/:id/trades/:tradeId/${verdict}`, async (req, res) => {
      const { leagueId, tradeId, userId } = ref(req);
      res.json(await reviewTrade(deps.em(), leagueId, tradeId, userId, verdict, now()));
    });
  }

  return router;
}
