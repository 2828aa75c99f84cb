import { ruleError, type DraftConfig, type DraftType, type RuleError } from './types.ts';

export function totalPicks(config: DraftConfig): number {
  return config.rounds * config.order.length;
}

/** The round an overall pick (1-based) falls in. */
export function roundOf(config: DraftConfig, overall: number): number {
  return Math.ceil(overall / config.order.length);
}

/**
 * Whether a round runs last team first.
 * 3RR follows Sleeper: round 1 forward, 2 reversed, 3 reversed again (the "third-round reversal", which
 * makes up to the early teams for the late pick in round 2), then alternating: 4 forward, 5 reversed, ...
 */
function isReversed(type: DraftType, round: number): boolean {
  switch (type) {
    case 'linear':
      return false;
    case 'snake':
      return round % 2 === 0;
    case '3rr':
      return round === 2 || (round >= 3 && round % 2 === 1);
  }
}

/** The team that originally held a pick, before trades. */
export function originalTeamForPick(config: DraftConfig, overall: number): string {
  const teams = config.order.length;
  const round = roundOf(config, overall);
  const indexInRound = (overall - 1) % teams;
  return config.order[isReversed(config.type, round) ? teams - 1 - indexInRound : indexInRound];
}

/** The team that makes an overall pick (1-based): the draft type's order, then traded picks. */
export function teamForPick(config: DraftConfig, overall: number): string {
  const owner = originalTeamForPick(config, overall);
  const round = roundOf(config, overall);
  const trade = config.tradedPicks.find((t) => t.round === round && t.fromTeamId === owner);
  return trade ? trade.toTeamId : owner;
}

/** The first overall pick a team makes in a round (after trades), or null if it has none there. */
export function teamPickInRound(config: DraftConfig, teamId: string, round: number): number | null {
  const teams = config.order.length;
  for (let overall = (round - 1) * teams + 1; overall <= round * teams; overall++) {
    if (teamForPick(config, overall) === teamId) return overall;
  }
  return null;
}

const isRound = (config: DraftConfig, round: number) => Number.isInteger(round) && round >= 1 && round <= config.rounds;

/** Why a config cannot be drafted, or null when it can. Checked by `start`, before any pick exists. */
export function validateConfig(config: DraftConfig): RuleError | null {
  const teams = new Set(config.order);
  if (config.order.length === 0) return ruleError('INVALID_ORDER', 'the draft order has no teams');
  if (teams.size !== config.order.length) return ruleError('INVALID_ORDER', 'a team appears twice in the draft order');
  if (!Number.isInteger(config.rounds) || config.rounds < 1) return ruleError('INVALID_CONFIG', 'rounds must be a whole number of at least 1');
  if (!Number.isFinite(config.pickSeconds) || config.pickSeconds < 0) return ruleError('INVALID_CONFIG', 'pickSeconds must be 0 or more');
  for (const [position, max] of Object.entries(config.rosterRules.maxPerPosition)) {
    if (!Number.isInteger(max) || max < 0) return ruleError('INVALID_CONFIG', `the limit for ${position} must be a whole number of 0 or more`);
  }
  const total = config.rosterRules.total;
  if (total !== undefined && (!Number.isInteger(total) || total < 1)) return ruleError('INVALID_CONFIG', 'the roster total must be a whole number of at least 1');

  const traded = new Set<string>();
  for (const trade of config.tradedPicks) {
    if (!teams.has(trade.fromTeamId) || !teams.has(trade.toTeamId)) return ruleError('INVALID_CONFIG', 'a traded pick names a team not in the draft');
    if (trade.fromTeamId === trade.toTeamId) return ruleError('INVALID_CONFIG', 'a team cannot trade a pick to itself');
    if (!isRound(config, trade.round)) return ruleError('INVALID_CONFIG', `traded pick round ${trade.round} is not in the draft`);
    const key = `${trade.round}:${trade.fromTeamId}`;
    if (traded.has(key)) return ruleError('INVALID_CONFIG', `${trade.fromTeamId}'s round ${trade.round} pick is traded twice`);
    traded.add(key);
  }

  const keptPlayers = new Set<string>();
  const keptTeamRounds = new Set<string>();
  for (const keeper of config.keepers) {
    if (!teams.has(keeper.teamId)) return ruleError('INVALID_CONFIG', `keeper ${keeper.playerId} belongs to a team not in the draft`);
    if (!isRound(config, keeper.round)) return ruleError('INVALID_CONFIG', `keeper ${keeper.playerId}: round ${keeper.round} is not in the draft`);
    if (keptPlayers.has(keeper.playerId)) return ruleError('INVALID_CONFIG', `player ${keeper.playerId} is kept twice`);
    const teamRound = `${keeper.teamId}:${keeper.round}`;
    if (keptTeamRounds.has(teamRound)) return ruleError('INVALID_CONFIG', `${keeper.teamId} has two keepers in round ${keeper.round}`);
    // A keeper costs the team its pick in that round, so the team must still own one there.
    if (teamPickInRound(config, keeper.teamId, keeper.round) === null) {
      return ruleError('INVALID_CONFIG', `${keeper.teamId} has no pick in round ${keeper.round} to spend on keeper ${keeper.playerId}`);
    }
    keptPlayers.add(keeper.playerId);
    keptTeamRounds.add(teamRound);
  }
  return null;
}
