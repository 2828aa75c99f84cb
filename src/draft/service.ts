import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  Draft, DraftPickRecord, Player, StreamEvent, auctionConfigOf, draftConfigOf, type DraftKind, type League, type Team,
} from '../db/entities/index.ts';
import type { Sport } from '../players/types.ts';
import { secureRng, shuffled } from '../dice/rng.ts';
import { badField, conflict, notFound } from '../errors.ts';
import { findLeague, requireCommissioner } from '../leagues/access.ts';
import { leagueTeams } from '../leagues/teams.ts';
import { SPORT_DEFAULTS } from './config.ts';
import { validateConfig } from './order.ts';
import { capacityProblem, type PoolPositions } from './capacity.ts';
import { draftScheduled } from '../jobs/scheduled-drafts.ts';
import type { Scheduling } from '../jobs/types.ts';
import { initialState, replay } from './state.ts';
import { readSharedPool } from './shared-pool.ts';
import { pickMovesOf } from '../transactions/pick-book.ts';
import { lockLeague } from '../transactions/book.ts';
import { draftTradedPicks } from '../transactions/picks.ts';
import { draftRoomReads, type DraftRow } from './room-reads.ts';
import type { DraftConfig, DraftEvent, DraftState, DraftType, Keeper, Pool, RosterRules, TradedPick } from './types.ts';

/** A draft request as the route has parsed it; everything but the type has a per-sport default. */
export interface NewDraftInput {
  type: DraftType;
  rounds?: number;
  pickSeconds?: number;
  order?: string[];
  rosterRules?: RosterRules;
  keepers?: Keeper[];
  tradedPicks?: TradedPick[];
  bots?: boolean;
  scheduledAt?: string;
  /** Draft another sport's pool than the league's own. */
  sport?: Sport;
  /** The season (a year) drafted: the picks of it traded in the league become traded picks. Default: the year it is scheduled for, else this year. */
  season?: number;
}

/** The league a new draft (of any kind) is for, and its teams: commissioner only, two teams at least. */
export async function draftableLeague(em: EntityManager, leagueId: string, userId: string): Promise<{ league: League; teams: Team[] }> {
  const league = await requireCommissioner(em, leagueId, userId);
  const teams = await leagueTeams(em, leagueId);
  if (teams.length < 2) throw conflict('A draft needs a league with at least two teams');
  return { league, teams };
}

/** The given order, or the league's teams in a secure random order. */
export function orderOrShuffled(order: string[] | undefined, teams: Team[]): string[] {
  return order ?? shuffled(secureRng(), teams.map((t) => t.id));
}

/**
 * Stores a new draft row of any kind; the caller has checked the config. Under the league's lock,
 * which a trade of draft picks holds from its check to its commit: `underLock` reads what the
 * league's trades decided (the traded picks) there, so the draft honours a trade that committed
 * before it, and a trade after it finds the draft's season drafted.
 */
export async function storeDraft(em: EntityManager, scheduling: Scheduling, row: {
  id: string; league: League; kind: DraftKind; config: Draft['config']; userId: string; bots?: boolean; scheduledAt?: string;
  /** The pool drafted from; the league's sport unless the request named another. */
  sport?: Sport;
  season?: number;
}, underLock: (tx: EntityManager) => Promise<void> = async () => undefined): Promise<void> {
  await em.transactional(async (tx) => {
    await lockLeague(tx, row.league.id);
    await underLock(tx);
    tx.create(Draft, {
      id: row.id, league: row.league.id, sport: row.sport ?? row.league.sport, kind: row.kind, config: row.config, bots: row.bots ?? false,
      scheduledAt: row.scheduledAt ? new Date(row.scheduledAt) : null, createdBy: row.userId, season: row.season ?? null,
    });
  });
  // Stored: a scheduled draft (or auction) gets the job that starts it at its time.
  if (row.scheduledAt) await draftScheduled(scheduling, row.id, new Date(row.scheduledAt));
}

