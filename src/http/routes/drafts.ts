import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createDraft, getDraft, listDrafts } from '../../draft/service.ts';
import { userOf } from '../guard.ts';
import { idParam, parse } from '../parse.ts';

const MAX_ROUNDS = 40;
const MAX_TEAMS = 32;
const MAX_LIST = 200;
/** Lower-cased like path ids, so a body and a path naming one team always agree. */
const id = z.uuid().transform((value) => value.toLowerCase());
const round = z.number().int().min(1).max(MAX_ROUNDS);
const position = z.string().regex(/^[A-Za-z0-9]{1,4}$/, '1-4 letters or digits');

const rosterRules = z.object({
  maxPerPosition: z.record(position, z.number().int().min(0).max(100))
    .refine((limits) => Object.keys(limits).length <= 20, 'at most 20 positions'),
  total: z.number().int().min(1).max(100).optional(),
});

/** Snake-style drafts only: auction drafts get their own body when the auction room exists. */
const newDraft = z.object({
  type: z.enum(['snake', 'linear', '3rr']),
  rounds: round.optional(),
  pickSeconds: z.number().int().min(0).max(3600).optional(),
  order: z.array(id).min(1).max(MAX_TEAMS).optional(),
  rosterRules: rosterRules.optional(),
  keepers: z.array(z.object({ teamId: id, playerId: id, round })).max(MAX_LIST).optional(),
  tradedPicks: z.array(z.object({ round, fromTeamId: id, toTeamId: id })).max(MAX_LIST).optional(),
  bots: z.boolean().optional(),
  scheduledAt: z.iso.datetime({ offset: true }).optional(),
});

export function draftRoutes(deps: { em: () => EntityManager }): Router {
  const router = Router();

  router.post('/leagues/:id/drafts', async (req, res) => {
    const leagueId = idParam(req.params.id, 'League');
    res.status(201).json(await createDraft(deps.em(), leagueId, userOf(req).userId, parse(newDraft, req.body)));
  });

  router.get('/leagues/:id/drafts', async (req, res) => {
    res.json({ items: await listDrafts(deps.em(), idParam(req.params.id, 'League')) });
  });

  router.get('/drafts/:id', async (req, res) => {
    res.json(await getDraft(deps.em(), idParam(req.params.id, 'Draft')));
  });

  return router;
}
