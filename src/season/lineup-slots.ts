/**
 * Lineup slots per sport: which starting slots a team fills each period and which positions may
 * fill each. Everyone else on the roster is on the bench (scores nothing in the matchup). A league
 * sets its own in the season's settings; these are the defaults (Sleeper's and ESPN's standard
 * football lineup). Pure data.
 */
import { z } from 'zod';
import type { ScoredSport } from '../scoring/stats.ts';

export interface LineupSettings {
  /** The starting slots in display order; a slot name may repeat (RB, RB). */
  slots: string[];
  /** Slot name → the player positions that may start there. */
  eligibility: Record<string, string[]>;
}

export const DEFAULT_LINEUP: Record<ScoredSport, LineupSettings> = {
  football: {
    slots: ['QB', 'RB', 'RB', 'WR', 'WR', 'TE', 'FLEX', 'K', 'DEF'],
    eligibility: { QB: ['QB'], RB: ['RB'], WR: ['WR'], TE: ['TE'], FLEX: ['RB', 'WR', 'TE'], K: ['K'], DEF: ['DEF'] },
  },
  f1: { slots: ['DRV', 'DRV'], eligibility: { DRV: ['DRV'] } },
};

/** The bench is not a slot a lineup names: it is everyone not started. */
export const BENCH = 'BN';

const name = z.string().regex(/^[A-Z0-9]{1,8}$/, '1-8 capital letters or digits');

/** A league's own slots: every slot named in `eligibility`, every eligibility list non-empty. */
export const lineupSettingsSchema = z.strictObject({
  slots: z.array(name.refine((s) => s !== BENCH, 'BN is the bench, not a slot')).min(1).max(20),
  eligibility: z.record(name, z.array(name).min(1).max(10)),
}).superRefine((settings, ctx) => {
  settings.slots.forEach((slot, i) => {
    if (!settings.eligibility[slot]) ctx.addIssue({ code: 'custom', path: ['slots', i], message: `no eligibility for ${slot}` });
  });
});

export function canPlay(settings: LineupSettings, slot: string, positions: readonly string[]): boolean {
  const allowed = settings.eligibility[slot] ?? [];
  return positions.some((position) => allowed.includes(position));
}
