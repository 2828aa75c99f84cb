import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Team, TeamWaiverState, WaiverClaim, WaiverPlayer, WaiverRun } from '../db/entities/index.ts';
import { AppError, badField, notFound } from '../errors.ts';
import { leagueStandings } from '../baseball/service.ts';
import { fantasyStandings } from '../scoring/views.ts';
import { leaguePlayers, openBook, refused, requireActive, type LeagueBook } from './book.ts';
import { checkAdd } from './limits.ts';
import { recordTransaction } from './log.ts';
import { ownTeam, placeOnWaivers, requireOnRoster } from './moves.ts';
import { runWaivers, type ClaimOutcome } from './waivers.ts';
import { storeWaiverNotifications } from './announce.ts';
import type { StoredNotification } from '../notifications/service.ts';

/**
 * Waiver claims and runs: a claim is private to its team until a run settles it; a run (the
 * waiver-run job, src/jobs/waiver-runs.ts) settles every claim of the players whose waivers have
 * cleared, in one database transaction under the league's lock, and stores its result. A run is
 * keyed by (league, runAt): a retried job finds its run stored and changes nothing.
 */

/** The waiver order, first claim first: stored priorities (rolling), else the reverse standings. */
async function waiverOrder(tx: EntityManager, book: LeagueBook): Promise<string[]> {
  const states = await tx.find(TeamWaiverState, { team: { $in: book.teams.map((t) => t.id) } }, { refresh: true });
  const priority = new Map(states.map((s) => [s.team, s.priority]));
  const created = book.teams.map((t) => t.id);
  const stored = [...created].sort((a, b) => (priority.get(a) ?? Infinity) - (priority.get(b) ?? Infinity) || created.indexOf(a) - created.indexOf(b));
  if (book.settings.waivers.type !== 'reverse-standings') return stored;
  const best = await standingsBestFirst(tx, book);
  const worstFirst = best.reverse().filter((id) => created.includes(id));
  return [...worstFirst, ...stored.filter((id) => !worstFirst.includes(id))];
}

/** Team ids by standings, best first: the games of a baseball league, the fantasy points of the others. */
async function standingsBestFirst(tx: EntityManager, book: LeagueBook): Promise<string[]> {
  if (book.league.sport === 'baseball') return (await leagueStandings(tx, book.league.id)).items.map((row) => row.teamId);
  return (await fantasyStandings(tx, book.league.id)).items.map((row) => row.teamId);
}

async function budgetsLeft(tx: EntityManager, book: LeagueBook): Promise<Map<string, number>> {
  const states = await tx.find(TeamWaiverState, { team: { $in: book.teams.map((t) => t.id) } });
  const spent = new Map(states.map((s) => [s.team, s.faabSpent]));
  return new Map(book.teams.map((t) => [t.id, book.settings.waivers.faabBudget - (spent.get(t.id) ?? 0)]));
}

export interface ClaimInput {
  leagueId: string;
  teamId: string;
  userId: string;
  playerId: string;
  dropPlayerId?: string;
  bid?: number;
  now: number;
}

/** A manager claims a player on waivers (with a drop if his roster needs one; a bid in a FAAB league). */
export async function createClaim(em: EntityManager, input: ClaimInput) {
  const claim = await em.transactional(async (tx) => {
    const book = await openBook(tx, input.leagueId);
    ownTeam(book, input.teamId, input.userId);
    requireActive(book);
    const players = await leaguePlayers(tx, book, [input.playerId], 'playerId');
    if (book.holder.has(input.playerId)) throw new AppError(409, 'PLAYER_TAKEN', 'That player is on a roster');
    const waiting = book.onWaivers.get(input.playerId);
    if (!waiting) throw new AppError(409, 'NOT_ON_WAIVERS', 'That player is not on waivers: add him as a free agent');
    // His run is due (the job may be a moment late): a claim now would compete with the claims made in time.
    if (waiting.clearsAt.getTime() <= input.now) throw new AppError(409, 'WAIVERS_CLOSED', 'His waivers have cleared: the run settles the claims made before it');
    const drops = input.dropPlayerId ? [input.dropPlayerId] : [];
    for (const drop of drops) requireOnRoster(book, input.teamId, drop, 'DROP_NOT_ON_ROSTER');
    await checkBid(tx, book, input);
    const breach = checkAdd(book.rosters.get(input.teamId)!, [players.get(input.playerId)!], drops, book.settings.roster);
    if (breach) throw refused(breach);
    const created = tx.create(WaiverClaim, {
      league: input.leagueId, team: input.teamId, player: input.playerId, dropPlayer: input.dropPlayerId ?? null,
      bid: input.bid ?? null, createdBy: input.userId, createdAt: new Date(input.now),
    });
    await tx.flush();
    return created;
  }).catch((error: unknown) => {
    if (error instanceof UniqueConstraintViolationException) throw new AppError(409, 'ALREADY_CLAIMED', 'Your team already claims that player');
    throw error;
  });
  return claimView(claim);
}

