import { z } from 'zod';
import { SPORTS } from '../../players/types.ts';
import { ACQUISITIONS, BASEBALL_RULES, DRAFT_KINDS, DRAFT_STATUSES, ROLES, VISIBILITIES } from '../../db/entities/index.ts';
import type { JobState } from '../../jobs/types.ts';

/**
 * The shapes of the API's replies, for the OpenAPI document. The services return plain objects
 * (no zod on the way out), so these describe them; test/http/openapi.test.ts checks real replies
 * against them. Every `id` below becomes a component of the document.
 */

/** Ids the server made (crypto.randomUUID), lower case. */
export const uuid = z.uuid().meta({ id: 'Uuid' });
/** Dates go out as JSON does them: ISO 8601 in UTC. */
export const time = z.iso.datetime().meta({ id: 'Time' });
export const nextCursor = z.string().nullable().meta({ description: 'Fetches the next page; null on the last one.' });

/** `{error: {code, message, details?}}`: the one error shape (src/http/errors.ts). */
export const errorReply = z.object({
  error: z.object({
    code: z.string().meta({ examples: ['INVALID_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED'] }),
    message: z.string(),
    details: z.unknown().optional().meta({ description: '400 INVALID_INPUT: `{fields: [{path, message}]}`; other codes may add their own.' }),
  }),
}).meta({ id: 'Error' });

export const session = z.object({
  token: z.string().meta({ description: 'The access token again, under its name from before refresh tokens (kept for older clients).' }),
  accessToken: z.string().meta({ description: 'A short-lived bearer token (JWT, HS256) for `Authorization: Bearer <token>` and room joins.' }),
  expiresIn: z.number().int().meta({ description: 'Seconds until the access token expires (ACCESS_TOKEN_TTL_SECONDS).' }),
  refreshToken: z.string().meta({ description: 'Single use: `POST /api/v1/auth/refresh` trades it for a new pair. Keep it secret; a reuse ends the session.' }),
  refreshExpiresIn: z.number().int().meta({ description: 'Seconds until the refresh token expires (REFRESH_TOKEN_TTL_SECONDS).' }),
  user: z.object({ id: uuid, username: z.string() }),
}).meta({ id: 'Session' });

export const me = z.object({
  id: uuid,
  username: z.string(),
  isAdmin: z.boolean(),
  createdAt: time,
  leagues: z.array(z.object({ id: uuid, name: z.string(), sport: z.enum(SPORTS), role: z.string() })),
  teams: z.array(z.object({ id: uuid, name: z.string(), leagueId: uuid })),
}).meta({ id: 'Me' });

export const apiKey = z.object({
  id: uuid,
  name: z.string(),
  prefix: z.string().meta({ description: 'The first characters of the key, to tell keys apart.' }),
  createdAt: time,
  lastUsedAt: time.nullable().meta({ description: 'To the minute.' }),
}).meta({ id: 'ApiKey' });

export const newApiKey = apiKey.extend({
  key: z.string().meta({ description: 'The key itself (`ck_...`), shown this once: only its hash is stored.' }),
}).meta({ id: 'NewApiKey' });

// ----------------------------------------------------------------------------------- leagues

export const league = z.object({
  id: uuid,
  name: z.string(),
  sport: z.enum(SPORTS),
  createdBy: uuid,
  createdAt: time,
  baseballRules: z.enum(BASEBALL_RULES).optional().meta({ description: 'Baseball leagues only.' }),
  visibility: z.enum(VISIBILITIES).meta({ description: 'public: every signed-in user may see it and spectate; private: members only.' }),
  inviteCode: z.string().optional().meta({ description: 'Shown to the commissioner only.' }),
}).meta({ id: 'League' });

export const myLeague = league.extend({ role: z.enum(ROLES) }).meta({ id: 'MyLeague' });
export const leagueDetail = league.extend({
  role: z.enum(ROLES).nullable().meta({ description: "The caller's role; null for a user who is not a member (of a public league)." }),
  teams: z.int(),
  members: z.int(),
}).meta({ id: 'LeagueDetail' });

const rosterEntry = z.object({
  playerId: uuid,
  name: z.string().nullable(),
  positions: z.array(z.string()),
  acquiredVia: z.enum(ACQUISITIONS),
  sourceId: uuid.nullable().meta({ description: 'The draft (or other event) the player came from.' }),
  acquiredAt: time,
}).meta({ id: 'RosterEntry' });

export const team = z.object({
  id: uuid,
  leagueId: uuid,
  name: z.string(),
  ownerId: uuid.nullable().meta({ description: 'The manager; null while the team is open.' }),
  park: z.string().nullable().meta({ description: 'Baseball: the id of the park of its home games (docs/baseball.md "Ballparks"); null: a neutral park.' }),
  roster: z.array(rosterEntry),
}).meta({ id: 'Team' });

