import type { BaseballRatings, BattingRatings } from '../../src/players/types.ts';
import {
  AVERAGE_BATTER, AVERAGE_PITCHER, FIELD_POSITIONS, PD, SBA, initialState,
  type Bases, type Card, type CardRow, type FieldPosition, type GameContext,
  type GamePlayer, type GameState, type LeagueRules, type CardResult, type Runner, type TeamSetup,
} from '../../src/baseball/index.ts';

export { PD, SBA };

/** A card that says the same thing on every row: scenarios then only need d6 1-3 (batter) or 4-6 (pitcher). */
export function cardOf(outcome: CardResult, side: Card['side'] = 'batter'): Card {
  const column: CardRow[] = Array.from({ length: 11 }, (_, i) => ({ roll: i + 2, a: outcome, b: outcome, split: 20 }));
  return { side, columns: [column, column, column] };
}

/** Reads the batter's card, column 1, row 2, d20 1: the first four dice of a PA. */
export const BATTER_ROLL = [1, 1, 1, 1];
/** Reads the pitcher's card, column 1, row 2, d20 1. */
export const PITCHER_ROLL = [4, 1, 1, 1];

const FIELDING = Object.fromEntries(FIELD_POSITIONS.map((p) => [p, { range: 3 as const, error: 0, arm: 0 }]));

export function ratings(batting: Partial<BattingRatings> = {}, pitcher = false): BaseballRatings {
  return {
    batting: { ...AVERAGE_BATTER, ...batting },
    fielding: { ...FIELDING },
    passedBall: 2,
    ...(pitcher ? { pitching: { ...AVERAGE_PITCHER } } : {}),
  };
}

/**
 * Two teams of nine hitters (a1..a9, h1..h9), three bench players (ab1..ab3, hb1..hb3), a starter
 * and two relievers each (ap, ar1, ar2, hp, hr1, hr2). Every batter strikes out and every pitcher
 * card reads K unless told otherwise.
 *
 * Fielders: P the starter, C a1/h1, 1B 2, 2B 3, 3B 4, SS 5, LF 6, CF 7, RF 8; batting order 1..8 by
 * position, then 9 as DH (PD) or the pitcher (SBA; 9 does not play).
 */
export class Scenario {
  readonly players = new Map<string, GamePlayer>();
  readonly ctx: GameContext = { players: this.players };

  constructor() {
    for (const side of ['a', 'h']) {
      for (let i = 1; i <= 9; i++) this.add(`${side}${i}`, ratings());
      for (let i = 1; i <= 3; i++) this.add(`${side}b${i}`, ratings());
      for (const id of [`${side}p`, `${side}r1`, `${side}r2`]) this.add(id, ratings({}, true));
    }
  }

  add(id: string, r: BaseballRatings): void {
    const pitcher = cardOf('K', 'pitcher');
    this.players.set(id, { id, name: id.toUpperCase(), ratings: r, battingCard: cardOf('K'), pitchingCards: r.pitching ? [pitcher, pitcher, pitcher] : [] });
  }

  /** Gives a player a card (batting; pitching, and tired: his card once fatigue sets in) or changes his ratings. */
  set(id: string, change: { batting?: CardResult; pitching?: CardResult; tired?: CardResult; ratings?: Partial<BaseballRatings>; speed?: number }): this {
    const p = this.players.get(id);
    if (!p) throw new Error(`no player ${id}`);
    let r = { ...p.ratings, ...change.ratings };
    if (change.speed !== undefined) r = { ...r, batting: { ...r.batting, speed: change.speed } };
    this.players.set(id, {
      ...p,
      ratings: r,
      battingCard: change.batting ? cardOf(change.batting) : p.battingCard,
      pitchingCards: [
        change.pitching ? cardOf(change.pitching, 'pitcher') : p.pitchingCards[0],
        ...[1, 2].map((level) => (change.tired ?? change.pitching ? cardOf((change.tired ?? change.pitching)!, 'pitcher') : p.pitchingCards[level])),
      ],
    });
    return this;
  }

  setup(side: 'a' | 'h', rules: LeagueRules): TeamSetup {
    const fielders = Object.fromEntries(FIELD_POSITIONS.map((pos, i) =>
      [pos, pos === 'P' ? `${side}p` : `${side}${i}`])) as Record<FieldPosition, string>;
    const lineup = Array.from({ length: 9 }, (_, i) => ({
      playerId: !rules.designatedHitter && i === 8 ? `${side}p` : `${side}${i + 1}`,
      position: (!rules.designatedHitter && i === 8 ? 'P' : i === 8 ? 'DH' : FIELD_POSITIONS[i + 1]) as never,
    }));
    return {
      clubId: side === 'a' ? 'away' : 'home', lineup, fielders, bullpen: [`${side}r1`, `${side}r2`],
      bench: [`${side}b1`, `${side}b2`, `${side}b3`],
    };
  }

  state(rules: LeagueRules = PD, at: Partial<GameState> = {}): GameState {
    return { ...initialState(rules, this.setup('a', rules), this.setup('h', rules)), ...at };
  }
}

/** Bases from runner ids ('' = empty), all charged to the given pitcher, earned. */
export function bases(first: string, second: string, third: string, pitcherId = 'hp'): Bases {
  const runner = (id: string): Runner | null => (id ? { id, pitcherId, earned: true } : null);
  return [runner(first), runner(second), runner(third)];
}

/** The sample league's clubs, roster order kept (rotation and bullpen order come from it). */
export { sampleClubs } from '../../src/seed/baseball.ts';
