import { RuleHarness, deepFreeze } from '../helpers/rules.ts';
import { seededRng, shuffled, type Rng } from '../../src/dice/rng.ts';
import {
  applyEvent, initialState, start,
  type DraftConfig, type DraftEvent, type DraftState, type Pool, type PoolPlayer, type RuleErrorCode,
} from '../../src/draft/index.ts';

export const T0 = Date.UTC(2025, 7, 20, 18, 0, 0);

export function makeConfig(overrides: Partial<DraftConfig> = {}): DraftConfig {
  return {
    draftId: 'd1',
    type: 'snake',
    rounds: 3,
    pickSeconds: 60,
    order: ['A', 'B', 'C', 'D'],
    rosterRules: { maxPerPosition: {} },
    keepers: [],
    tradedPicks: [],
    ...overrides,
  };
}

export function teams(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `t${i + 1}`);
}

/** A pool from [id, positions] pairs: rank follows the list order, adp = rank. */
export function poolOf(...players: Array<[string, string[]] | PoolPlayer>): Pool {
  return new Map(players.map((p, i) => {
    const player = Array.isArray(p) ? { id: p[0], positions: p[1], rank: i + 1, adp: i + 1 } : p;
    return [player.id, player];
  }));
}

/** A football-like pool from a seed: counts per position, some RB/WR flex players, ranks shuffled. */
export function randomPool(rng: Rng, counts: Record<string, number> = { QB: 40, RB: 80, WR: 100, TE: 40, K: 25, DEF: 25 }): Pool {
  const players: Array<{ id: string; positions: string[] }> = [];
  for (const [position, count] of Object.entries(counts)) {
    for (let i = 1; i <= count; i++) {
      const flex = (position === 'RB' || position === 'WR') && rng.int(1, 5) === 1;
      players.push({ id: `${position.toLowerCase()}-${i}`, positions: flex ? [position, position === 'RB' ? 'WR' : 'RB'] : [position] });
    }
  }
  const ranked = shuffled(rng, players).map((p, i) => ({ ...p, rank: i + 1, adp: i + 1 + rng.int(-10, 10) / 2 }));
  return new Map(ranked.map((p) => [p.id, p]));
}

export { seededRng };

export { deepFreeze };

/** A draft as a room would run it (test/helpers/rules.ts). */
export class Draft extends RuleHarness<DraftState, DraftEvent, RuleErrorCode> {
  readonly config: DraftConfig;

  constructor(config: DraftConfig) {
    super(initialState(config), applyEvent);
    this.config = config;
  }
}

/** A small pool for rule tests, best first. */
export const rulesPool = poolOf(
  ['qb1', ['QB']], ['qb2', ['QB']], ['rb1', ['RB']], ['rb2', ['RB']], ['flex1', ['RB', 'WR']],
  ['wr1', ['WR']], ['wr2', ['WR']], ['te1', ['TE']], ['k1', ['K']], ['k2', ['K']],
);

/** A draft already started at T0 (rules are checked against rulesPool unless told otherwise). */
export function liveDraft(overrides: Partial<DraftConfig> = {}, pool: Pool = rulesPool): Draft {
  const draft = new Draft(makeConfig(overrides));
  draft.do((s) => start(s, { now: T0, pool }));
  return draft;
}
