/**
 * Season (or game) lines as the API shows them: the counting stats and the rates computed from
 * them (pure). Rates are strings as a newspaper prints them ('.333', '1.024', '3.45', IP '6.2'),
 * null where the denominator is zero.
 */

/** Ballpark results (docs/baseball.md "Ballparks"): home runs, fly outs, singles and line outs, for batters and allowed by pitchers. */
const BALLPARK_COUNTS = ['bphr', 'bpfo', 'bp1b', 'bplo'] as const;
export const BATTING_COUNTS = ['pa', 'ab', 'r', 'h', 'double', 'triple', 'hr', 'rbi', 'bb', 'so', 'hbp', 'sac', 'sf', 'sb', 'cs', 'gidp', ...BALLPARK_COUNTS] as const;
export const PITCHING_COUNTS = ['gs', 'w', 'l', 'sv', 'outs', 'bf', 'h', 'r', 'er', 'bb', 'so', 'hr', 'hbp', 'wp', 'balk', 'pitches', ...BALLPARK_COUNTS] as const;

/** Every counting column of a line, batting and pitching. */
export type LineCounts = Record<(typeof BATTING_COUNTS)[number] | (typeof PITCHING_COUNTS)[number], number>;
export type BattingCounts = Record<(typeof BATTING_COUNTS)[number] | 'g', number>;
export type PitchingCounts = Record<(typeof PITCHING_COUNTS)[number] | 'g', number>;

/** Outs in an inning: innings pitched and the per-nine rates count in thirds. */
const OUTS_PER_INNING = 3;
const INNINGS_PER_GAME = 9;

/** '.333' below one, '1.000' from one on. */
function threePlaces(value: number | null): string | null {
  if (value === null) return null;
  const text = value.toFixed(3);
  return text.startsWith('0.') ? text.slice(1) : text;
}

const twoPlaces = (value: number | null) => (value === null ? null : value.toFixed(2));
const ratio = (over: number, under: number) => (under > 0 ? over / under : null);

export function battingRates(c: BattingCounts) {
  const obp = ratio(c.h + c.bb + c.hbp, c.ab + c.bb + c.hbp + c.sf);
  const slg = ratio(c.h + c.double + 2 * c.triple + 3 * c.hr, c.ab);
  return {
    avg: threePlaces(ratio(c.h, c.ab)),
    obp: threePlaces(obp),
    slg: threePlaces(slg),
    ops: threePlaces(obp === null || slg === null ? null : obp + slg),
  };
}

export function pitchingRates(c: PitchingCounts) {
  return {
    ip: `${Math.floor(c.outs / OUTS_PER_INNING)}.${c.outs % OUTS_PER_INNING}`,
    era: twoPlaces(ratio(OUTS_PER_INNING * INNINGS_PER_GAME * c.er, c.outs)),
    whip: twoPlaces(ratio(OUTS_PER_INNING * (c.bb + c.h), c.outs)),
  };
}

/** Adds up lines (of one player, say) into one. */
export function sumCounts<K extends string>(keys: readonly K[], lines: ReadonlyArray<Record<K, number>>): Record<K, number> & { g: number } {
  const total = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const line of lines) for (const k of keys) total[k] += line[k];
  return { ...total, g: lines.length };
}
