import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { TRANSACTION_TYPES } from '../../db/entities/index.ts';
import { listTransactions } from '../../transactions/history.ts';
import { addFreeAgent, dropPlayer } from '../../transactions/moves.ts';
import { cancelClaim, createClaim, listClaims, listRuns, listWaivers, waiverStanding } from '../../transactions/waiver-service.ts';
import { waiversScheduled } from '../../jobs/waiver-runs.ts';
import type { Scheduling } from '../../jobs/types.ts';
import { userOf } from '../guard.ts';
import { idParam, parse } from '../parse.ts';
import { ids, leagueParams, type RouteDocs } from '../openapi/route-doc.ts';
import { claim, claimList, moveResult, transactionPage, waiverOrder, waiverPlayers, waiverRuns } from '../openapi/replies-transactions.ts';

const id = z.uuid().transform((value) => value.toLowerCase());
const MAX_PAGE = 200;

const historyQuery = z.object({
  teamId: id.optional(),
  type: z.enum(TRANSACTION_TYPES).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  cursor: z.string().max(200).optional(),
}).strict();

const addBody = z.object({ playerId: id, dropPlayerId: id.optional() }).strict();
const dropBody = z.object({ playerId: id }).strict();
const claimBody = z.object({
  playerId: id, dropPlayerId: id.optional(),
  bid: z.number().int().min(0).max(100_000).optional().meta({ description: 'FAAB leagues only (and required there).' }),
}).strict();

const teamParams = ids(['id', 'League'], ['teamId', 'Team']);
const codes = (list: string) => `Refusals (409, nothing changes): ${list}.`;

export const transactionDocs: RouteDocs = {
  tag: 'transactions',
  description: 'The league transaction log, free-agent adds and drops, waivers (PROTOCOL "Transactions").',
  routes: [
    {
      method: 'get', path: '/leagues/:id/transactions', summary: "The league's transaction log, newest first", params: leagueParams, query: historyQuery,
      description: 'Every add, drop, waiver claim, trade, draft pick joining a roster, commissioner move and league administration change. Never edited, never deleted.',
      replies: { 200: { description: 'A page of entries.', schema: transactionPage } },
    },
    {
      method: 'post', path: '/leagues/:id/teams/:teamId/adds', summary: 'Add a free agent (the team\'s manager)', params: teamParams, body: addBody,
      description: `At once. ${codes('`PLAYER_TAKEN`, `ALREADY_ON_ROSTER`, `ON_WAIVERS` (claim him instead), `DROP_NOT_ON_ROSTER`, `ROSTER_FULL` / `POSITION_LIMIT` (name a `dropPlayerId`), `LEAGUE_ARCHIVED`')} The dropped player goes on waivers.`,
      replies: { 201: { description: 'The log entry\'s moves.', schema: moveResult } }, errors: [403, 409],
    },
    {
      method: 'post', path: '/leagues/:id/teams/:teamId/drops', summary: 'Drop a player (the team\'s manager)', params: teamParams, body: dropBody,
      description: `He goes on waivers until the first waiver run after the waiver period. ${codes('`NOT_ON_ROSTER`, `LEAGUE_ARCHIVED`')}`,
      replies: { 201: { description: 'The log entry\'s moves.', schema: moveResult } }, errors: [403, 409],
    },
    {
      method: 'get', path: '/leagues/:id/waivers', summary: 'Players on waivers', params: leagueParams,
      replies: { 200: { description: 'Each with the time his waivers clear (the run that settles his claims).', schema: waiverPlayers } },
    },
    {
      method: 'get', path: '/leagues/:id/waivers/order', summary: 'The waiver order (and FAAB left)', params: leagueParams,
      replies: { 200: { description: 'Teams, first claim first.', schema: waiverOrder } },
    },
    {
      method: 'get', path: '/leagues/:id/waivers/runs', summary: 'Processed waiver runs', params: leagueParams,
      replies: { 200: { description: 'Newest first, each claim with its outcome (public once processed).', schema: waiverRuns } },
    },
    {
      method: 'get', path: '/leagues/:id/teams/:teamId/claims', summary: "A team's waiver claims (its manager only)", params: teamParams,
      description: 'Claims are private to their team: anyone else, the commissioner included, gets 403.',
      replies: { 200: { description: 'Newest first.', schema: claimList } }, errors: [403],
    },
    {
      method: 'post', path: '/leagues/:id/teams/:teamId/claims', summary: 'Claim a player on waivers (the team\'s manager)', params: teamParams, body: claimBody,
      description: `Settled by the next waiver run. ${codes('`PLAYER_TAKEN`, `NOT_ON_WAIVERS` (a free agent: add him), `ALREADY_CLAIMED`, `DROP_NOT_ON_ROSTER`, `INSUFFICIENT_BUDGET`, `ROSTER_FULL` / `POSITION_LIMIT`')}`,
      replies: { 201: { description: 'The pending claim.', schema: claim } }, errors: [403, 409],
    },
    {
      method: 'delete', path: '/leagues/:id/teams/:teamId/claims/:claimId', summary: 'Withdraw a pending claim (the team\'s manager)',
      params: ids(['id', 'League'], ['teamId', 'Team'], ['claimId', 'Claim']),
      replies: { 204: { description: 'Withdrawn.' } }, errors: [403],
    },
  ],
};

