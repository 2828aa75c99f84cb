import type { EntityManager } from '@mikro-orm/postgresql';
import { Team, Trade, type DraftPickAsset } from '../db/entities/index.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { roleIn } from '../leagues/access.ts';
import { leaguePlayers, openBook, refused, requireActive, type LeagueBook } from './book.ts';
import { recordTransaction } from './log.ts';
import { placeOnWaivers } from './moves.ts';
import { afterAcceptance, deadlinePassed, executionProblem, termsProblem, tradeMoves, type TradeTerms } from './trades.ts';
import { leaguePickHolders } from './pick-book.ts';
import { describePick, pickTouched, tradePickMoves, type PickMove } from './picks.ts';
import { announceTrade, storeTradeNotifications, type ExecutedTrade } from './announce.ts';
import type { StoredNotification } from '../notifications/service.ts';

/**
 * Trades between two teams of a league: proposed by one manager, accepted, rejected or countered
 * by the other, then reviewed (the commissioner approves, or the league may veto by votes within
 * the review window) and executed: one database transaction under the league's lock, the roster
 * limits checked then. Players traded or dropped meanwhile void the trade (src/transactions/log.ts).
 */

export interface TradeOffer {
  /** The team the offer goes to. */
  teamId: string;
  gives: string[];
  gets: string[];
  drops?: string[];
  /** Future draft picks the proposing team gives, and those it gets. */
  givesPicks?: DraftPickAsset[];
  getsPicks?: DraftPickAsset[];
}

const OPEN = ['proposed', 'review'] as const;

function termsOf(trade: Trade): TradeTerms {
  return {
    fromTeamId: trade.fromTeam, toTeamId: trade.toTeam, gives: trade.gives, gets: trade.gets, fromDrops: trade.fromDrops, toDrops: trade.toDrops,
    givesPicks: trade.givesPicks, getsPicks: trade.getsPicks,
  };
}

function managedTeam(book: LeagueBook, userId: string) {
  const team = book.teams.find((t) => t.owner === userId);
  if (!team) throw forbidden('Only a manager of a team of this league may trade');
  return team;
}

async function context(tx: EntityManager, book: LeagueBook, terms: TradeTerms, now: number) {
  const players = await leaguePlayers(tx, book, [...terms.gives, ...terms.gets], 'gives');
  // Only a trade naming picks needs to know who holds them.
  const pickHolders = terms.givesPicks.length + terms.getsPicks.length === 0
    ? new Map<string, string>() : (await leaguePickHolders(tx, book.league, book.teams.map((t) => t.id), now)).holders;
  return { rosters: book.rosters, players, settings: book.settings, pickHolders, now };
}

/** A manager proposes a trade to another team of the league. */
export function proposeTrade(em: EntityManager, leagueId: string, userId: string, offer: TradeOffer, now: number, counterOf: string | null = null) {
  return em.transactional(async (tx) => {
    const book = await openBook(tx, leagueId);
    return propose(tx, book, userId, offer, now, counterOf);
  });
}

async function propose(tx: EntityManager, book: LeagueBook, userId: string, offer: TradeOffer, now: number, counterOf: string | null) {
  const from = managedTeam(book, userId);
  requireActive(book);
  if (!book.teams.some((t) => t.id === offer.teamId)) throw notFound('Team');
  const terms: TradeTerms = {
    fromTeamId: from.id, toTeamId: offer.teamId, gives: unique(offer.gives), gets: unique(offer.gets), fromDrops: unique(offer.drops ?? []), toDrops: [],
    givesPicks: offer.givesPicks ?? [], getsPicks: offer.getsPicks ?? [],
  };
  const problem = termsProblem(terms, await context(tx, book, terms, now));
  if (problem) throw refused(problem);
  const trade = tx.create(Trade, {
    league: book.league.id, fromTeam: terms.fromTeamId, toTeam: terms.toTeamId, gives: [...terms.gives], gets: [...terms.gets],
    fromDrops: [...terms.fromDrops], toDrops: [], givesPicks: [...terms.givesPicks], getsPicks: [...terms.getsPicks],
    counterOf, createdBy: userId, createdAt: new Date(now), vetoes: [],
  });
  await tx.flush();
  return tradeView(trade);
}

