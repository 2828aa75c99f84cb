/**
 * All sample data Clubhouse seeds: the fantasy-football pool, the F1 grid and the Strat-style
 * baseball league, from one seed. Each sport's generator draws from its own `seededRng(seed)`,
 * so the result is identical on every run; externalIds carry a sport prefix ('football:',
 * 'f1:', 'baseball:') and are unique across the whole set.
 */
import type { PlayerSeed } from '../players/types.ts';
import { generateBaseballTeams, type BaseballClub } from './baseball.ts';
import { generateF1Drivers } from './f1.ts';
import { generateFootballPlayers } from './football.ts';

export { generateBaseballTeams, type BaseballClub } from './baseball.ts';
export { generateF1Drivers } from './f1.ts';
export { generateFootballPlayers } from './football.ts';

export interface SampleData {
  players: PlayerSeed[];
  baseballClubs: BaseballClub[];
}

export function generateSampleData(seed = 1): SampleData {
  const baseball = generateBaseballTeams(seed);
  const players = [...generateFootballPlayers(seed), ...generateF1Drivers(seed), ...baseball.players];
  assertUniqueExternalIds(players);
  return { players, baseballClubs: baseball.clubs };
}

function assertUniqueExternalIds(players: readonly PlayerSeed[]): void {
  const seen = new Set<string>();
  for (const { externalId } of players) {
    if (seen.has(externalId)) throw new Error(`duplicate sample externalId ${externalId}`);
    seen.add(externalId);
  }
}