export async function createDraft(em: EntityManager, scheduling: Scheduling, leagueId: string, userId: string, input: NewDraftInput) {
  const { league, teams } = await draftableLeague(em, leagueId, userId);
  // A league may draft another sport's pool (e.g. the weekly F1 drivers of a multi-sport league).
  const sport = input.sport ?? league.sport;
  const defaults = SPORT_DEFAULTS[sport];
  const rounds = input.rounds ?? defaults.rounds;
  const draftId = crypto.randomUUID();
  const order = orderOrShuffled(input.order, teams);
  const season = input.season ?? new Date(input.scheduledAt ? Date.parse(input.scheduledAt) : scheduling.now()).getUTCFullYear();
  const config: DraftConfig = {
    draftId,
    type: input.type,
    rounds,
    pickSeconds: input.pickSeconds ?? defaults.pickSeconds,
    order,
    rosterRules: input.rosterRules ?? defaults.rosterRules,
    keepers: input.keepers ?? [],
    tradedPicks: input.tradedPicks ?? [],
  };
  checkOrder(config.order, teams);
  await checkKeepersInPool(em, sport, config.keepers);
  const pool = await em.find(Player, { sport }, { fields: ['positions'] });
  const row = { id: draftId, league, kind: input.type, config, userId, bots: input.bots, scheduledAt: input.scheduledAt, sport, season };
  await storeDraft(em, scheduling, row, async (tx) => {
    // The league's own sport only: its trades moved picks of its drafts, not of another pool's.
    if (sport === league.sport) config.tradedPicks = withLoggedPicks(config.tradedPicks, draftTradedPicks(season, rounds, order, await pickMovesOf(tx, leagueId)));
    checkRules(config, pool, input.rosterRules ? 'rosterRules' : 'rounds');
  });
  return getDraft(em, draftId);
}

/**
 * The traded picks a new draft honours: those the league's trades moved (src/transactions/picks.ts),
 * and those the request states for picks no trade moved (a commissioner recording a trade made
 * outside the app). For a pick both name, the log wins: it is what the managers agreed to.
 */
function withLoggedPicks(requested: TradedPick[], logged: TradedPick[]): TradedPick[] {
  const decided = new Set(logged.map((t) => `${t.round}:${t.fromTeamId}`));
  return [...logged, ...requested.filter((t) => !decided.has(`${t.round}:${t.fromTeamId}`))];
}

/** The order must name every team of the league exactly once: nobody skipped, nobody foreign. */
export function checkOrder(order: string[], teams: Team[]): void {
  const leagueIds = new Set(teams.map((t) => t.id));
  const exact = order.length === leagueIds.size && new Set(order).size === order.length && order.every((id) => leagueIds.has(id));
  if (!exact) throw badField('order', `order must list each of the league's ${leagueIds.size} teams exactly once`);
}

async function checkKeepersInPool(em: EntityManager, sport: Sport, keepers: Keeper[]): Promise<void> {
  if (keepers.length === 0) return;
  const found = await em.find(Player, { id: { $in: keepers.map((k) => k.playerId) }, sport }, { fields: ['id'] });
  const known = new Set(found.map((p) => p.id));
  const index = keepers.findIndex((k) => !known.has(k.playerId));
  if (index >= 0) throw badField(`keepers.${index}.playerId`, `no ${sport} player ${keepers[index].playerId}`);
}

/**
 * Runs the pure rule checks, adding trades and keepers one layer at a time so the 400 can name the
 * field that made the config invalid (the rules themselves only say why): the config's own
 * consistency, then whether every pick can be made under its roster rules from this pool. Without
 * trades, too few roster places are the fault of `limitsField` (the roster rules when the request
 * gave them, else its rounds against the sport's defaults) and too small a pool that of `rounds`.
 */
