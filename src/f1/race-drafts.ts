/**
 * Each race of a league's season gets its own snake draft of two drivers per team, created when
 * it opens (src/jobs/race-drafts.ts runs this at lock − draftLeadMinutes), so the order can follow
 * the standings of the races before it. Creating is idempotent: one draft per (league, race).
 */
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { Draft, F1LeagueSettings, F1Race, League } from '../db/entities/index.ts';
import type { DraftConfig } from '../draft/types.ts';
import { SPORT_DEFAULTS } from '../draft/config.ts';
import { leagueTeams } from '../leagues/teams.ts';
import { raceView } from './calendar.ts';
import { currentBaseOrder, raceOrder } from './order.ts';
import { raceLeague, settingsView } from './settings.ts';
import { seasonPointsBefore } from './leaderboard.ts';

const MINUTE_MS = 60_000;

/** When a league's draft of a race opens (epoch ms). */
export function opensAt(settings: Pick<F1LeagueSettings, 'draftLeadMinutes'>, race: Pick<F1Race, 'locksAt'>): number {
  return race.locksAt.getTime() - settings.draftLeadMinutes * MINUTE_MS;
}

/** The race's draft of a league, if it exists yet. */
export function findRaceDraft(em: EntityManager, leagueId: string, raceId: string): Promise<Draft | null> {
  return em.findOne(Draft, { league: leagueId, race: raceId });
}

/**
 * The league's draft of a race, created now if it is not yet (snake, 2 rounds of drivers, the
 * league's pick clock, the order of `raceOrder`; teams without a manager drafted for by the
 * server). It starts at its opening time (the room does it); null when the league does not race
 * that season.
 */
export async function ensureRaceDraft(em: EntityManager, leagueId: string, raceId: string): Promise<Draft | null> {
  const existing = await findRaceDraft(em, leagueId, raceId);
  if (existing) return existing;
  const settings = await em.findOne(F1LeagueSettings, { league: leagueId });
  const race = await em.findOne(F1Race, { id: raceId });
  const league = await em.findOne(League, { id: leagueId });
  if (!settings || !race || !league || race.season !== settings.season) return null;
  const teams = await leagueTeams(em, leagueId);
  if (teams.length < 2) return null;
  const base = currentBaseOrder(settings.baseOrder, teams.map((t) => t.id));
  const points = settings.orderMode === 'standings' ? await seasonPointsBefore(em, leagueId, race.season, race.round) : undefined;
  const draftId = crypto.randomUUID();
  const defaults = SPORT_DEFAULTS.f1;
  const config: DraftConfig = {
    draftId, type: 'snake', rounds: defaults.rounds, pickSeconds: settings.pickSeconds,
    order: raceOrder(settings.orderMode, base, race.round, points), rosterRules: defaults.rosterRules, keepers: [], tradedPicks: [],
  };
  try {
    await em.fork().insert(Draft, {
      id: draftId, league: leagueId, sport: 'f1', kind: 'snake', config, bots: true, status: 'scheduled',
      scheduledAt: new Date(opensAt(settings, race)), createdBy: league.createdBy, createdAt: new Date(), race: raceId,
    });
  } catch (error) {
    // Another process (or a retry) created it first: that one is the race's draft.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
  }
  return findRaceDraft(em.fork(), leagueId, raceId);
}

/** The league's race weekends: its settings and each race of its season with its draft (or when it opens). */
export async function leagueRaces(em: EntityManager, leagueId: string) {
  const { settings } = await raceLeague(em, leagueId);
  const races = await em.find(F1Race, { season: settings.season }, { orderBy: { round: 'asc' } });
  const drafts = new Map((await em.find(Draft, { league: leagueId, race: { $ne: null } })).map((d) => [d.race, d]));
  return {
    settings: settingsView(settings),
    items: races.map((race) => {
      const draft = drafts.get(race.id);
      return {
        ...raceView(race), draftOpensAt: new Date(opensAt(settings, race)),
        draft: draft ? { id: draft.id, status: draft.status, order: (draft.config as DraftConfig).order } : null,
      };
    }),
  };
}
