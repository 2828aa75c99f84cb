import { battingSide, battingTeam, fieldingSide, fieldingTeam } from './state.ts';
import { FIELD_POSITIONS, type FieldPosition, type GameState, type Side, type Substitution, type TeamState } from './types.ts';

/**
 * The Substitution events of a decision, built against the state they apply to (decisions.ts has
 * already said they are legal). applySubstitution (state.ts) carries them out.
 */

function substitution(state: GameState, side: Side, fields: Pick<Substitution, 'kind' | 'in' | 'out' | 'position' | 'base'>): Substitution {
  return { type: 'substitution', side, ...fields, inning: state.inning, half: state.half, outs: state.outs };
}

/**
 * A bench player bats for the current batter. He keeps the slot's position: the fielder's (he
 * plays it next half-inning unless a switch says otherwise), the DH's; for the pitcher he only
 * bats (position null): the reliever who replaces the pitcher takes the slot.
 */
export function pinchHitter(state: GameState, playerId: string): Substitution {
  const bat = battingTeam(state);
  const slot = bat.lineup[bat.next];
  return substitution(state, battingSide(state), {
    kind: 'pinchHitter', in: playerId, out: slot.playerId, position: slot.position === 'P' ? null : slot.position, base: null,
  });
}

/** A bench player runs for the runner on `base`, and takes his slot and position as a pinch hitter does. */
export function pinchRunner(state: GameState, base: 1 | 2 | 3, playerId: string): Substitution {
  const out = state.bases[base - 1]!.id;
  const slot = battingTeam(state).lineup.find((s) => s.playerId === out);
  const position = !slot || slot.position === 'P' ? null : slot.position;
  return substitution(state, battingSide(state), { kind: 'pinchRunner', in: playerId, out, position, base });
}

/**
 * A defensive switch, as events: first the players already in the field move, one trade of two
 * positions at a time, until each stands where the decision wants him; then the DH, if he takes
 * the field, replaces whoever is left at his position (that player leaves, the pitcher takes his
 * batting slot); then every bench player replaces whoever is left at his (that player leaves the
 * game; in a double switch the bench player bats in the pitcher's slot instead of his). Positions
 * the decision does not name keep their player unless he moves.
 */
export function defensiveSwitches(state: GameState, fielders: Partial<Record<FieldPosition, string>>, doubleSwitch?: string): Substitution[] {
  const field = fieldingTeam(state);
  const side = fieldingSide(state);
  const at: Record<FieldPosition, string> = { ...field.fielders };
  const dh = designatedHitter(field);
  const subs: Substitution[] = [];
  for (const position of FIELD_POSITIONS) {
    const id = fielders[position];
    if (id === undefined || position === 'P' || at[position] === id || field.bench.includes(id) || id === dh) continue;
    const from = FIELD_POSITIONS.find((p) => at[p] === id)!;
    subs.push(substitution(state, side, { kind: 'defense', in: id, out: at[position], position, base: null }));
    at[from] = at[position];
    at[position] = id;
  }
  for (const position of FIELD_POSITIONS) {
    if (dh === null || fielders[position] !== dh) continue;
    subs.push(substitution(state, side, { kind: 'dhTakesField', in: dh, out: at[position], position, base: null }));
    at[position] = dh;
  }
  for (const position of FIELD_POSITIONS) {
    const id = fielders[position];
    if (id === undefined || !field.bench.includes(id)) continue;
    const kind = at[position] === doubleSwitch ? 'doubleSwitch' : 'defense';
    subs.push(substitution(state, side, { kind, in: id, out: at[position], position, base: null }));
    at[position] = id;
  }
  return subs;
}

/** The team's designated hitter, or null when it has none (never had, or lost it when he took the field). */
export function designatedHitter(team: TeamState): string | null {
  return team.lineup.find((slot) => slot.position === 'DH')?.playerId ?? null;
}