export function checkRules(config: DraftConfig, pool: PoolPositions, limitsField: 'rosterRules' | 'rounds'): void {
  const layers: Array<[string, DraftConfig]> = [
    ['rosterRules', { ...config, tradedPicks: [], keepers: [] }],
    ['tradedPicks', { ...config, keepers: [] }],
    ['keepers', config],
  ];
  for (const [path, partial] of layers) {
    const broken = validateConfig(partial);
    if (broken) throw badField(path, broken.message);
    const short = capacityProblem(partial, pool);
    if (short) throw badField(path !== 'rosterRules' ? path : short.kind === 'pool' ? 'rounds' : limitsField, short.error.message);
  }
}

/** The draft row, or a 404. */
export async function findDraft(em: EntityManager, draftId: string): Promise<Draft> {
  const draft = await em.findOne(Draft, { id: draftId });
  if (!draft) throw notFound('Draft');
  return draft;
}

/** The draft's teams in its order, as REST shows them. */
export async function orderView(em: EntityManager, draft: Draft): Promise<Array<{ teamId: string; name: string | null; ownerId: string | null }>> {
  const teams = new Map((await leagueTeams(em, draft.league)).map((t) => [t.id, t]));
  return draft.config.order.map((teamId) => ({
    teamId, name: teams.get(teamId)?.name ?? null, ownerId: teams.get(teamId)?.owner ?? null,
  }));
}

/** The players named, by id (for names and positions in views). */
export async function playersById(em: EntityManager, ids: readonly string[]): Promise<Map<string, Player>> {
  if (ids.length === 0) return new Map();
  return new Map((await em.find(Player, { id: { $in: [...new Set(ids)] } })).map((p) => [p.id, p]));
}

/**
 * The draft's state as the room's reducer makes it from the event log: what draft_picks does not
 * hold comes from here (keepers before the start, skipped picks), so REST and the room agree.
 */
async function replayedState(em: EntityManager, draft: Draft): Promise<DraftState> {
  const events = await em.find(StreamEvent, { stream: draft.id }, { orderBy: { seq: 'asc' }, fields: ['payload'] });
  return replay(initialState(draftConfigOf(draft)), events.map((e) => e.payload as unknown as DraftEvent));
}

/** Keepers sit on their picks from the draft's creation (as the room shows them); the start stores them in draft_picks. */
function keeperRecords(draft: Draft, state: DraftState): Array<Omit<DraftPickRecord, 'id' | 'pickedAt' | 'price'> & { pickedAt: Date | null }> {
  if (draft.status !== 'scheduled') return [];
  return state.picks.filter((p) => p.keeper).map((p) => ({
    draft: draft.id, overall: p.overall, round: p.round, team: p.teamId, player: p.playerId, auto: false, keeper: true, pickedAt: null,
  }));
}

export async function getDraft(em: EntityManager, draftId: string) {
  const draft = await findDraft(em, draftId);
  const state = await replayedState(em, draft);
  const stored = await em.find(DraftPickRecord, { draft: draftId }, { orderBy: { overall: 'asc' } });
  const records = [...keeperRecords(draft, state), ...stored];
  const players = await playersById(em, records.map((r) => r.player));
  const picks = records.map((r) => ({
    overall: r.overall, round: r.round, teamId: r.team, playerId: r.player,
    playerName: players.get(r.player)?.name ?? null, positions: players.get(r.player)?.positions ?? [],
    auto: r.auto, keeper: r.keeper, pickedAt: r.pickedAt,
  }));
  const order = await orderView(em, draft);
  const result = draft.status !== 'complete' ? null : order.map((team) => ({
    ...team, players: picks.filter((p) => p.teamId === team.teamId)
      .map(({ overall, round, playerId, playerName, positions, keeper }) => ({ overall, round, playerId, name: playerName, positions, keeper })),
  }));
  const skips = state.skips.map(({ overall, round, teamId, reason, message }) => ({ overall, round, teamId, reason, message }));
  return { ...draftSummary(draft), order, picks, skips, result };
}