const unique = (ids: readonly string[]) => [...new Set(ids)];

/** A trade of the league (the caller holds the league's lock). */
async function findTrade(tx: EntityManager, book: LeagueBook, tradeId: string) {
  const trade = await tx.findOne(Trade, { id: tradeId, league: book.league.id }, { refresh: true });
  if (!trade) throw notFound('Trade');
  return trade;
}

const notInReview = () => new AppError(409, 'NOT_IN_REVIEW', 'The other team has not accepted this trade yet');

/** Checked after authorization: a decided trade takes no more steps. */
function requireOpen(trade: Trade) {
  if (!OPEN.includes(trade.status as typeof OPEN[number])) {
    throw new AppError(409, 'TRADE_CLOSED', `This trade is ${trade.status}${trade.reason ? `: ${trade.reason}` : ''}`, { status: trade.status, reason: trade.reason ?? null });
  }
  return trade;
}

function requireOwner(book: LeagueBook, teamId: string, userId: string, what: string): void {
  if (book.teams.find((t) => t.id === teamId)?.owner !== userId) throw forbidden(what);
  requireActive(book);
}

/**
 * An offer not yet accepted, for one of its two managers to answer: `side` says whose step it is
 * (the receiving team's: accept, reject, counter; the proposing team's: withdraw).
 */
async function pendingOffer(tx: EntityManager, leagueId: string, tradeId: string, userId: string, side: 'fromTeam' | 'toTeam', refusal: string) {
  const book = await openBook(tx, leagueId);
  const trade = await findTrade(tx, book, tradeId);
  requireOwner(book, trade[side], userId, refusal);
  requireOpen(trade);
  if (trade.status !== 'proposed') throw new AppError(409, 'TRADE_CLOSED', 'This trade was accepted already: it is in review', { status: trade.status, reason: null });
  return { book, trade };
}

/**
 * Runs a step that may execute the trade; once that is committed, announces it (src/transactions/announce.ts).
 * A failed announcement is logged by the publisher, never undoes the trade.
 */
async function announcedIfExecuted<T extends object>(step: () => Promise<T>): Promise<T> {
  const result = await step();
  if (!executed(result)) return result;
  const { [NOTIFICATIONS]: stored, ...reply } = result;
  await announceTrade(result, stored);
  return reply as T;
}

/** execute's reply for a trade it executed (it alone names the log entry). */
const executed = (result: object): result is ExecutedTrade & { [NOTIFICATIONS]: StoredNotification[] } => 'transactionId' in result;

/** The receiving manager accepts (naming his drops if the limits need them): executed, or into review. */
export function acceptTrade(em: EntityManager, leagueId: string, tradeId: string, userId: string, drops: string[], now: number) {
  return announcedIfExecuted(() => em.transactional(async (tx) => {
    const { book, trade } = await pendingOffer(tx, leagueId, tradeId, userId, 'toTeam', 'Only the manager of the team the trade is offered to may accept it');
    trade.toDrops = unique(drops);
    const terms = termsOf(trade);
    const problem = executionProblem(terms, await context(tx, book, terms, now));
    if (problem) throw refused(problem);
    const next = afterAcceptance(book.settings.trades, now);
    trade.acceptedAt = new Date(now);
    if (next.status === 'executed') return execute(tx, book, trade, userId, now);
    trade.status = 'review';
    trade.reviewEndsAt = next.reviewEndsAt === null ? null : new Date(next.reviewEndsAt);
    await tx.flush();
    return tradeView(trade);
  }));
}

/**
 * Executes a trade in review or just accepted: checked against the rosters as they are now. A
 * trade that can no longer happen (a player left, the limits, the deadline) is voided with the reason.
 */