export const teamWithOwner = team.extend({ ownerName: z.string().nullable() }).meta({ id: 'TeamWithOwner' });
export const joined = z.object({ league, team }).meta({ id: 'Joined' });
export const rosterAdded = z.object({
  teamId: uuid, added: z.int().meta({ description: 'Players newly on the team.' }),
  transactionId: z.int().nullable().meta({ description: 'The log entry of the move (null when nobody was added).' }),
});

// ----------------------------------------------------------------------------------- players

export const player = z.object({
  id: uuid,
  externalId: z.string(),
  sport: z.enum(SPORTS),
  name: z.string(),
  positions: z.array(z.string()).meta({ description: 'Eligible positions; the first is the primary one.' }),
  team: z.string().meta({ description: 'Real-world club.' }),
  rank: z.int(),
  adp: z.number(),
  attributes: z.record(z.string(), z.unknown()).meta({ description: 'Sport-specific data (baseball: card ratings).' }),
}).meta({ id: 'Player' });

export const playerPage = z.object({ items: z.array(player), nextCursor }).meta({ id: 'PlayerPage' });

// ------------------------------------------------------------------------------------ drafts

export const draftSummary = z.object({
  id: uuid,
  leagueId: uuid,
  sport: z.enum(SPORTS),
  type: z.enum(DRAFT_KINDS),
  status: z.enum(DRAFT_STATUSES),
  bots: z.boolean(),
  scheduledAt: time.nullable(),
  createdAt: time,
  completedAt: time.nullable(),
  raceId: uuid.nullable().meta({ description: "An F1 race draft's race (its picks are the teams' drivers for that race only); null otherwise." }),
  season: z.int().nullable().meta({ description: 'The season (year) a snake-style draft is for: the picks of it traded in the league are its `config.tradedPicks`; null for other drafts.' }),
  config: z.record(z.string(), z.unknown()).meta({
    description: 'The settings of its kind: rounds, pickSeconds, rosterRules, keepers, tradedPicks; auctions: budget, minBid, increment, rosterSlots, clocks, rosterRules.',
  }),
}).meta({ id: 'DraftSummary' });

const orderEntry = z.object({ teamId: uuid, name: z.string().nullable(), ownerId: uuid.nullable() });
const loose = (description: string) => z.array(z.record(z.string(), z.unknown())).meta({ description });

export const draftView = z.union([
  draftSummary.extend({
    order: z.array(orderEntry),
    picks: loose('Every pick so far: {overall, round, teamId, playerId, playerName, positions, auto, keeper, pickedAt}; keepers from the creation on (pickedAt null until the start).'),
    skips: loose('Picks passed over because the team had no legal player left: {overall, round, teamId, reason (ROSTER_FULL|NO_ELIGIBLE_PLAYER), message}.'),
    result: loose("Once complete, each team's players; null before.").nullable(),
  }).meta({ id: 'Draft' }),
  draftSummary.extend({
    order: z.array(orderEntry),
    lots: loose('Every lot: {number, playerId, playerName, nominator, status, winner, price, closedAt, bids: [{teamId, amount, at, proxy}]}.'),
    teams: loose('Each team: {teamId, name, ownerId, budget, openSlots, maxBid, won}.'),
    result: loose("Once complete, each team's purchases; null before.").nullable(),
  }).meta({ id: 'Auction' }),
]);

// ---------------------------------------------------------------------------------- the rest

export const health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['up', 'down']),
  redis: z.enum(['up', 'down', 'disabled']),
  storage: z.enum(['embedded', 'postgresql']),
  uptimeSeconds: z.int(),
}).meta({ id: 'Health' });

// -------------------------------------------------------------------------------------- jobs

export const ingestAccepted = z.object({
  jobId: z.string().meta({ description: 'The ingest job: GET /api/v1/ingest/jobs/{jobId} follows it (also the `Location` header).' }),
  accepted: z.int().meta({ description: 'Feed lines in the batch.' }),
}).meta({ id: 'IngestAccepted' });

export const job = z.object({
  id: z.string(),
  queue: z.string(),
  state: z.enum(['waiting', 'delayed', 'active', 'completed', 'failed'] as const satisfies readonly JobState[]),
  attempts: z.int(),
  maxAttempts: z.int(),
  result: z.unknown().meta({ description: 'An ingest job: {stored, duplicates, unknownPlayers, scoreJobId}; a score job: {scores}; null until completed.' }),
  failedReason: z.string().nullable().meta({ description: 'Why the last attempt failed; a `delayed` job retries.' }),
  createdAt: time,
  finishedAt: time.nullable(),
}).meta({ id: 'Job' });

export const failedJob = job.extend({ data: z.unknown().meta({ description: 'What the job was given, to see why and to send it again.' }) }).meta({ id: 'FailedJob' });
