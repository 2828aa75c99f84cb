/**
 * Fictional Formula 1 grid: exactly 20 drivers, 2 per constructor of names.ts; and a fictional
 * 24-race calendar (generateF1Calendar) for the race-weekend drafts of src/f1/.
 *
 * - Each constructor gets a car strength: the constructors are shuffled and spread evenly from
 *   95 (front-runner) down to 70 (back-marker).
 * - Each driver's `rating` (65..98) is normal around 82 (sd 6), nudged by a fifth of the car's
 *   distance from 82, since top teams hire top drivers.
 * - Fantasy value (rank 1..20) is 55% car + 45% driver, which is roughly how points are scored;
 *   ADP is rank plus noise. Race numbers are distinct, drawn from 2..99.
 * Deterministic: only `seededRng(seed)` is used.
 */
import { seededRng, pickOne, shuffled, type Rng } from '../dice/rng.ts';
import type { PlayerSeed } from '../players/types.ts';
import {
  F1_CONSTRUCTORS, NATIONALITIES, clamp, normal, rankByValue, uniquePersonName, zeroPad,
  type UnrankedPlayer,
} from './names.ts';

export const DRIVERS_PER_CONSTRUCTOR = 2;
const BEST_CAR = 95;
const WORST_CAR = 70;
const AVERAGE_DRIVER = 82;

/** The 20-driver grid, `rank` 1..20. */
export function generateF1Drivers(seed = 1): PlayerSeed[] {
  const rng = seededRng(seed);
  const carStrengths = constructorStrengths(rng);
  const numbers = shuffled(rng, range(2, 99));
  const usedNames = new Set<string>();
  const unranked: UnrankedPlayer[] = F1_CONSTRUCTORS.flatMap((constructor, constructorIndex) =>
    Array.from({ length: DRIVERS_PER_CONSTRUCTOR }, (_, seat) => {
      const index = constructorIndex * DRIVERS_PER_CONSTRUCTOR + seat;
      const car = carStrengths.get(constructor) ?? AVERAGE_DRIVER;
      return driver(rng, index, constructor, car, numbers[index], usedNames);
    }));
  return rankByValue(rng, unranked);
}

function driver(
  rng: Rng, index: number, constructor: string, car: number, number: number, usedNames: Set<string>,
): UnrankedPlayer {
  const rating = Math.round(clamp(normal(rng, AVERAGE_DRIVER + (car - AVERAGE_DRIVER) / 5, 6), 65, 98));
  return {
    seed: {
      externalId: `f1:drv-${zeroPad(index + 1)}`,
      sport: 'f1',
      name: uniquePersonName(rng, usedNames),
      positions: ['DRV'],
      team: constructor,
      attributes: { number, constructor, nationality: pickOne(rng, NATIONALITIES), rating },
    },
    value: 0.55 * car + 0.45 * rating,
  };
}

/** Constructor -> car strength, evenly spaced from BEST_CAR to WORST_CAR in shuffled order. */
function constructorStrengths(rng: Rng): Map<string, number> {
  const order = shuffled(rng, F1_CONSTRUCTORS);
  const step = (BEST_CAR - WORST_CAR) / (order.length - 1);
  return new Map(order.map((constructor, index) => [constructor, Math.round(BEST_CAR - index * step)]));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** One race of a generated calendar, as the f1_races table stores it. */
export interface RaceSeed {
  season: number;
  round: number;
  name: string;
  circuit: string;
  country: string;
  /** The stat feed's period: the race's first word, lower case, then the season (`aurora-2026`). */
  period: string;
  startsAt: Date;
  /** The start of qualifying, the day before the race. */
  locksAt: Date;
}

/** 24 fictional venues: [race name word, circuit, country]. */
const VENUES: ReadonlyArray<[string, string, string]> = [
  ['Aurora', 'Aurora Street Circuit', 'Norvania'], ['Solano', 'Autodromo Solano', 'Costa Ardente'],
  ['Kestrel', 'Kestrel Park', 'Brightwater'], ['Marisol', 'Marisol Harbour Circuit', 'Ilhas Douradas'],
  ['Vantor', 'Vantor Ring', 'Ostmark'], ['Calder', 'Calder Raceway', 'New Caledon'],
  ['Ember', 'Ember Valley Circuit', 'Sundara'], ['Halcyon', 'Halcyon Bay Circuit', 'Meridia'],
  ['Tiber', 'Circuito del Tiber Alto', 'Valdoria'], ['Frostholm', 'Frostholm Motorpark', 'Nordhavn'],
  ['Zephyr', 'Zephyr Coast Circuit', 'Aeloria'], ['Granite', 'Granite Peak Speedway', 'Highmoor'],
  ['Lumen', 'Lumen City Circuit', 'Solvenia'], ['Orchid', 'Orchid Isle Circuit', 'Tamaran'],
  ['Sable', 'Sable Desert Circuit', 'Qaradun'], ['Riviera', 'Circuit de la Riviera Bleue', 'Belmare'],
  ['Cobalt', 'Cobalt Lake Circuit', 'Kaskadia'], ['Pinnacle', 'Pinnacle Hill Circuit', 'Altenberg'],
  ['Monsoon', 'Monsoon Bay Street Circuit', 'Serapur'], ['Glacier', 'Glacier Point Raceway', 'Isfjord'],
  ['Crescent', 'Crescent Moon Circuit', 'Al-Hilal'], ['Tempest', 'Tempest Downs', 'Stormland'],
  ['Verdant', 'Verdant Hills Circuit', 'Greenmarch'], ['Finale', 'Finale Marina Circuit', 'Porto Sereno'],
];

/** Days between races, repeating: a fortnight, then a back-to-back weekend. */
const GAPS_DAYS = [14, 7] as const;
/** Qualifying starts this long before the race (Saturday 15:00 for a Sunday 14:00 race). */
export const QUALIFYING_BEFORE_RACE_MS = 23 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** When round `round` (1-based) starts, the first race starting at `firstRaceAt`. */
export function raceStart(firstRaceAt: Date, round: number): Date {
  let at = firstRaceAt.getTime();
  for (let r = 1; r < round; r++) at += GAPS_DAYS[(r - 1) % GAPS_DAYS.length] * DAY_MS;
  return new Date(at);
}

/** A fictional 24-race calendar for `season`, its first race at `firstRaceAt`. Deterministic. */
export function generateF1Calendar(season: number, firstRaceAt: Date): RaceSeed[] {
  return VENUES.map(([word, circuit, country], index) => {
    const startsAt = raceStart(firstRaceAt, index + 1);
    return {
      season, round: index + 1, name: `${word} Grand Prix`, circuit, country,
      period: `${word.toLowerCase()}-${season}`, startsAt, locksAt: new Date(startsAt.getTime() - QUALIFYING_BEFORE_RACE_MS),
    };
  });
}
