/**
 * Fictional vocabulary for the sample-data generators, plus the few seeded sampling helpers they
 * share. Every person and club here is invented: people are a random first name + last name, and
 * the surnames are deliberately uncommon so that combinations do not name real athletes.
 *
 * All randomness comes from an `Rng` (in practice `seededRng`), never Math.random, so the
 * generators are deterministic: the same seed always produces the same data.
 */
import { pickOne, type Rng } from '../dice/rng.ts';
import type { PlayerSeed } from '../players/types.ts';

export const FIRST_NAMES: readonly string[] = [
  'Aldo', 'Ansel', 'Bram', 'Cade', 'Callum', 'Dario', 'Desmond', 'Elio', 'Emory', 'Ferris',
  'Gideon', 'Hale', 'Idris', 'Jasper', 'Jonah', 'Kellan', 'Lachlan', 'Linus', 'Marek', 'Milo',
  'Nico', 'Orrin', 'Otto', 'Pascal', 'Quill', 'Rafferty', 'Remy', 'Rowan', 'Silas', 'Soren',
  'Tavish', 'Thaddeus', 'Tobin', 'Ulric', 'Vance', 'Wendell', 'Wyatt', 'Xander', 'Yusuf', 'Zane',
  'Anders', 'Beckett', 'Corwin', 'Dashiell', 'Everett', 'Fenton', 'Greer', 'Harlan', 'Ivo', 'Jory',
  'Keir', 'Lucan', 'Mateo', 'Niall', 'Oakley', 'Percival', 'Ronan', 'Stellan', 'Teodor', 'Wilder',
];

export const LAST_NAMES: readonly string[] = [
  'Ashgrove', 'Bellweather', 'Blackthorn', 'Brackenridge', 'Calloway', 'Carrow', 'Dunmarsh',
  'Elderkin', 'Fairbanks', 'Fenwright', 'Galloway', 'Glasswell', 'Hartigan', 'Hollowell',
  'Ironwood', 'Kettering', 'Kilbride', 'Larkhill', 'Lockridge', 'Marrowby', 'Merriweather',
  'Northcott', 'Oakenfold', 'Penhallow', 'Quarrington', 'Ravensworth', 'Redmayne', 'Saltonstall',
  'Sedgewick', 'Stonecroft', 'Thistlewood', 'Thornbury', 'Underhill', 'Vantongeren', 'Wexley',
  'Whitlock', 'Winterbourne', 'Yardley', 'Abernathy', 'Birchall', 'Cobbledick', 'Dalrymple',
  'Eastwick', 'Farrowdale', 'Gallagher-Reed', 'Hollingworth', 'Inglewood', 'Juniper', 'Kingsley-Vane',
  'Lindqvist', 'Moorcroft', 'Nettlefold', 'Ormsby', 'Pimbury', 'Quennell', 'Rookwood', 'Silverthorne',
  'Tregarthen', 'Uffington', 'Valcourt', 'Wolstenholme', 'Achterberg', 'Brightwater', 'Crandell',
  'Dovecote', 'Esterhazy', 'Foxley', 'Greywood', 'Hawksmoor', 'Ivesdale', 'Jessamine', 'Kestrell',
  'Lowther', 'Maplethorpe', 'Norwood-Hale', 'Oxenham', 'Pemberton', 'Quartermaine', 'Rushworth',
];

export interface FootballClub { city: string; nickname: string; abbreviation: string }

/** 32 fictional pro football clubs; the team defense of a club is named "<city> Defense". */
export const FOOTBALL_CLUBS: readonly FootballClub[] = [
  { city: 'Harbor City', nickname: 'Herons', abbreviation: 'HC' },
  { city: 'Ironvale', nickname: 'Forgers', abbreviation: 'IRV' },
  { city: 'Bramblewood', nickname: 'Bison', abbreviation: 'BRW' },
  { city: 'Copper Ridge', nickname: 'Coyotes', abbreviation: 'CR' },
  { city: 'Marlow Bay', nickname: 'Mariners', abbreviation: 'MB' },
  { city: 'Stonegate', nickname: 'Sentinels', abbreviation: 'STG' },
  { city: 'Redfern', nickname: 'Raptors', abbreviation: 'RED' },
  { city: 'Lakeshore', nickname: 'Loons', abbreviation: 'LAK' },
  { city: 'Granite Peak', nickname: 'Goats', abbreviation: 'GP' },
  { city: 'Silverton', nickname: 'Stallions', abbreviation: 'SIL' },
  { city: 'Westbrook', nickname: 'Wolves', abbreviation: 'WB' },
  { city: 'Eastport', nickname: 'Ospreys', abbreviation: 'EP' },
  { city: 'Northgate', nickname: 'Nighthawks', abbreviation: 'NG' },
  { city: 'Southmere', nickname: 'Stingrays', abbreviation: 'SM' },
  { city: 'Pinecrest', nickname: 'Porcupines', abbreviation: 'PC' },
  { city: 'Riverton', nickname: 'Rapids', abbreviation: 'RIV' },
  { city: 'Ashford', nickname: 'Anvils', abbreviation: 'ASH' },
  { city: 'Blackwater', nickname: 'Barracudas', abbreviation: 'BLK' },
  { city: 'Crystal Bay', nickname: 'Comets', abbreviation: 'CB' },
  { city: 'Dunmore', nickname: 'Dragons', abbreviation: 'DUN' },
  { city: 'Elmstead', nickname: 'Elks', abbreviation: 'ELM' },
  { city: 'Foxhollow', nickname: 'Foxes', abbreviation: 'FOX' },
  { city: 'Glenridge', nickname: 'Grizzlies', abbreviation: 'GLR' },
  { city: 'Highmoor', nickname: 'Hornets', abbreviation: 'HM' },
  { city: 'Juniper Junction', nickname: 'Jackrabbits', abbreviation: 'JJ' },
  { city: 'Kingsmere', nickname: 'Knights', abbreviation: 'KM' },
  { city: 'Larkspur', nickname: 'Lancers', abbreviation: 'LAR' },
  { city: 'Millbrook', nickname: 'Mustangs', abbreviation: 'MIL' },
  { city: 'Oakhaven', nickname: 'Owls', abbreviation: 'OH' },
  { city: 'Port Calloway', nickname: 'Pelicans', abbreviation: 'PCL' },
  { city: 'Quarry Hill', nickname: 'Quakes', abbreviation: 'QH' },
  { city: 'Tidewater', nickname: 'Tritons', abbreviation: 'TW' },
];

