/** Position limits as the server applies them, so bots only ask for players their roster can hold. */

export interface RosterRules { maxPerPosition: Record<string, number>; total?: number }

/** The first of the player's positions with room under the limits (a position without a limit always has room), or null. */
export function slotFor(rules: RosterRules, counts: Map<string, number>, positions: readonly string[]): string | null {
  for (const position of positions) {
    const max = rules.maxPerPosition[position];
    if (max === undefined || (counts.get(position) ?? 0) < max) return position;
  }
  return null;
}
