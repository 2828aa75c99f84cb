/**
 * Which F1 leagues play race weekends, and how: the commissioner picks the season, how long
 * before each race's lock its draft opens, the draft order (rotate, or reverse standings), the
 * pick clock and the round-1 order. A league without settings drafts as any other league.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { F1LeagueSettings, F1Race, type League, type RaceOrderMode, type Team } from '../db/entities/index.ts';
import { AppError, badField, conflict, notSupported } from '../errors.ts';
import { findLeague, requireCommissioner } from '../leagues/access.ts';
import { leagueTeams } from '../leagues/teams.ts';
import { checkOrder } from '../draft/service.ts';
import type { ScoredLeague } from '../scoring/versions.ts';

/** A race's draft opens two days before qualifying unless the commissioner says otherwise. */
export const DEFAULT_DRAFT_LEAD_MINUTES = 48 * 60;
export const DEFAULT_RACE_PICK_SECONDS = 60;

export interface RaceSettingsInput {
  season: number;
  draftLeadMinutes?: number;
  orderMode?: RaceOrderMode;
  pickSeconds?: number;
  /** Round 1's order: every team of the league once. Default: the teams as they were created. */
  baseOrder?: string[];
}

export function settingsView(settings: F1LeagueSettings) {
  const { season, draftLeadMinutes, orderMode, pickSeconds, baseOrder, updatedAt } = settings;
  return { season, draftLeadMinutes, orderMode, pickSeconds, baseOrder, updatedAt };
}

function requireF1(league: League): void {
  if (league.sport !== 'f1') throw notSupported('Race weekends are for F1 leagues');
}

/** The draft service's order check, naming this request's field. */
function checkBaseOrder(baseOrder: string[], teams: Team[]): void {
  try {
    checkOrder(baseOrder, teams);
  } catch {
    throw badField('baseOrder', `baseOrder must list each of the league's ${teams.length} teams exactly once`);
  }
}

/** An F1 league that plays race weekends, with its settings (409 when it does not). */
export async function raceLeague(em: EntityManager, leagueId: string): Promise<ScoredLeague & { settings: F1LeagueSettings }> {
  const league = await findLeague(em, leagueId);
  requireF1(league);
  const settings = await em.findOne(F1LeagueSettings, { league: leagueId });
  if (!settings) throw new AppError(409, 'NO_RACE_WEEKENDS', 'This league does not play race weekends (PUT …/f1/settings)');
  return Object.assign(league as ScoredLeague, { settings });
}

/** Sets (or changes) a league's race weekends; the caller runs the race-draft sweep so drafts follow. */
export async function putRaceSettings(em: EntityManager, leagueId: string, userId: string, input: RaceSettingsInput) {
  const league = await requireCommissioner(em, leagueId, userId);
  requireF1(league);
  const teams = await leagueTeams(em, leagueId);
  if (teams.length < 2) throw conflict('Race drafts need a league with at least two teams');
  if (input.baseOrder) checkBaseOrder(input.baseOrder, teams);
  if ((await em.count(F1Race, { season: input.season })) === 0) throw new AppError(409, 'NO_SUCH_SEASON', `No race of season ${input.season} is on the calendar`);
  const existing = await em.findOne(F1LeagueSettings, { league: leagueId });
  const values = {
    season: input.season,
    draftLeadMinutes: input.draftLeadMinutes ?? existing?.draftLeadMinutes ?? DEFAULT_DRAFT_LEAD_MINUTES,
    orderMode: input.orderMode ?? existing?.orderMode ?? 'rotate',
    pickSeconds: input.pickSeconds ?? existing?.pickSeconds ?? DEFAULT_RACE_PICK_SECONDS,
    baseOrder: input.baseOrder ?? existing?.baseOrder ?? teams.map((t) => t.id),
  };
  const settings = existing ? em.assign(existing, values) : em.create(F1LeagueSettings, { league: leagueId, ...values });
  await em.flush();
  return settingsView(settings);
}
