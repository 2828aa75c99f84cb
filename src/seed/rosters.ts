import { slotFor, type SlotCounts } from '../draft/roster.ts';
import type { RosterRules } from '../draft/types.ts';
import { autoLineup } from '../season/lineup.ts';
import { canPlay, type LineupSettings } from '../season/lineup-slots.ts';

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

/**
 * Rosters a draft by rank leaves without a kicker or a defense (both rank late): each team adds,
 * in turn, the best-ranked free player for every starting slot its automatic lineup would leave
 * empty, as managers take a K and a DEF in the last rounds. Deterministic.
 */
export function fillStartingSlots(
  rosters: Map<string, string[]>, players: ReadonlyArray<{ id: string; rank: number; positions: string[] }>,
  lineup: LineupSettings,
): Map<string, string[]> {
  const byId = new Map(players.map((p) => [p.id, p]));
  const taken = new Set([...rosters.values()].flat());
  const byRank = [...players].sort((a, b) => a.rank - b.rank);
  const out = new Map([...rosters].map(([teamId, ids]) => [teamId, [...ids]]));
  for (const [teamId, ids] of out) {
    const roster = ids.map((id) => ({ ...byId.get(id)!, kickoff: 0 }));
    autoLineup(lineup, roster).forEach((starter, index) => {
      if (starter !== null) return;
      const pick = byRank.find((p) => !taken.has(p.id) && canPlay(lineup, lineup.slots[index], p.positions));
      if (!pick) return;
      taken.add(pick.id);
      ids.push(pick.id);
    });
  }
  return out;
}
