import type { LeagueRules } from './types.ts';

/** SBA: the classic game. Pitchers bat, extra innings start with the bases empty. */
export const SBA: LeagueRules = {
  id: 'SBA',
  name: 'SBA',
  innings: 9,
  designatedHitter: false,
  extraInningRunnerFrom: null,
};

/** PD: designated hitter, and from the 10th inning each half-inning starts with a runner on 2nd. */
export const PD: LeagueRules = {
  id: 'PD',
  name: 'Paper Dynasty',
  innings: 9,
  designatedHitter: true,
  extraInningRunnerFrom: 10,
};

export const LEAGUES: Readonly<Record<LeagueRules['id'], LeagueRules>> = { SBA, PD };