/** The transaction log, free agents and waivers (PROTOCOL "Transactions"). */
export function transactionRoutes(deps: { em: () => EntityManager; scheduling: Scheduling }): Router {
  const router = Router();
  const now = () => deps.scheduling.now();
  const params = (req: { params: Record<string, string | string[] | undefined> }) => ({
    leagueId: idParam(req.params.id, 'League'), teamId: idParam(req.params.teamId, 'Team'),
  });

  router.get('/leagues/:id/transactions', async (req, res) => {
    res.json(await listTransactions(deps.em(), idParam(req.params.id, 'League'), parse(historyQuery, req.query)));
  });

  router.post('/leagues/:id/teams/:teamId/adds', async (req, res) => {
    const body = parse(addBody, req.body);
    const result = await addFreeAgent(deps.em(), { ...params(req), userId: userOf(req).userId, ...body, now: now() });
    await waiversScheduled(deps.scheduling, params(req).leagueId, result.waiverRunAt);
    res.status(201).json(result);
  });

  router.post('/leagues/:id/teams/:teamId/drops', async (req, res) => {
    const body = parse(dropBody, req.body);
    const result = await dropPlayer(deps.em(), { ...params(req), userId: userOf(req).userId, ...body, now: now() });
    await waiversScheduled(deps.scheduling, params(req).leagueId, result.waiverRunAt);
    res.status(201).json(result);
  });

  router.get('/leagues/:id/waivers', async (req, res) => {
    res.json(await listWaivers(deps.em(), idParam(req.params.id, 'League')));
  });

  router.get('/leagues/:id/waivers/order', async (req, res) => {
    res.json(await waiverStanding(deps.em(), idParam(req.params.id, 'League')));
  });

  router.get('/leagues/:id/waivers/runs', async (req, res) => {
    res.json(await listRuns(deps.em(), idParam(req.params.id, 'League')));
  });

  router.get('/leagues/:id/teams/:teamId/claims', async (req, res) => {
    const { leagueId, teamId } = params(req);
    res.json(await listClaims(deps.em(), leagueId, teamId, userOf(req).userId));
  });

  router.post('/leagues/:id/teams/:teamId/claims', async (req, res) => {
    const body = parse(claimBody, req.body);
    res.status(201).json(await createClaim(deps.em(), { ...params(req), userId: userOf(req).userId, ...body, now: now() }));
  });

  router.delete('/leagues/:id/teams/:teamId/claims/:claimId', async (req, res) => {
    const { leagueId, teamId } = params(req);
    await cancelClaim(deps.em(), leagueId, teamId, idParam(req.params.claimId, 'Claim'), userOf(req).userId, now());
    res.status(204).end();
  });

  return router;
}
