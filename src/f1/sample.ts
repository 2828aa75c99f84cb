/**
 * The sample data's race weekends (src/db/seed.ts): the fictional 2026 calendar and the sample F1
 * league playing it. The calendar is anchored at the time of seeding, so that a newcomer's first
 * `npm start` finds two races run (drafted, their results in src/ingest/samples/) and round 3's
 * draft opening a few minutes later. The two past drafts are made by the draft rules themselves
 * (every pick by autopick) and stored as a room would store them: events, picks, race picks.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Draft, DraftPickRecord, F1LeagueSettings, F1Race, Player, RacePick, StreamEvent, type League, type Team } from '../db/entities/index.ts';
import { finishByAutopick, initialState, isRuleError, type DraftConfig, type Pool } from '../draft/index.ts';
import { SPORT_DEFAULTS } from '../draft/config.ts';
import { generateF1Calendar, raceStart, QUALIFYING_BEFORE_RACE_MS } from '../seed/f1.ts';
import { raceOrder } from './order.ts';
import { DEFAULT_DRAFT_LEAD_MINUTES, DEFAULT_RACE_PICK_SECONDS } from './settings.ts';
import { opensAt } from './race-drafts.ts';

export const SAMPLE_SEASON = 2026;
/** Rounds already raced when the sample is seeded (their results: src/ingest/samples/f1-*-2026.jsonl). */
export const SAMPLE_ROUNDS_RUN = 2;
/** Round 3's draft opens this long after seeding. */
const NEXT_DRAFT_OPENS_IN_MS = 10 * 60 * 1000;
const MINUTE_MS = 60_000;

/** The sample season's calendar, once (a calendar already there is kept). */
export async function seedCalendar(em: EntityManager, now: number): Promise<void> {
  if ((await em.count(F1Race, { season: SAMPLE_SEASON })) > 0) return;
  const nextLock = now + DEFAULT_DRAFT_LEAD_MINUTES * MINUTE_MS + NEXT_DRAFT_OPENS_IN_MS;
  const nextStart = nextLock + QUALIFYING_BEFORE_RACE_MS;
  // Round 1 starts as long before round 3 as the calendar's gaps put it.
  const anchor = new Date(0);
  const firstRaceAt = new Date(nextStart - (raceStart(anchor, SAMPLE_ROUNDS_RUN + 1).getTime() - anchor.getTime()));
  for (const race of generateF1Calendar(SAMPLE_SEASON, firstRaceAt)) em.create(F1Race, race);
  await em.flush();
}

/** The sample F1 league plays the sample season: its settings and the drafts of the rounds already run. */
export async function seedRaceWeekends(em: EntityManager, league: League, teams: Team[]): Promise<void> {
  const settings = em.create(F1LeagueSettings, {
    league: league.id, season: SAMPLE_SEASON, draftLeadMinutes: DEFAULT_DRAFT_LEAD_MINUTES, orderMode: 'rotate',
    pickSeconds: DEFAULT_RACE_PICK_SECONDS, baseOrder: teams.map((t) => t.id),
  });
  const drivers = await em.find(Player, { sport: 'f1' }, { orderBy: { rank: 'asc' } });
  const pool: Pool = new Map(drivers.map((p) => [p.id, { id: p.id, positions: p.positions, rank: p.rank, adp: Number(p.adp) }]));
  const races = await em.find(F1Race, { season: SAMPLE_SEASON, round: { $lte: SAMPLE_ROUNDS_RUN } }, { orderBy: { round: 'asc' } });
  for (const race of races) seedRunDraft(em, league, settings, race, pool);
}

/** A past race's draft, every pick made by autopick at its opening, stored complete. */
function seedRunDraft(em: EntityManager, league: League, settings: F1LeagueSettings, race: F1Race, pool: Pool): void {
  const draftId = crypto.randomUUID();
  const { rounds, rosterRules } = SPORT_DEFAULTS.f1;
  const config: DraftConfig = {
    draftId, type: 'snake', rounds, pickSeconds: settings.pickSeconds, order: raceOrder('rotate', settings.baseOrder, race.round),
    rosterRules, keepers: [], tradedPicks: [],
  };
  const openedAt = opensAt(settings, race);
  const outcome = finishByAutopick(initialState(config), { now: openedAt, pool });
  if (isRuleError(outcome)) throw new Error(`sample race draft: ${outcome.message}`);
  const at = new Date(openedAt);
  em.create(Draft, {
    id: draftId, league: league.id, sport: 'f1', kind: 'snake', config, bots: true, status: 'complete',
    scheduledAt: at, createdBy: league.createdBy, createdAt: at, completedAt: at, race: race.id,
  });
  outcome.events.forEach((event, i) => em.create(StreamEvent, {
    stream: draftId, seq: i + 1, type: event.type, payload: { ...event }, actor: null, createdAt: at,
  }));
  for (const event of outcome.events) {
    if (event.type !== 'picked') continue;
    const { overall, round, teamId, playerId, auto } = event.pick;
    em.create(DraftPickRecord, { draft: draftId, overall, round, team: teamId, player: playerId, auto, keeper: false, price: null, pickedAt: at });
    em.create(RacePick, { league: league.id, race: race.id, team: teamId, player: playerId, draftId, overall, auto, pickedAt: at });
  }
}