async function checkBid(tx: EntityManager, book: LeagueBook, input: ClaimInput): Promise<void> {
  if (book.settings.waivers.type !== 'faab') {
    if (input.bid !== undefined) throw badField('bid', 'this league does not bid for waiver claims (no FAAB)');
    return;
  }
  if (input.bid === undefined) throw badField('bid', 'a FAAB league needs a bid (0 or more)');
  const left = (await budgetsLeft(tx, book)).get(input.teamId) ?? 0;
  if (input.bid > left) throw new AppError(409, 'INSUFFICIENT_BUDGET', `Your team has ${left} of its FAAB budget left`);
}

/** A team's claims, newest first: its manager only (pending claims are nobody else's business). */
export async function listClaims(em: EntityManager, leagueId: string, teamId: string, userId: string) {
  const team = await teamOf(em, leagueId, teamId);
  if (team.owner !== userId) throw new AppError(403, 'FORBIDDEN', "Only this team's manager sees its claims");
  const claims = await em.find(WaiverClaim, { team: teamId }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 200 });
  return { items: claims.map(claimView) };
}

/** Under the league's lock, so a withdrawal and a run never both take the same claim. */
export function cancelClaim(em: EntityManager, leagueId: string, teamId: string, claimId: string, userId: string, now: number): Promise<void> {
  return em.transactional(async (tx) => {
    const book = await openBook(tx, leagueId);
    ownTeam(book, teamId, userId);
    requireActive(book);
    const cancelled = await tx.nativeUpdate(WaiverClaim, { id: claimId, team: teamId, status: 'pending' }, { status: 'cancelled', processedAt: new Date(now) });
    if (cancelled === 0) throw notFound('Pending claim');
  });
}

async function teamOf(em: EntityManager, leagueId: string, teamId: string): Promise<Team> {
  const team = await em.findOne(Team, { id: teamId, league: leagueId });
  if (!team) throw notFound('Team');
  return team;
}

/** Players on waivers now, with when they clear: what any viewer of the league sees. */
export async function listWaivers(em: EntityManager, leagueId: string) {
  const waiting = await em.find(WaiverPlayer, { league: leagueId, status: 'waiting' }, { orderBy: { clearsAt: 'asc', id: 'asc' } });
  return { items: waiting.map((w) => ({ playerId: w.player, fromTeamId: w.fromTeam ?? null, clearsAt: w.clearsAt.toISOString() })) };
}

/** Processed runs, newest first, with every claim's outcome (public once processed). */
export async function listRuns(em: EntityManager, leagueId: string) {
  const runs = await em.find(WaiverRun, { league: leagueId }, { orderBy: { runAt: 'desc' }, limit: 50 });
  return { items: runs.map((r) => ({ id: r.id, runAt: r.runAt.toISOString(), processedAt: r.processedAt.toISOString(), ...r.results })) };
}

function claimView(claim: WaiverClaim) {
  return {
    id: claim.id, teamId: claim.team, playerId: claim.player, dropPlayerId: claim.dropPlayer ?? null, bid: claim.bid ?? null,
    status: claim.status, reason: claim.reason ?? null, createdAt: claim.createdAt.toISOString(),
    processedAt: claim.processedAt?.toISOString() ?? null,
  };
}