/** 10 fictional Formula 1 constructors. */
export const F1_CONSTRUCTORS: readonly string[] = [
  'Aurora Racing', 'Vantage GP', 'Meridian Motorsport', 'Falcon Works', 'Helix Racing Team',
  'Nordwind F1', 'Scuderia Ventoso', 'Apex Dynamics', 'Crescent Grand Prix', 'Kestrel Engineering',
];

export const NATIONALITIES: readonly string[] = [
  'British', 'German', 'Dutch', 'French', 'Spanish', 'Italian', 'Finnish', 'Danish', 'Australian',
  'Canadian', 'Mexican', 'Brazilian', 'Japanese', 'Thai', 'American', 'Monegasque', 'New Zealander',
];

export interface BaseballClubName { name: string; abbreviation: string }

/** 8 fictional baseball clubs (club id = lower-case abbreviation). */
export const BASEBALL_CLUBS: readonly BaseballClubName[] = [
  { name: 'Riverton Rivets', abbreviation: 'RVT' },
  { name: 'Harbor City Gulls', abbreviation: 'HCG' },
  { name: 'Copperfield Miners', abbreviation: 'CFM' },
  { name: 'Maple Hollow Owls', abbreviation: 'MHO' },
  { name: 'Stonebridge Sluggers', abbreviation: 'SBS' },
  { name: 'Prairie Junction Jacks', abbreviation: 'PJJ' },
  { name: 'Eastlake Lanterns', abbreviation: 'ELL' },
  { name: 'Summit County Peaks', abbreviation: 'SCP' },
];

/** A full name not yet in `used` (which it is added to). */
export function uniquePersonName(rng: Rng, used: Set<string>): string {
  for (;;) {
    const name = `${pickOne(rng, FIRST_NAMES)} ${pickOne(rng, LAST_NAMES)}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

// ---- seeded sampling helpers shared by the generators ----

const UNIFORM_STEPS = 2 ** 30;

/** Uniform in (0, 1), never exactly 0 or 1. */
export function uniform01(rng: Rng): number {
  return (rng.int(0, UNIFORM_STEPS - 1) + 0.5) / UNIFORM_STEPS;
}

/** Normally distributed (Box-Muller). */
export function normal(rng: Rng, mean = 0, sd = 1): number {
  const radius = Math.sqrt(-2 * Math.log(uniform01(rng)));
  return mean + sd * radius * Math.cos(2 * Math.PI * uniform01(rng));
}

/** Picks an item with probability proportional to its integer weight. */
export function pickWeighted<T>(rng: Rng, weighted: readonly (readonly [T, number])[]): T {
  let roll = rng.int(1, weighted.reduce((sum, [, weight]) => sum + weight, 0));
  for (const [item, weight] of weighted) {
    roll -= weight;
    if (roll <= 0) return item;
  }
  return weighted[weighted.length - 1][0];
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function zeroPad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** A player before ranking: `value` orders the sport's pool (higher = drafted earlier). */
export interface UnrankedPlayer {
  seed: Omit<PlayerSeed, 'rank' | 'adp'>;
  value: number;
}

/**
 * Ranks players 1..N by descending value (ties by externalId), and gives each an ADP of
 * rank + normal noise whose spread grows with the rank. Keeps the input order.
 */
export function rankByValue(rng: Rng, players: readonly UnrankedPlayer[]): PlayerSeed[] {
  const order = [...players].sort((a, b) =>
    b.value - a.value || a.seed.externalId.localeCompare(b.seed.externalId));
  const rankOf = new Map(order.map((player, index) => [player, index + 1]));
  return players.map((player) => {
    const rank = rankOf.get(player) ?? 0;
    const adp = clamp(rank + normal(rng, 0, 0.6 + rank * 0.07), 1, players.length + 10);
    return { ...player.seed, rank, adp: roundTo(adp, 1) };
  });
}
