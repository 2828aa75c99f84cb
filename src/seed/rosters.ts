import { slotFor, type SlotCounts } from '../draft/roster.ts';
import type { RosterRules } from '../draft/types.ts';

/**
 * The sample leagues' rosters, as a snake draft by rank would leave them: round after round each
 * team (the order reversing every round) takes the best-ranked player its position limits still
 * allow. Deterministic, so seeding twice gives the same rosters.
 */
export function snakeRosters(
  teamIds: readonly string[], players: ReadonlyArray<{ id: string; rank: number; positions: readonly string[] }>,
  rules: RosterRules, rounds: number,
): Map<string, string[]> {
  const byRank = [...players].sort((a, b) => a.rank - b.rank);
  const taken = new Set<string>();
  const rosters = new Map(teamIds.map((id) => [id, [] as string[]]));
  const counts = new Map<string, SlotCounts>(teamIds.map((id) => [id, new Map()]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? teamIds : [...teamIds].reverse();
    for (const teamId of order) {
      const teamCounts = counts.get(teamId)!;
      for (const player of byRank) {
        if (taken.has(player.id)) continue;
        const slot = slotFor(rules, teamCounts, player.positions);
        if (slot === null) continue;
        taken.add(player.id);
        teamCounts.set(slot, (teamCounts.get(slot) ?? 0) + 1);
        rosters.get(teamId)!.push(player.id);
        break;
      }
    }
  }
  return rosters;
}