export interface StoredRun {
  runId: string;
  outcomes: ClaimOutcome[];
  /** The managers' notifications stored with the run, to push once it is committed (none for a run stored before). */
  notifications: StoredNotification[];
}

export interface RunSummary {
  runId: string | null;
  outcomes: ClaimOutcome[];
  notifications: StoredNotification[];
  /** True when the run was stored before (a retried job): nothing changed this time. */
  repeated: boolean;
  /** Runs due earlier that this call settled first, oldest first (their jobs will find them stored). */
  earlier: StoredRun[];
  /** When players dropped by winning claims clear waivers in turn. */
  waiverRunAt: Date | null;
}

/**
 * Settles the claims of every player whose waivers cleared by `runAt`: one transaction, idempotent.
 * Runs due earlier and not yet stored (after an outage several jobs are due at once, and any may
 * take the lock first) settle before it, each on its own at its own time: the outcome of every run
 * is what it would have been on time, whichever job comes first.
 */
export function processWaiverRun(em: EntityManager, leagueId: string, runAt: Date, now: number): Promise<RunSummary> {
  return em.transactional(async (tx) => {
    let book = await openBook(tx, leagueId);
    requireActive(book);
    const done = await tx.findOne(WaiverRun, { league: leagueId, runAt });
    if (done) return { runId: done.id, outcomes: (done.results.outcomes ?? []) as ClaimOutcome[], notifications: [], repeated: true, earlier: [], waiverRunAt: null };
    const at = new Date(now);
    const stored = await tx.find(WaiverRun, { league: leagueId, runAt: { $lt: runAt } }, { fields: ['runAt'] });
    const due = dueRuns([...book.onWaivers.values()], new Set(stored.map((r) => r.runAt.getTime())), runAt.getTime());
    const settled: Array<StoredRun & { runAt: number }> = [];
    let waiverRunAt: Date | null = null;
    for (const [time, clearing] of due) {
      if (settled.length > 0) book = await openBook(tx, leagueId); // as the run before left it
      const run = await settleRun(tx, book, new Date(time), clearing, at);
      settled.push({ ...run, runAt: time });
      waiverRunAt ??= run.waiverRunAt;
    }
    const own = settled.at(-1)?.runAt === runAt.getTime() ? settled.pop()! : null;
    return {
      runId: own?.runId ?? null, outcomes: own?.outcomes ?? [], notifications: own?.notifications ?? [], repeated: false,
      earlier: settled.map(({ runId, outcomes, notifications }) => ({ runId, outcomes, notifications })), waiverRunAt,
    };
  });
}

/**
 * The runs due by `runAt`, oldest first: each time a waiting player clears at, with the players it
 * settles. One whose time has a run stored already (that run came early by another process's
 * clock, before his drop) joins the next run.
 */
function dueRuns(waiting: WaiverPlayer[], stored: ReadonlySet<number>, runAt: number): Map<number, WaiverPlayer[]> {
  const times = [...new Set(waiting.map((w) => w.clearsAt.getTime()))].filter((time) => time <= runAt).sort((a, b) => a - b);
  const runs = new Map<number, WaiverPlayer[]>();
  let carried: WaiverPlayer[] = [];
  for (const time of times) {
    carried.push(...waiting.filter((w) => w.clearsAt.getTime() === time));
    if (stored.has(time)) continue;
    runs.set(time, carried);
    carried = [];
  }
  if (carried.length > 0) runs.set(runAt, carried);
  return runs;
}

