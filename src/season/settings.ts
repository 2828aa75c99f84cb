/**
 * What a commissioner sets when he creates a season, checked once (zod) before anything is stored:
 * the periods with their start, lock and kickoff times, the regular-season length, playoff teams
 * and weeks, tiebreakers and lineup slots. Pure.
 */
import { z } from 'zod';
import { isoTime } from '../time-input.ts';
import { PERIOD_FORMATS } from '../scoring/ingest.ts';
import { SCORED_POSITIONS, type ScoredSport } from '../scoring/stats.ts';
import { DEFAULT_LINEUP, lineupSettingsSchema, type LineupSettings } from './lineup-slots.ts';
import { playoffRounds } from './playoffs.ts';
import { DEFAULT_TIEBREAKERS, TIEBREAKERS, tiebreakersSchema, type Tiebreaker } from './standings.ts';

export interface SeasonSettings {
  lineup: LineupSettings;
  regularWeeks: number;
  playoffTeams: number;
  playoffWeeks: number;
  tiebreakers: Tiebreaker[];
  /** A period is finalized by the job this long after its last kickoff (stat corrections settle). */
  finalizeGraceMinutes: number;
}

/** Sleeper and ESPN settle a week the morning after its last game: 12 hours after the last kickoff. */
export const DEFAULT_GRACE_MINUTES = 12 * 60;
export const MAX_PERIODS = 30;

/** A lineup as PUT …/lineup and the league room's `lineup` take it: player ids aligned with the season's slots, null = empty. */
export const lineupStarters = z.array(z.uuid().transform((id) => id.toLowerCase()).nullable()).max(20);
const MAX_PLAYOFF_TEAMS = 16;
const MAX_GRACE_MINUTES = 7 * 24 * 60;
/** An example of each sport's period key (the stat feed's `period`), for forms. */
const PERIOD_EXAMPLES: Record<ScoredSport, string> = { football: '2026-W01', f1: 'monaco-2026' };

const time = isoTime;
/** A real club (the players' `team`, e.g. KC) → its kickoff in the period. */
const fixtures = z.record(z.string().regex(/^[A-Za-z0-9-]{1,40}$/), time).refine((f) => Object.keys(f).length <= 64, 'at most 64 fixtures');

const periodInput = z.strictObject({
  key: z.string().max(40),
  startsAt: time,
  locksAt: time,
  fixtures: fixtures.default({}),
});
export type PeriodInput = z.infer<typeof periodInput>;

export function newSeasonBody(sport: ScoredSport) {
  return z.strictObject({
    periods: z.array(periodInput).min(2).max(MAX_PERIODS),
    regularWeeks: z.number().int().min(1).max(MAX_PERIODS - 1),
    playoffTeams: z.number().int().min(2).max(MAX_PLAYOFF_TEAMS),
    playoffWeeks: z.number().int().min(1).max(4),
    tiebreakers: tiebreakersSchema.default(DEFAULT_TIEBREAKERS),
    lineup: lineupSettingsSchema.default(DEFAULT_LINEUP[sport]),
    finalizeGraceMinutes: z.number().int().min(0).max(MAX_GRACE_MINUTES).default(DEFAULT_GRACE_MINUTES),
  }).superRefine((body, ctx) => checkSeason(sport, body, ctx));
}
export type NewSeasonBody = z.infer<ReturnType<typeof newSeasonBody>>;

function checkSeason(sport: ScoredSport, body: { periods: PeriodInput[]; regularWeeks: number; playoffTeams: number; playoffWeeks: number; lineup: LineupSettings }, ctx: z.RefinementCtx) {
  const issue = (path: Array<string | number>, message: string) => ctx.addIssue({ code: 'custom', path, message });
  // A slot only players of the sport's positions can fill (a typo like "WRR" would stay empty all season).
  for (const [slot, positions] of Object.entries(body.lineup.eligibility)) {
    positions.forEach((position, i) => {
      if (!SCORED_POSITIONS[sport].includes(position)) issue(['lineup', 'eligibility', slot, i], `no ${sport} position ${position} (${SCORED_POSITIONS[sport].join(', ')})`);
    });
  }
  if (body.periods.length !== body.regularWeeks + body.playoffWeeks) {
    issue(['periods'], `${body.regularWeeks} regular + ${body.playoffWeeks} playoff weeks need ${body.regularWeeks + body.playoffWeeks} periods`);
  }
  if (body.playoffWeeks !== playoffRounds(body.playoffTeams)) {
    issue(['playoffWeeks'], `${body.playoffTeams} playoff teams play ${playoffRounds(body.playoffTeams)} rounds, one a week`);
  }
  const keys = new Set<string>();
  body.periods.forEach((period, i) => {
    if (!PERIOD_FORMATS[sport].safeParse(period.key).success) issue(['periods', i, 'key'], `not a ${sport} period (the stat feed's, e.g. 2026-W01)`);
    if (keys.has(period.key)) issue(['periods', i, 'key'], 'each period once');
    keys.add(period.key);
    const starts = Date.parse(period.startsAt);
    const next = body.periods[i + 1] ? Date.parse(body.periods[i + 1].startsAt) : Infinity;
    if (Date.parse(period.locksAt) < starts || Date.parse(period.locksAt) >= next) issue(['periods', i, 'locksAt'], 'between the period\'s start and the next one\'s');
    if (next <= starts) issue(['periods', i + 1, 'startsAt'], 'periods in order, each after the last');
    for (const [club, kickoff] of Object.entries(period.fixtures)) {
      const at = Date.parse(kickoff);
      if (at < starts || at >= next) issue(['periods', i, 'fixtures', club], 'within the period');
    }
  });
}

/**
 * What a season-creation form needs to offer exactly what the body above accepts, for one sport and
 * a league of `teams` teams (`GET /leagues/:id/season-options`).
 */
export function seasonOptions(sport: ScoredSport, teams: number) {
  return {
    sport, teams,
    positions: [...SCORED_POSITIONS[sport]],
    lineup: DEFAULT_LINEUP[sport],
    tiebreakers: { all: [...TIEBREAKERS], default: DEFAULT_TIEBREAKERS },
    periods: { min: 2, max: MAX_PERIODS, keyExample: PERIOD_EXAMPLES[sport] },
    playoffTeams: { min: 2, max: Math.min(MAX_PLAYOFF_TEAMS, teams) },
    finalizeGraceMinutes: { default: DEFAULT_GRACE_MINUTES, max: MAX_GRACE_MINUTES },
  };
}
export type SeasonOptions = ReturnType<typeof seasonOptions>;

export function settingsOf(body: NewSeasonBody): SeasonSettings {
  const { periods: _periods, ...settings } = body;
  return settings;
}

/** Weekly periods for sample data and tests: week keys from `firstWeek`, a week apart, each locking `lockAfterMs` after its start. */
export function weeklyPeriods(year: number, firstWeek: number, count: number, firstStart: Date, lockAfterMs: number): PeriodInput[] {
  const WEEK = 7 * 24 * 3600 * 1000;
  return Array.from({ length: count }, (_, i) => {
    const start = firstStart.getTime() + i * WEEK;
    return {
      key: `${year}-W${String(firstWeek + i).padStart(2, '0')}`,
      startsAt: new Date(start).toISOString(), locksAt: new Date(start + lockAfterMs).toISOString(), fixtures: {},
    };
  });
}
