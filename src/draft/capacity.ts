import { teamForPick, totalPicks } from './order.ts';
import { ruleError, type DraftConfig, type RuleError } from './types.ts';

/**
 * Whether a draft can be completed at all under its own roster rules, checked before it is stored
 * so a live draft never reaches a pick that nobody may make. Three ways it cannot:
 * - 'total': a team holds more picks (after trades; keepers spend picks) than `rosterRules.total`;
 * - 'positions': a team holds more picks than its position limits have room for;
 * - 'pool': the pool cannot fill every pick within the position limits of all teams together.
 * These are necessary conditions; a draft that passes them and still runs dry (say, a greedy
 * slotting of a two-position player) has its stuck picks skipped by the room (skip.ts).
 */
export type CapacityProblem = { kind: 'total' | 'positions' | 'pool'; error: RuleError };

/** Only positions matter here: the pool as a list of each player's eligible positions. */
export type PoolPositions = ReadonlyArray<{ positions: readonly string[] }>;

export function capacityProblem(config: DraftConfig, pool: PoolPositions): CapacityProblem | null {
  const held = picksHeld(config);
  const { total, maxPerPosition } = config.rosterRules;
  const room = positionRoom(maxPerPosition, pool);
  for (const teamId of config.order) {
    const picks = held.get(teamId) ?? 0;
    if (total !== undefined && picks > total) {
      return problem('total', `${teamId} holds ${picks} picks but rosterRules.total is ${total}`);
    }
    // An empty pool is the pool's problem (below), not the limits'.
    if (picks > room && pool.length > 0) {
      return problem('positions', `${teamId} holds ${picks} picks but the position limits (${describe(maxPerPosition)}) allow only ${room} players`);
    }
  }
  const fillable = fillablePicks(config, pool);
  if (fillable < totalPicks(config)) {
    return problem('pool', `the player pool can fill only ${fillable} of the draft's ${totalPicks(config)} picks within the position limits`);
  }
  return null;
}

const problem = (kind: CapacityProblem['kind'], message: string): CapacityProblem => ({ kind, error: ruleError('INVALID_CONFIG', message) });

const describe = (limits: Record<string, number>) => Object.entries(limits).map(([position, max]) => `${position} ${max}`).join(', ');

/** How many picks each team makes, after trades (keepers are made with these picks). */
export function picksHeld(config: DraftConfig): Map<string, number> {
  const held = new Map<string, number>();
  for (let overall = 1; overall <= totalPicks(config); overall++) {
    const teamId = teamForPick(config, overall);
    held.set(teamId, (held.get(teamId) ?? 0) + 1);
  }
  return held;
}

/** Most players one team may roster: the limits of the positions the pool has; unlimited when a pool position has no limit. */
function positionRoom(limits: Record<string, number>, pool: PoolPositions): number {
  const positions = new Set(pool.flatMap((player) => player.positions));
  let room = 0;
  for (const position of positions) {
    const max = limits[position];
    if (max === undefined) return Infinity;
    room += max;
  }
  return room;
}

/**
 * Most picks the pool can fill, every team's position limits together: a maximum flow from the
 * players (grouped by their set of positions) to the positions, each position taking at most
 * teams x its limit. Exact for the pool as a whole; per-team limits are checked above.
 */
function fillablePicks(config: DraftConfig, pool: PoolPositions): number {
  const groups = new Map<string, { positions: readonly string[]; count: number }>();
  for (const player of pool) {
    if (player.positions.length === 0) continue;
    const key = [...player.positions].sort().join('/');
    const group = groups.get(key) ?? { positions: player.positions, count: 0 };
    group.count++;
    groups.set(key, group);
  }
  const positions = [...new Set([...groups.values()].flatMap((g) => g.positions))];
  const demand = totalPicks(config);
  // Nodes: 0 source, then the groups, then the positions, then the sink.
  const g = [...groups.values()];
  const sink = 1 + g.length + positions.length;
  const capacity = Array.from({ length: sink + 1 }, () => new Array<number>(sink + 1).fill(0));
  g.forEach((group, i) => {
    capacity[0][1 + i] = group.count;
    for (const position of group.positions) capacity[1 + i][1 + g.length + positions.indexOf(position)] = demand;
  });
  positions.forEach((position, j) => {
    const max = config.rosterRules.maxPerPosition[position];
    capacity[1 + g.length + j][sink] = max === undefined ? demand : max * config.order.length;
  });
  return maxFlow(capacity, 0, sink);
}

/** Edmonds-Karp on a small dense graph (a few dozen nodes). */
function maxFlow(capacity: number[][], source: number, sink: number): number {
  let flow = 0;
  for (;;) {
    const parent = new Array<number>(capacity.length).fill(-1);
    parent[source] = source;
    const queue = [source];
    while (queue.length > 0 && parent[sink] === -1) {
      const node = queue.shift()!;
      capacity[node].forEach((left, next) => {
        if (left > 0 && parent[next] === -1) { parent[next] = node; queue.push(next); }
      });
    }
    if (parent[sink] === -1) return flow;
    let push = Infinity;
    for (let node = sink; node !== source; node = parent[node]) push = Math.min(push, capacity[parent[node]][node]);
    for (let node = sink; node !== source; node = parent[node]) {
      capacity[parent[node]][node] -= push;
      capacity[node][parent[node]] += push;
    }
    flow += push;
  }
}
