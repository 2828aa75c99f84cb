import type { CardRow, CardResult } from './types.ts';

/**
 * Lays out the probabilities of one card half (three columns) on 2d6 rows with d20 splits.
 *
 * Units: a column is 36 row units (2d6: row 2 is 1/36 .. row 7 is 6/36) of 20 d20 ticks, 720 ticks;
 * three columns hold 2160 ticks. A row may carry one result or two split by the d20 ("1B 1-8 /
 * FB-B 9-20"), so a result placed in a row of weight w gets a multiple of w ticks. The three
 * columns of a half are read with equal chance (d6), so what matters is each result's total over
 * the half: the target is probability x 2160 ticks.
 *
 * 1. Greedy: rows from the lightest (2 and 12) to the heaviest (7); each takes the smallest
 *    result still owed as many ticks as it can use, and the largest result fills the rest of the
 *    row. Small results thus land in light rows where ticks are fine-grained (1/720).
 * 2. Local search: move one d20 tick between the two results of a row, start a split, swap a
 *    row's result for another, or move a tick in two rows at once (a net change as small as the
 *    difference of their weights), whenever that lowers the error
 *    sum(importance x (placed - target)^2 / target). Hits, walks and strikeouts are important;
 *    the kinds of outs absorb the rounding.
 * Hits, walks and strikeouts land within about 1 tick of 2160 (median; 3 at worst, 0.0007 per PA),
 * the kinds of outs within about 2 (10 at worst).
 */

export const ROW_WEIGHTS: readonly number[] = [1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1]; // rows 2..12, in 36ths
export const TICKS = 20;
export const COLUMNS = 3;
export const HALF_TICKS = COLUMNS * 36 * TICKS;
const MAX_PASSES = 400;

/**
 * How much an error in each result costs the layout: the results ratings are about (hits, walks,
 * strikeouts) are placed precisely and the kinds of outs take up the rounding.
 */
const IMPORTANCE: Partial<Record<CardResult, number>> = {
  '1B': 30, '2B': 30, '3B': 30, HR: 30, BB: 30, HBP: 30, K: 30, 'BP-HR': 30, 'BP-1B': 30, WP: 10, PB: 10, BK: 10,
  'X-P': 5, 'X-C': 5, 'X-1B': 5, 'X-2B': 5, 'X-3B': 5, 'X-SS': 5, 'X-LF': 5, 'X-CF': 5, 'X-RF': 5,
};

interface Slot { column: number; rowIndex: number; weight: number; a: number; b: number; split: number }

export function layoutHalf(probabilities: ReadonlyMap<CardResult, number>): CardRow[][] {
  const outcomes = [...probabilities.keys()].filter((o) => (probabilities.get(o) ?? 0) > 0);
  const total = outcomes.reduce((sum, o) => sum + (probabilities.get(o) ?? 0), 0);
  if (outcomes.length === 0 || Math.abs(total - 1) > 1e-6) throw new Error(`card half must sum to 1 (got ${total})`);
  const target = outcomes.map((o) => (probabilities.get(o) ?? 0) * HALF_TICKS);
  const weight = outcomes.map((o) => IMPORTANCE[o] ?? 3);
  const slots = greedy(target);
  improve(slots, target, weight);
  const columns: CardRow[][] = Array.from({ length: COLUMNS }, () => []);
  for (const s of [...slots].sort((x, y) => x.column - y.column || x.rowIndex - y.rowIndex)) {
    const a = outcomes[s.a];
    columns[s.column].push({ roll: s.rowIndex + 2, a, b: s.split === TICKS ? a : outcomes[s.b], split: s.split });
  }
  return columns;
}

function greedy(target: readonly number[]): Slot[] {
  const owed = [...target];
  const slots: Slot[] = [];
  for (let column = 0; column < COLUMNS; column++) {
    ROW_WEIGHTS.forEach((weight, rowIndex) => slots.push({ column, rowIndex, weight, a: 0, b: 0, split: TICKS }));
  }
  const order = [...slots].sort((x, y) => x.weight - y.weight || x.rowIndex - y.rowIndex || x.column - y.column);
  for (const slot of order) {
    const w = slot.weight;
    const largest = argmax(owed, -1);
    const smallest = argminPlaceable(owed, w);
    if (smallest < 0 || owed[smallest] >= TICKS * w - w / 2) {
      slot.a = largest;
      owed[largest] -= TICKS * w;
      continue;
    }
    const ticks = Math.min(TICKS - 1, Math.max(1, Math.round(owed[smallest] / w)));
    const filler = argmax(owed, smallest);
    slot.a = smallest;
    slot.b = filler < 0 ? smallest : filler;
    slot.split = filler < 0 ? TICKS : ticks;
    owed[smallest] -= ticks * w;
    if (filler >= 0) owed[filler] -= (TICKS - ticks) * w;
  }
  return slots;
}