async function execute(tx: EntityManager, book: LeagueBook, trade: Trade, actorId: string | null, now: number) {
  const terms = termsOf(trade);
  const problem = executionProblem(terms, await context(tx, book, terms, now));
  const at = new Date(now);
  if (problem) {
    Object.assign(trade, { status: 'void', reason: problem.message, decidedAt: at });
    await tx.flush();
    return tradeView(trade);
  }
  const moves = tradeMoves(terms);
  const picks = tradePickMoves(trade.fromTeam, trade.toTeam, trade.givesPicks, trade.getsPicks);
  const transactionId = await recordTransaction(tx, {
    leagueId: book.league.id, type: 'trade', actorId, moves, at, sourceId: trade.id, tradeId: trade.id,
    teamIds: [trade.fromTeam, trade.toTeam], details: { tradeId: trade.id, ...(picks.length > 0 ? { picks } : {}) },
  });
  await voidTradesOfPicks(tx, book, trade.id, picks, transactionId, at);
  placeOnWaivers(tx, book, [
    ...trade.fromDrops.map((playerId) => ({ playerId, teamId: trade.fromTeam })), ...trade.toDrops.map((playerId) => ({ playerId, teamId: trade.toTeam })),
  ], at);
  Object.assign(trade, { status: 'executed', decidedAt: at });
  await tx.flush();
  const executedTrade = { ...tradeView(trade), transactionId };
  return { ...executedTrade, [NOTIFICATIONS]: await storeTradeNotifications(tx, executedTrade) };
}

/** Where execute keeps the notifications it stored, for the push after the commit (not part of the reply). */
const NOTIFICATIONS = Symbol('stored notifications');

/** Open trades naming a pick this trade just moved away from their side cannot happen any more: void, with the reason. */
async function voidTradesOfPicks(tx: EntityManager, book: LeagueBook, tradeId: string, picks: PickMove[], transactionId: number, at: Date): Promise<void> {
  if (picks.length === 0) return;
  const open = await tx.find(Trade, { league: book.league.id, status: { $in: [...OPEN] }, id: { $ne: tradeId } });
  for (const other of open) {
    const move = picks.find((pick) => pickTouched(other, pick));
    if (move) Object.assign(other, { status: 'void', decidedAt: at, reason: `the ${describePick(move)} was traded to team ${move.toTeamId} (trade, transaction ${transactionId})` });
  }
}

/** The receiving manager rejects, or the proposing manager withdraws, an offer not yet accepted. */
export function closeTrade(em: EntityManager, leagueId: string, tradeId: string, userId: string, how: 'rejected' | 'cancelled', now: number) {
  return em.transactional(async (tx) => {
    const { trade } = how === 'rejected'
      ? await pendingOffer(tx, leagueId, tradeId, userId, 'toTeam', 'Only the team the trade is offered to may reject it')
      : await pendingOffer(tx, leagueId, tradeId, userId, 'fromTeam', 'Only the proposing team may withdraw it');
    Object.assign(trade, { status: how, decidedAt: new Date(now) });
    await tx.flush();
    return tradeView(trade);
  });
}

/** The receiving manager answers with other terms: the offer is countered, a new one goes back. */
export function counterTrade(em: EntityManager, leagueId: string, tradeId: string, userId: string, offer: Omit<TradeOffer, 'teamId'>, now: number) {
  return em.transactional(async (tx) => {
    const { book, trade } = await pendingOffer(tx, leagueId, tradeId, userId, 'toTeam', 'Only the team the trade is offered to may counter it');
    const counter = await propose(tx, book, userId, { ...offer, teamId: trade.fromTeam }, now, trade.id);
    Object.assign(trade, { status: 'countered', decidedAt: new Date(now) });
    await tx.flush();
    return counter;
  });
}

/**
 * Review: the commissioner approves (executes) or vetoes a trade in review; in a league-veto
 * league a manager of a third team votes against it, and enough votes veto it.
 */
