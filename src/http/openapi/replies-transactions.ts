import { z } from 'zod';
import { CLAIM_STATUSES, TRADE_STATUSES, TRANSACTION_TYPES, VISIBILITIES } from '../../db/entities/index.ts';
import { transactionSettings } from '../../transactions/settings.ts';
import { nextCursor, time, uuid } from './replies.ts';

/** Reply shapes of the transaction routes (src/http/routes/transactions.ts, trades.ts, league-admin.ts). */

export const rosterMove = z.object({
  playerId: uuid,
  fromTeamId: uuid.nullable().meta({ description: 'null: from the pool (a free agent, a waiver claim, a draft pick).' }),
  toTeamId: uuid.nullable().meta({ description: 'null: dropped to the pool.' }),
}).meta({ id: 'RosterMove' });

export const transaction = z.object({
  id: z.int().meta({ description: 'The log\'s order: later entries have larger ids.' }),
  type: z.enum(TRANSACTION_TYPES),
  actorId: uuid.nullable().meta({ description: 'Who did it; null for the system.' }),
  teamIds: z.array(uuid),
  moves: z.array(rosterMove),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  at: time,
}).meta({ id: 'LeagueTransaction' });

export const transactionPage = z.object({ items: z.array(transaction), nextCursor }).meta({ id: 'LeagueTransactionPage' });

export const moveResult = z.object({
  transactionId: z.int(),
  moves: z.array(rosterMove),
  waiverRunAt: time.nullable().meta({ description: 'When players dropped here clear waivers (null: none went on waivers).' }),
}).meta({ id: 'MoveResult' });

export const waiverPlayers = z.object({
  items: z.array(z.object({ playerId: uuid, fromTeamId: uuid.nullable(), clearsAt: time })),
}).meta({ id: 'WaiverPlayers' });

export const waiverOrder = z.object({
  type: z.enum(['rolling', 'reverse-standings', 'faab']),
  items: z.array(z.object({ teamId: uuid, priority: z.int(), faabLeft: z.int().optional() })),
}).meta({ id: 'WaiverOrder' });

export const claim = z.object({
  id: uuid, teamId: uuid, playerId: uuid, dropPlayerId: uuid.nullable(), bid: z.int().nullable(),
  status: z.enum(CLAIM_STATUSES), reason: z.string().nullable(), createdAt: time, processedAt: time.nullable(),
}).meta({ id: 'WaiverClaim' });

export const claimList = z.object({ items: z.array(claim) }).meta({ id: 'WaiverClaims' });

const claimOutcome = z.object({
  claimId: uuid, teamId: uuid, playerId: uuid, status: z.enum(['won', 'lost', 'failed']),
  reason: z.string().nullable(), bid: z.int().nullable(), dropPlayerId: uuid.nullable(),
});

export const waiverRuns = z.object({
  items: z.array(z.object({ id: uuid, runAt: time, processedAt: time, outcomes: z.array(claimOutcome), order: z.array(uuid) })),
}).meta({ id: 'WaiverRuns' });

export const draftPick = z.object({
  season: z.int().meta({ description: 'The year of the draft.' }), round: z.int(),
  originalTeamId: uuid.meta({ description: 'The team whose pick it was to begin with.' }),
}).meta({ id: 'DraftPickAsset' });

export const leaguePicks = z.object({
  seasons: z.array(z.int()).meta({ description: 'Seasons whose picks can be traded now.' }),
  rounds: z.int(),
  teams: z.array(z.object({ teamId: uuid, name: z.string(), picks: z.array(draftPick) })),
}).meta({ id: 'LeaguePicks' });

export const trade = z.object({
  id: uuid, leagueId: uuid, fromTeamId: uuid, toTeamId: uuid,
  gives: z.array(uuid), gets: z.array(uuid), fromDrops: z.array(uuid), toDrops: z.array(uuid),
  givesPicks: z.array(draftPick), getsPicks: z.array(draftPick),
  status: z.enum(TRADE_STATUSES), reason: z.string().nullable(), counterOf: uuid.nullable(),
  vetoes: z.int().meta({ description: 'Votes against so far (league veto).' }),
  reviewEndsAt: time.nullable(), createdAt: time, decidedAt: time.nullable(),
  transactionId: z.int().optional().meta({ description: 'The `trade` log entry, in the reply of the step that executed it.' }),
}).meta({ id: 'Trade' });

export const tradeList = z.object({ items: z.array(trade) }).meta({ id: 'Trades' });

export const settingsReply = z.object({ id: uuid, settings: transactionSettings, archivedAt: time.nullable() }).meta({ id: 'LeagueSettings' });
export const editedReply = z.object({
  id: uuid, name: z.string(), visibility: z.enum(VISIBILITIES), settings: transactionSettings,
  changed: z.array(z.string()).meta({ description: 'What this edit changed (one `admin` log entry names them), empty when nothing did.' }),
}).meta({ id: 'LeagueEdited' });
export const teamReply = z.object({
  id: uuid, leagueId: uuid, name: z.string(), ownerId: uuid.nullable(),
  park: z.string().nullable().meta({ description: 'Baseball: the id of the park of its home games (docs/baseball.md "Ballparks"); null: a neutral park.' }),
}).meta({ id: 'TeamEdited' });
export const archivedReply = z.object({ id: uuid, archivedAt: time });