function argmax(values: readonly number[], except: number): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) if (i !== except && (best < 0 || values[i] > values[best])) best = i;
  return best;
}

/** The smallest amount still owed that is worth at least half a tick in a row of weight w. */
function argminPlaceable(values: readonly number[], w: number): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) if (values[i] >= w / 2 && (best < 0 || values[i] < values[best])) best = i;
  return best;
}

function improve(slots: Slot[], target: readonly number[], weight: readonly number[]): void {
  const placed = target.map(() => 0);
  for (const s of slots) {
    placed[s.a] += s.split * s.weight;
    if (s.split < TICKS) placed[s.b] += (TICKS - s.split) * s.weight;
  }
  const n = target.length;
  const cost = (i: number, value: number) => (weight[i] * (value - target[i]) ** 2) / (target[i] + 1);
  /** Error change when `amount` ticks of mass go from result `from` to result `to`. */
  const gain = (from: number, to: number, amount: number) =>
    cost(from, placed[from] - amount) + cost(to, placed[to] + amount) - cost(from, placed[from]) - cost(to, placed[to]);
  const move = (from: number, to: number, amount: number) => { placed[from] -= amount; placed[to] += amount; };
  /** One d20 tick of a split row towards `a` (+1) or `b` (-1). */
  const shift = (s: Slot, direction: number) => {
    if (direction > 0) move(s.b, s.a, s.weight); else move(s.a, s.b, s.weight);
    s.split += direction;
  };
  const normalize = (s: Slot) => { if (s.split === 0) { s.a = s.b; s.split = TICKS; } };

  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let changed = false;
    for (const s of slots) {
      const w = s.weight;
      if (s.split < TICKS) {
        const bTicks = TICKS - s.split;
        if (gain(s.b, s.a, w) < -1e-9) { shift(s, 1); changed = true; continue; }
        if (gain(s.a, s.b, w) < -1e-9) { shift(s, -1); normalize(s); changed = true; continue; }
        for (let e = 0; e < n; e++) {
          if (e === s.a || e === s.b) continue;
          if (gain(s.b, e, bTicks * w) < -1e-9) { move(s.b, e, bTicks * w); s.b = e; changed = true; break; }
          if (gain(s.a, e, s.split * w) < -1e-9) { move(s.a, e, s.split * w); s.a = e; changed = true; break; }
        }
      } else {
        for (let e = 0; e < n; e++) {
          if (e === s.a) continue;
          if (gain(s.a, e, w) < -1e-9) { move(s.a, e, w); s.b = e; s.split = TICKS - 1; changed = true; break; }
          if (gain(s.a, e, TICKS * w) < -1e-9) { move(s.a, e, TICKS * w); s.a = e; changed = true; break; }
        }
      }
    }
    if (changed) continue;
    // Two split rows of different weights moved together shift as little as one tick of the
    // lighter row's difference: the fine adjustment single moves cannot make.
    const split = slots.filter((s) => s.split > 1 && s.split < TICKS - 1);
    search: for (let i = 0; i < split.length; i++) {
      for (let j = i + 1; j < split.length; j++) {
        const x = split[i];
        const y = split[j];
        // Only the (up to four) results of the two rows change.
        const touched = () => cost(x.a, placed[x.a]) + cost(x.b, placed[x.b])
          + (y.a !== x.a && y.a !== x.b ? cost(y.a, placed[y.a]) : 0)
          + (y.b !== x.a && y.b !== x.b && y.b !== y.a ? cost(y.b, placed[y.b]) : 0);
        for (const d1 of [1, -1]) {
          for (const d2 of [1, -1]) {
            const before = touched();
            shift(x, d1);
            shift(y, d2);
            if (touched() < before - 1e-9) { changed = true; break search; }
            shift(y, -d2);
            shift(x, -d1);
          }
        }
      }
    }
    if (!changed) return;
  }
}