export function reviewTrade(em: EntityManager, leagueId: string, tradeId: string, userId: string, verdict: 'approve' | 'veto', now: number) {
  return announcedIfExecuted(() => em.transactional(async (tx) => {
    const book = await openBook(tx, leagueId);
    const commissioner = (await roleIn(tx, leagueId, userId)) === 'commissioner';
    const voter = commissioner ? null : voterTeam(book, userId, verdict);
    requireActive(book);
    const trade = await findTrade(tx, book, tradeId);
    // An offer never accepted is the two teams' business (listTrades): whatever became of it, a
    // reviewer hears only that it is not in review, not its status or a void's reason.
    if (!trade.acceptedAt) throw notInReview();
    requireOpen(trade);
    if (trade.status !== 'review') throw notInReview();
    if (commissioner) {
      if (verdict === 'approve') return execute(tx, book, trade, userId, now);
      Object.assign(trade, { status: 'vetoed', reason: 'vetoed by the commissioner', decidedAt: new Date(now) });
    } else {
      if (trade.fromTeam === voter || trade.toTeam === voter) throw forbidden('The teams in a trade do not vote on it');
      // Past the window the trade stands (the review job executes it, maybe a moment later).
      if (trade.reviewEndsAt && trade.reviewEndsAt.getTime() <= now) throw new AppError(409, 'REVIEW_ENDED', 'The review window of this trade has ended');
      if (trade.vetoes.includes(voter!)) throw new AppError(409, 'ALREADY_VOTED', 'Your team voted against this trade already');
      trade.vetoes = [...trade.vetoes, voter!];
      if (trade.vetoes.length >= book.settings.trades.vetoVotes) {
        Object.assign(trade, { status: 'vetoed', reason: `vetoed by ${trade.vetoes.length} teams`, decidedAt: new Date(now) });
      }
    }
    await tx.flush();
    return tradeView(trade);
  }));
}

/** A manager's team, when the league lets managers vote trades down. */
function voterTeam(book: LeagueBook, userId: string, verdict: 'approve' | 'veto'): string {
  if (book.settings.trades.review !== 'league' || verdict !== 'veto') throw forbidden('Only the commissioner reviews trades in this league');
  return managedTeam(book, userId).id;
}

/** Executes a league-veto trade whose review window has ended (the trade-review job; idempotent). */
export async function finishReview(em: EntityManager, leagueId: string, tradeId: string, now: number): Promise<{ skipped: string } | { status: string }> {
  const result = await announcedIfExecuted(() => em.transactional(async (tx): Promise<{ skipped: string } | { status: string }> => {
    const book = await openBook(tx, leagueId);
    requireActive(book);
    const trade = await tx.findOne(Trade, { id: tradeId, league: leagueId }, { refresh: true });
    if (trade?.status !== 'review' || !trade.reviewEndsAt) return { skipped: 'not in a league review' };
    if (trade.reviewEndsAt.getTime() > now) return { skipped: 'review still open' };
    const late = deadlinePassed(book.settings.trades, now);
    if (late) {
      Object.assign(trade, { status: 'void', reason: late.message, decidedAt: new Date(now) });
      await tx.flush();
      return { status: 'void' };
    }
    return execute(tx, book, trade, null, now);
  }));
  return 'status' in result ? { status: result.status } : result;
}

/**
 * The league's trades, newest first. An offer never accepted is the two teams' business, whatever
 * became of it (rejected, withdrawn, countered, or voided when a player or pick in it moved):
 * others see accepted ones only (in review, to vote, and what became of them).
 */
export async function listTrades(em: EntityManager, leagueId: string, userId: string | null) {
  const trades = await em.find(Trade, { league: leagueId }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 200 });
  const own = userId ? (await em.find(Team, { league: leagueId, owner: userId })).map((t) => t.id) : [];
  const visible = trades.filter((t) => t.acceptedAt || own.includes(t.fromTeam) || own.includes(t.toTeam));
  return { items: visible.map(tradeView) };
}

export function tradeView(trade: Trade) {
  return {
    id: trade.id, leagueId: trade.league, fromTeamId: trade.fromTeam, toTeamId: trade.toTeam,
    gives: trade.gives, gets: trade.gets, fromDrops: trade.fromDrops, toDrops: trade.toDrops,
    givesPicks: trade.givesPicks, getsPicks: trade.getsPicks, status: trade.status, reason: trade.reason ?? null, counterOf: trade.counterOf ?? null, vetoes: trade.vetoes.length,
    reviewEndsAt: trade.reviewEndsAt?.toISOString() ?? null, createdAt: trade.createdAt.toISOString(), decidedAt: trade.decidedAt?.toISOString() ?? null,
  };
}
