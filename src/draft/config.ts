import type { Sport } from '../players/types.ts';
import type { RosterRules } from './types.ts';

/** What a league of each sport drafts unless the commissioner says otherwise. */
export const SPORT_DEFAULTS: Record<Sport, { rounds: number; pickSeconds: number; rosterRules: RosterRules }> = {
  // No `total` by default: a team rosters as many players as it holds picks (traded picks included).
  football: { rounds: 15, pickSeconds: 90, rosterRules: { maxPerPosition: { QB: 3, RB: 6, WR: 6, TE: 3, K: 2, DEF: 2 } } },
  f1: { rounds: 2, pickSeconds: 60, rosterRules: { maxPerPosition: { DRV: 2 } } },
  baseball: { rounds: 26, pickSeconds: 90, rosterRules: { maxPerPosition: {} } },
};