/** One run at `runAt`: the claims of the `clearing` players, against the book as it stands. */
async function settleRun(tx: EntityManager, book: LeagueBook, runAt: Date, clearing: WaiverPlayer[], at: Date): Promise<StoredRun & { waiverRunAt: Date | null }> {
  const leagueId = book.league.id;
  const claims = await tx.find(WaiverClaim, { league: leagueId, status: 'pending', player: { $in: clearing.map((w) => w.player) } });
  const players = await leaguePlayers(tx, book, claims.map((c) => c.player), 'playerId');
  const result = runWaivers({
    settings: book.settings, order: await waiverOrder(tx, book), rosters: book.rosters, holder: book.holder, players,
    budgetLeft: await budgetsLeft(tx, book),
    claims: claims.map((c) => ({ id: c.id, teamId: c.team, playerId: c.player, dropPlayerId: c.dropPlayer ?? null, bid: c.bid ?? null, createdAt: c.createdAt.getTime() })),
  });
  const run = tx.create(WaiverRun, { league: leagueId, runAt, processedAt: at, results: { outcomes: result.outcomes, order: result.order } });
  // The cleared players leave waivers before the players this run's wins drop go on them: a
  // player won and then dropped by a later claim of the same run (a FAAB bid settled first) goes
  // back on waivers, and a flush inserts before it updates.
  for (const waiting of clearing) waiting.status = 'processed';
  await tx.flush();
  const waiverRunAt = await applyOutcomes(tx, book, claims, result.outcomes, run.id, at);
  await storeOrder(tx, book, result.order, result.spent);
  await tx.flush();
  const notifications = await storeWaiverNotifications(tx, book.league.id, run.id, result.outcomes);
  return { runId: run.id, outcomes: result.outcomes, notifications, waiverRunAt };
}

/** Wins become log entries (drop then add), in the order settled; every claim gets its status. */
async function applyOutcomes(tx: EntityManager, book: LeagueBook, claims: WaiverClaim[], outcomes: ClaimOutcome[], runId: string, at: Date): Promise<Date | null> {
  const byId = new Map(claims.map((c) => [c.id, c]));
  const dropped: Array<{ playerId: string; teamId: string }> = [];
  for (const outcome of outcomes) {
    const claim = byId.get(outcome.claimId)!;
    Object.assign(claim, { status: outcome.status, reason: outcome.reason, run: runId, processedAt: at });
    if (outcome.status !== 'won') continue;
    const moves = [
      ...(outcome.dropPlayerId ? [{ playerId: outcome.dropPlayerId, fromTeamId: outcome.teamId, toTeamId: null }] : []),
      { playerId: outcome.playerId, fromTeamId: null, toTeamId: outcome.teamId },
    ];
    await recordTransaction(tx, {
      leagueId: book.league.id, type: 'claim', actorId: claim.createdBy, moves, at, sourceId: claim.id,
      reason: outcome.bid === null ? 'waiver claim' : `waiver claim, FAAB bid ${outcome.bid}`,
      details: { claimId: claim.id, runId, bid: outcome.bid },
    });
    if (outcome.dropPlayerId) dropped.push({ playerId: outcome.dropPlayerId, teamId: outcome.teamId });
  }
  return placeOnWaivers(tx, book, dropped, at);
}

/** The order after the run (1 = first claim) and each team's FAAB spent. */
async function storeOrder(tx: EntityManager, book: LeagueBook, order: string[], spent: Map<string, number>): Promise<void> {
  const states = new Map((await tx.find(TeamWaiverState, { team: { $in: book.teams.map((t) => t.id) } })).map((s) => [s.team, s]));
  order.forEach((teamId, i) => {
    const state = states.get(teamId);
    if (state) {
      state.priority = i + 1;
      state.faabSpent += spent.get(teamId) ?? 0;
    } else {
      tx.create(TeamWaiverState, { team: teamId, priority: i + 1, faabSpent: spent.get(teamId) ?? 0 });
    }
  });
}

/** The league's waiver order and FAAB left, as any viewer sees it. */
export async function waiverStanding(em: EntityManager, leagueId: string) {
  const book = await openBook(em, leagueId, { read: true });
  const order = await waiverOrder(em, book);
  const left = await budgetsLeft(em, book);
  const faab = book.settings.waivers.type === 'faab';
  return {
    type: book.settings.waivers.type,
    items: order.map((teamId, i) => ({ teamId, priority: i + 1, ...(faab ? { faabLeft: left.get(teamId) ?? 0 } : {}) })),
  };
}
