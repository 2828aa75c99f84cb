/**
 * The default rules a league starts with (version 1) and that a commissioner may pick by name.
 * Football follows the common "standard" table (ESPN-like kicking and defense); PPR adds a point
 * per reception. F1 scores the real championship's top-ten points plus places moved.
 */
import type { Bonus, ScoringRules } from './rules.ts';
import type { ScoredSport } from './stats.ts';

export const PRESETS = ['standard', 'ppr', 'f1'] as const;
export type Preset = (typeof PRESETS)[number];

/** Team defense by points allowed: fewer is better, 35 or more costs points. */
const POINTS_ALLOWED_TIERS: Array<[min: number, max: number | undefined, points: number]> = [
  [0, 0, 10], [1, 6, 7], [7, 13, 4], [14, 20, 1], [21, 27, 0], [28, 34, -1], [35, undefined, -4],
];

const defenseTiers: Bonus[] = POINTS_ALLOWED_TIERS
  .filter(([, , points]) => points !== 0)
  .map(([min, max, points]) => ({
    label: max === undefined ? `${min}+ points allowed` : min === max ? `${min} points allowed` : `${min}-${max} points allowed`,
    when: { pointsAllowed: max === undefined ? { min } : { min, max } },
    points,
    positions: ['DEF'],
  }));

const standard: ScoringRules = {
  sport: 'football',
  perUnit: {
    passYards: 0.04, passTd: 4, passInt: -2,
    rushYards: 0.1, rushTd: 6,
    receptions: 0, recYards: 0.1, recTd: 6,
    fumblesLost: -2, twoPointConversions: 2,
    fg0to39: 3, fg40to49: 4, fg50plus: 5, fgMissed: -1, xpMade: 1, xpMissed: -1,
    sacks: 1, defInterceptions: 2, fumbleRecoveries: 2, defTd: 6, safeties: 2, blockedKicks: 2,
  },
  positionPerUnit: {},
  tables: {},
  bonuses: defenseTiers,
};

const ppr: ScoringRules = { ...standard, perUnit: { ...standard.perUnit, receptions: 1 } };

const f1: ScoringRules = {
  sport: 'f1',
  perUnit: { positionsGained: 1, positionsLost: -1, dnf: -5 },
  positionPerUnit: {},
  tables: {
    finish: [25, 18, 15, 12, 10, 8, 6, 4, 2, 1],
    qualifying: [3, 2, 1],
  },
  bonuses: [{ label: 'fastest lap in the top 10', when: { fastestLap: { min: 1 }, finish: { max: 10 } }, points: 1 }],
};

const RULES: Record<Preset, ScoringRules> = { standard, ppr, f1 };

/** A deep copy, so nobody can change the preset through what it returned. */
export function presetRules(preset: Preset): ScoringRules {
  return structuredClone(RULES[preset]);
}

export function presetSport(preset: Preset): ScoredSport {
  return RULES[preset].sport;
}

/** What a new league of the sport starts with. */
export const DEFAULT_PRESET: Record<ScoredSport, Preset> = { football: 'ppr', f1: 'f1' };
