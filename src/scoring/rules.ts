/**
 * Scoring rules as data: one JSON document per version of a league's rules, validated here with
 * zod against the league's sport (a rule naming a stat or position the sport does not have is a
 * 400 naming that field, never a rule that silently scores nothing).
 */
import { z } from 'zod';
import { SCORED_POSITIONS, STAT_NAMES, type ScoredSport } from './stats.ts';

const MAX_POINTS = 1_000;
const MAX_BONUSES = 50;
const MAX_TABLE = 30;

const points = z.number().finite().min(-MAX_POINTS).max(MAX_POINTS);
const name = z.string().regex(/^[A-Za-z0-9]{1,32}$/, '1-32 letters or digits');
const perUnit = z.record(name, points);

/** Inclusive bounds on one stat; at least one of them. */
const range = z.strictObject({ min: z.number().finite().optional(), max: z.number().finite().optional() })
  .refine((r) => r.min !== undefined || r.max !== undefined, 'min or max is required')
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min must not exceed max');

/**
 * Points when every stat named in `when` is on the line and within its range: thresholds
 * (100+ rushing yards), tiers (points allowed 1-6) and combinations (fastest lap while finishing
 * in the top 10). `positions` limits it to players of those positions.
 */
const bonus = z.strictObject({
  label: z.string().trim().min(1).max(60),
  when: z.record(name, range).refine((when) => Object.keys(when).length > 0, 'name at least one stat'),
  points,
  positions: z.array(name).min(1).max(10).optional(),
});

const rulesShape = z.strictObject({
  sport: z.enum(['football', 'f1']),
  /** Points per unit of a stat (per yard, per touchdown, per place gained). */
  perUnit: perUnit.default({}),
  /** Extra points per unit for players of one position, added to perUnit (TE premium). */
  positionPerUnit: z.record(name, perUnit).default({}),
  /** Points by a stat's value: value 1 earns the first entry (F1 finish places); beyond the list, none. */
  tables: z.record(name, z.array(points).min(1).max(MAX_TABLE)).default({}),
  bonuses: z.array(bonus).max(MAX_BONUSES).default([]),
});

export type ScoringRules = z.infer<typeof rulesShape>;
export type Bonus = ScoringRules['bonuses'][number];

/** The rules schema of one sport: the shape above plus "only this sport's stats and positions". */
export function rulesSchema(sport: ScoredSport) {
  return rulesShape.superRefine((rules, ctx) => {
    const stats = new Set(STAT_NAMES[sport]);
    const positions = new Set(SCORED_POSITIONS[sport]);
    const stat = (value: string, path: PropertyKey[]) => {
      if (!stats.has(value)) ctx.addIssue({ code: 'custom', path, message: `no ${sport} stat ${value}` });
    };
    const position = (value: string, path: PropertyKey[]) => {
      if (!positions.has(value)) ctx.addIssue({ code: 'custom', path, message: `no ${sport} position ${value}` });
    };
    if (rules.sport !== sport) ctx.addIssue({ code: 'custom', path: ['sport'], message: `these are ${sport} rules` });
    for (const key of Object.keys(rules.perUnit)) stat(key, ['perUnit', key]);
    for (const [pos, extra] of Object.entries(rules.positionPerUnit)) {
      position(pos, ['positionPerUnit', pos]);
      for (const key of Object.keys(extra)) stat(key, ['positionPerUnit', pos, key]);
    }
    for (const key of Object.keys(rules.tables)) stat(key, ['tables', key]);
    rules.bonuses.forEach((b, i) => {
      for (const key of Object.keys(b.when)) stat(key, ['bonuses', i, 'when', key]);
      b.positions?.forEach((pos, j) => position(pos, ['bonuses', i, 'positions', j]));
    });
  });
}

/** Parses stored or preset rules that must already be valid (a bug, not input, if they are not). */
export function validRules(sport: ScoredSport, rules: unknown): ScoringRules {
  return rulesSchema(sport).parse(rules);
}
