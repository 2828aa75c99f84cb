import { z } from 'zod';
import { isoTime } from '../time-input.ts';
import type { Sport } from '../players/types.ts';
import { SPORT_DEFAULTS } from '../draft/config.ts';

/**
 * A league's transaction settings: roster limits, waivers, trades. Stored as JSON on the league
 * (`transaction_settings`, null = the sport's defaults) and parsed here on every read, so a row
 * written before a setting existed gets its default. The commissioner edits them
 * (PATCH /leagues/:id); every edit is a log entry.
 */

const MAX_ROSTER = 60;
export const DEFAULT_WAIVER_DAYS = 2;
export const DEFAULT_FAAB_BUDGET = 100;

const rosterLimits = z.object({
  /** Most players on a roster. */
  total: z.number().int().min(1).max(MAX_ROSTER),
  /** Most players slotted at a position; an unlisted position has no limit. */
  maxPerPosition: z.record(z.string().min(1).max(8), z.number().int().min(0).max(MAX_ROSTER)),
}).strict();

const waiverSettings = z.object({
  /** rolling: a team that wins a claim goes to the end; reverse-standings: worst team first; faab: blind bids. */
  type: z.enum(['rolling', 'reverse-standings', 'faab']),
  /** How long a dropped player stays on waivers before the next run settles him; 0: no waivers, a free agent at once. */
  periodDays: z.number().int().min(0).max(14),
  /** The waiver run: at this hour (UTC) on these weekdays (0 Sunday .. 6 Saturday). */
  runHourUtc: z.number().int().min(0).max(23),
  runDays: z.array(z.number().int().min(0).max(6)).min(1).max(7),
  /** FAAB: each team's budget for the season. */
  faabBudget: z.number().int().min(0).max(100_000),
}).strict();

const tradeSettings = z.object({
  /** commissioner: he approves or vetoes; league: managers veto by votes within the window; none: at once. */
  review: z.enum(['commissioner', 'league', 'none']),
  reviewHours: z.number().int().min(0).max(168),
  /** League veto: this many teams (other than the two trading) voting against veto the trade. */
  vetoVotes: z.number().int().min(1).max(30),
  /** No trade is proposed, accepted or executed after this time (ISO, any offset; kept in UTC), if set. */
  deadline: isoTime.overwrite((at) => new Date(at).toISOString()).nullable(),
}).strict();

export const transactionSettings = z.object({
  roster: rosterLimits,
  waivers: waiverSettings,
  trades: tradeSettings,
}).strict();
export type TransactionSettings = z.infer<typeof transactionSettings>;
export type RosterLimits = TransactionSettings['roster'];

/** What a commissioner may send: any part of the settings, the rest kept. */
export const settingsPatch = z.object({
  roster: rosterLimits.partial().optional(),
  waivers: waiverSettings.partial().optional(),
  trades: tradeSettings.partial().optional(),
}).strict();
export type SettingsPatch = z.infer<typeof settingsPatch>;

/** The sport's defaults: the draft's roster size and position caps, 2-day rolling waivers daily at 09:00 UTC, commissioner-reviewed trades. */
export function defaultSettings(sport: Sport): TransactionSettings {
  const draft = SPORT_DEFAULTS[sport];
  return {
    roster: { total: draft.rosterRules.total ?? draft.rounds, maxPerPosition: { ...draft.rosterRules.maxPerPosition } },
    waivers: { type: 'rolling', periodDays: DEFAULT_WAIVER_DAYS, runHourUtc: 9, runDays: [0, 1, 2, 3, 4, 5, 6], faabBudget: DEFAULT_FAAB_BUDGET },
    trades: { review: 'commissioner', reviewHours: 24, vetoVotes: 3, deadline: null },
  };
}

/** The league's settings: its stored ones over the sport's defaults (a bad stored part falls back to the default). */
export function settingsOf(league: { sport: Sport; transactionSettings?: Record<string, unknown> | null }): TransactionSettings {
  const defaults = defaultSettings(league.sport);
  const stored = (league.transactionSettings ?? {}) as Record<string, Record<string, unknown> | undefined>;
  return {
    roster: rosterLimits.safeParse({ ...defaults.roster, ...stored.roster }).data ?? defaults.roster,
    waivers: waiverSettings.safeParse({ ...defaults.waivers, ...stored.waivers }).data ?? defaults.waivers,
    trades: tradeSettings.safeParse({ ...defaults.trades, ...stored.trades }).data ?? defaults.trades,
  };
}

/** The settings after a commissioner's patch (each part merged over the current one). */
export function patchedSettings(current: TransactionSettings, patch: SettingsPatch): TransactionSettings {
  return transactionSettings.parse({
    roster: { ...current.roster, ...patch.roster },
    waivers: { ...current.waivers, ...patch.waivers },
    trades: { ...current.trades, ...patch.trades },
  });
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The first waiver run at or after `at` (epoch ms): the next run hour on one of the run days. */
export function nextWaiverRun(waivers: TransactionSettings['waivers'], at: number): number {
  const startOfDay = Math.floor(at / DAY_MS) * DAY_MS;
  for (let day = 0; day <= 7; day++) {
    const candidate = startOfDay + day * DAY_MS + waivers.runHourUtc * HOUR_MS;
    if (candidate >= at && waivers.runDays.includes(new Date(candidate).getUTCDay())) return candidate;
  }
  throw new Error('runDays names no weekday'); // unreachable: zod requires at least one
}

/** When a player dropped at `droppedAt` clears waivers: the first run after his waiver period. */
export function waiverClearsAt(waivers: TransactionSettings['waivers'], droppedAt: number): number {
  return nextWaiverRun(waivers, droppedAt + waivers.periodDays * DAY_MS);
}