export async function listDrafts(em: EntityManager, leagueId: string) {
  await findLeague(em, leagueId);
  const drafts = await em.find(Draft, { league: leagueId }, { orderBy: { createdAt: 'desc', id: 'asc' } });
  return drafts.map(draftSummary);
}

/** What every view of a draft starts with; `config` is the settings of its kind (no ids, no order). */
export function draftSummary(draft: Draft) {
  return {
    id: draft.id, leagueId: draft.league, sport: draft.sport, type: draft.kind, status: draft.status, bots: draft.bots,
    scheduledAt: draft.scheduledAt ?? null, createdAt: draft.createdAt, completedAt: draft.completedAt ?? null,
    season: draft.season ?? null, config: settingsOf(draft),
    /** An F1 race draft's race (src/f1/); null for every other draft. */
    raceId: draft.race ?? null,
  };
}

function settingsOf(draft: Draft) {
  if (draft.kind === 'auction') {
    const { budget, minBid, increment, rosterSlots, nominationSeconds, bidSeconds, resetFloorSeconds, rosterRules } = auctionConfigOf(draft);
    return { budget, minBid, increment, rosterSlots, nominationSeconds, bidSeconds, resetFloorSeconds, rosterRules: rosterRules ?? null };
  }
  const { rounds, pickSeconds, rosterRules, keepers, tradedPicks } = draftConfigOf(draft);
  return { rounds, pickSeconds, rosterRules, keepers, tradedPicks };
}

/** What a room needs to rebuild its state (with the event log). */
export interface ForRoom<C> {
  draft: DraftRow;
  config: C;
  /** Every player of the draft's sport, by id: shared by every room of that sport, never changed. */
  pool: Pool;
  /** The draft's teams, in draft order. */
  teams: Array<{ id: string; name: string; ownerId: string | null }>;
}

export type DraftForRoom = ForRoom<DraftConfig>;

/**
 * Loads a draft for a room: `configOf` returns its config, or null when the draft is not of the
 * room's kind (then so does this, as for an unknown draft). Rooms opening together share each read
 * (./room-reads.ts: one query per table; ./shared-pool.ts: one pool read per sport).
 */
export async function loadForRoom<C extends { order: string[] }>(
  orm: MikroORM, draftId: string, configOf: (draft: DraftRow) => C | null,
): Promise<ForRoom<C> | null> {
  const reads = draftRoomReads(orm);
  const draft = await reads.draft(draftId);
  const config = draft && configOf(draft);
  if (!draft || !config) return null;
  // One copy per sport for every room (./shared-pool.ts), refreshed when the table changed; one read for rooms opening together.
  // Plain rows: a room that opens reads the pool (a few hundred players) unless a read began within POOL_FRESH_MS.
  const pool = await readSharedPool(orm, draft.sport, async () => {
    const players = await orm.em.fork().getConnection().execute<Array<{ id: string; positions: string[]; rank: number; adp: number | string }>>(
      'select id, positions, rank, adp from players where sport = ? order by rank asc', [draft.sport]);
    return players.map((p) => ({ id: p.id, positions: p.positions, rank: Number(p.rank), adp: Number(p.adp) }));
  });
  const byId = new Map((await reads.teams(draft.league)).map((t) => [t.id, t]));
  const teams = config.order.flatMap((id) => {
    const team = byId.get(id);
    return team ? [{ id, name: team.name, ownerId: team.owner ?? null }] : [];
  });
  return { draft, config, pool, teams };
}

/** Everything a draft room needs; null for an unknown draft or an auction (the auction room runs those). */
export function loadDraftForRoom(orm: MikroORM, draftId: string): Promise<DraftForRoom | null> {
  return loadForRoom(orm, draftId, (draft) => (draft.kind === 'auction' ? null : draftConfigOf(draft)));
}
