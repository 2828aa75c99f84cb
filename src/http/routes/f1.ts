import { Router } from 'express';
import { z } from 'zod';
import { isoTime } from '../../time-input.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RACE_ORDER_MODES } from '../../db/entities/index.ts';
import { PERIOD_FORMATS } from '../../scoring/ingest.ts';
import { addRace, listRaces, moveRace } from '../../f1/calendar.ts';
import { putRaceSettings } from '../../f1/settings.ts';
import { leagueRaces } from '../../f1/race-drafts.ts';
import { leaderboard } from '../../f1/leaderboard.ts';
import { raceDraftsChanged } from '../../jobs/race-drafts.ts';
import { publishRaceMoved, publishRaceSettingsChanged } from '../../league-live/race-pushes.ts';
import { requireAdmin } from '../../ingest/access.ts';
import type { Scheduling } from '../../jobs/types.ts';
import { userOf } from '../guard.ts';
import { idParam, parse } from '../parse.ts';
import { ids, leagueParams, type RouteDocs } from '../openapi/route-doc.ts';
import { race, races, leaderboard as leaderboardReply, leagueRaces as leagueRacesReply, raceSettings } from '../openapi/replies-f1.ts';

/** Fantasy F1 race weekends (docs/PROTOCOL.md "Fantasy F1 race weekends"). */

const season = z.number().int().min(2000).max(2100);
const at = isoTime;
const id = z.uuid().transform((value) => value.toLowerCase());

const racesQuery = z.object({ season: z.coerce.number().int().min(2000).max(2100).optional() });

const newRace = z.strictObject({
  season,
  round: z.number().int().min(1).max(40),
  name: z.string().trim().min(1).max(60),
  circuit: z.string().trim().min(1).max(80),
  country: z.string().trim().min(1).max(60),
  startsAt: at,
  locksAt: at.optional(),
  period: PERIOD_FORMATS.f1.optional(),
});

const raceMove = z.strictObject({ startsAt: at.optional(), locksAt: at.optional() })
  .refine((move) => move.startsAt !== undefined || move.locksAt !== undefined, { path: ['startsAt'], message: 'give startsAt, locksAt or both' });

const settingsBody = z.strictObject({
  season,
  draftLeadMinutes: z.number().int().min(1).max(14 * 24 * 60).optional(),
  orderMode: z.enum(RACE_ORDER_MODES).optional(),
  pickSeconds: z.number().int().min(5).max(3600).optional(),
  baseOrder: z.array(id).min(2).max(32).optional(),
});

const leaderboardQuery = z.object({ race: id.optional().meta({ description: 'A race id: that race alone.' }) });

const raceParams = ids(['raceId', 'Race']);
const notF1 = 'F1 leagues that play race weekends: other sports answer `400 NOT_SUPPORTED`, an F1 league without race settings `409 NO_RACE_WEEKENDS`.';

export const f1Docs: RouteDocs = {
  tag: 'f1',
  description: 'Fantasy F1 race weekends: the race calendar, per-race drafts of two drivers per team, per-race and season leaderboards.',
  routes: [
    {
      method: 'get', path: '/f1/races', summary: 'The race calendar', query: racesQuery,
      description: 'One calendar for every league, by season and round; `season` narrows it to one season.',
      replies: { 200: { description: 'Races by season and round.', schema: races } },
    },
    {
      method: 'post', path: '/f1/races', auth: 'admin', summary: 'Add a race', body: newRace,
      description: '`locksAt` (the start of qualifying) defaults to 23 h before `startsAt`; `period` to the name\'s first word and the season. Leagues racing that season get its draft scheduled.',
      replies: { 201: { description: 'The race.', schema: race } }, errors: [409],
    },
    {
      method: 'patch', path: '/f1/races/:raceId', auth: 'admin', summary: 'Move a race', params: raceParams, body: raceMove,
      description: 'New `startsAt` and/or `locksAt` (the lock moves with the start unless given). Every league\'s draft of it follows (opening and lock). `409 RACE_LOCKED` once its lock has passed.',
      replies: { 200: { description: 'The race.', schema: race } }, errors: [409],
    },
    {
      method: 'put', path: '/leagues/:id/f1/settings', summary: 'Play race weekends (commissioner)', params: leagueParams, body: settingsBody,
      description: `Sets the league's season and how its race drafts run: \`draftLeadMinutes\` before each lock (default 2880), \`orderMode\` \`rotate\` (default) or \`standings\` (last first), \`pickSeconds\` (default 60), \`baseOrder\` (round 1; default the teams in creation order). F1 leagues only (\`400 NOT_SUPPORTED\`); \`409 NO_SUCH_SEASON\` for a season without races.`,
      replies: { 200: { description: 'The settings.', schema: raceSettings } }, errors: [403, 409],
    },
    {
      method: 'get', path: '/leagues/:id/f1/races', summary: "The league's race weekends", params: leagueParams, description: notF1,
      replies: { 200: { description: 'Its settings and each race of its season with its draft (null until it opens at `draftOpensAt`).', schema: leagueRacesReply } }, errors: [400, 409],
    },
    {
      method: 'get', path: '/leagues/:id/f1/leaderboard', summary: 'Race and season leaderboard', params: leagueParams, query: leaderboardQuery, description: notF1,
      replies: { 200: { description: 'Without `race`: season totals and points per race. With it: that race, each team with its drivers and their points so far.', schema: leaderboardReply } },
      errors: [409],
    },
  ],
};

export function f1Routes(deps: { em: () => EntityManager; scheduling: Scheduling }): Router {
  const router = Router();

  router.get('/f1/races', async (req, res) => {
    res.json(await listRaces(deps.em(), parse(racesQuery, req.query).season));
  });

  router.post('/f1/races', requireAdmin, async (req, res) => {
    const created = await addRace(deps.em(), parse(newRace, req.body), deps.scheduling.now());
    await raceDraftsChanged(deps.scheduling);
    res.status(201).json(created);
  });

  router.patch('/f1/races/:raceId', requireAdmin, async (req, res) => {
    const raceId = idParam(req.params.raceId, 'Race');
    const moved = await moveRace(deps.em(), raceId, parse(raceMove, req.body), deps.scheduling.now());
    await raceDraftsChanged(deps.scheduling);
    await publishRaceMoved(deps.em(), moved.season);
    res.json(moved);
  });

  router.put('/leagues/:id/f1/settings', async (req, res) => {
    const leagueId = idParam(req.params.id, 'League');
    const body = parse(settingsBody, req.body);
    const settings = await putRaceSettings(deps.em(), leagueId, userOf(req).userId, body);
    await raceDraftsChanged(deps.scheduling);
    await publishRaceSettingsChanged(leagueId);
    res.json(settings);
  });

  router.get('/leagues/:id/f1/races', async (req, res) => {
    res.json(await leagueRaces(deps.em(), idParam(req.params.id, 'League')));
  });

  router.get('/leagues/:id/f1/leaderboard', async (req, res) => {
    res.json(await leaderboard(deps.em(), idParam(req.params.id, 'League'), parse(leaderboardQuery, req.query).race));
  });

  return router;
}
