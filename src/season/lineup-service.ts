/**
 * Setting a team's lineup for a period: the one code path REST (PUT …/lineup) and the league room
 * both call. Authorization (the team's manager only) is thrown as an AppError (403/404); the
 * rule's refusals (LINEUP_LOCKED, INELIGIBLE_FOR_SLOT, …) are returned as RuleError values, which
 * REST answers as 409 with that code and a room sends back to its client.
 */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Lineup, Season, SeasonPeriod, Team } from '../db/entities/index.ts';
import { forbidden, notFound } from '../errors.ts';
import { findLeague, requireUnarchived } from '../leagues/access.ts';
import { isRuleError, type RuleError } from '../rules/rule-error.ts';
import { setLineup, type LineupCode } from './lineup.ts';
import { teamScores } from './period.ts';
import { currentPeriod, leagueTeamsById, lineupsOf, loadSeason, periodOf, rostersOf, seasonChanged, type LoadedSeason } from './store.ts';
import { periodView, sideView } from './views.ts';

export interface LineupChange {
  leagueId: string;
  teamId: string;
  userId: string;
  /** Default: the current period. */
  period?: number;
  /** Player ids aligned with the season's lineup slots; null = an empty slot. */
  starters: Array<string | null>;
  now: number;
}

async function teamOf(em: EntityManager, leagueId: string, teamId: string): Promise<Team> {
  const team = await em.findOne(Team, { id: teamId, league: leagueId });
  if (!team) throw notFound('Team');
  return team;
}

const notManager = () => forbidden("Only the team's manager sets its lineup");

function targetPeriod(loaded: LoadedSeason, period: number | undefined, now: number) {
  return period === undefined ? currentPeriod(loaded, now) : periodOf(loaded, period);
}

export async function changeLineup(em: EntityManager, change: LineupChange): Promise<Awaited<ReturnType<typeof lineupView>> | RuleError<LineupCode>> {
  const team = await teamOf(em, change.leagueId, change.teamId);
  if (team.owner !== change.userId) throw notManager();
  // REST refuses it where the league is made visible; the league room's `lineup` comes here directly.
  requireUnarchived(await findLeague(em, change.leagueId));
  const loaded = await loadSeason(em, change.leagueId);
  const period = targetPeriod(loaded, change.period, change.now);
  const outcome = await em.transactional(async (tx) => {
    // A finalize holds the season's row (FOR UPDATE) from its first read to its commit: a change
    // waits for it, then sees the period final; one under way makes the finalize wait for it.
    if (!(await tx.findOne(Season, { id: loaded.season.id }, { lockMode: LockMode.PESSIMISTIC_READ }))) throw seasonChanged();
    const final = (await tx.findOneOrFail(SeasonPeriod, { season: loaded.season.id, number: period.number }, { refresh: true })).finalizedAt !== null;
    // One change at a time per team: the second waits and is checked against the first's lineup.
    // The manager again, on the locked row: the team may have been given away meanwhile.
    const locked = await tx.findOneOrFail(Team, { id: team.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (locked.owner !== change.userId) throw notManager();
    const rosters = await rostersOf(tx, [team.id], period);
    const current = (await lineupsOf(tx, loaded.season, period.number, rosters)).get(team.id)!;
    const state = { settings: loaded.season.settings.lineup, roster: rosters.get(team.id)!.players, starters: current.starters, auto: current.auto, final };
    const result = setLineup(state, { starters: change.starters }, { now: change.now });
    if (isRuleError(result)) return result;
    const [event] = result.events;
    await tx.upsert(Lineup, {
      season: loaded.season.id, period: period.number, team: team.id, starters: event.starters, auto: false, setBy: change.userId, updatedAt: new Date(change.now),
    }, { onConflictFields: ['season', 'period', 'team'], onConflictAction: 'merge', onConflictExcludeFields: ['id'] });
    return result;
  });
  if (isRuleError(outcome)) return outcome;
  return lineupView(em, change.leagueId, team.id, change.now, period.number);
}

/** A team's lineup for a period (his own or the automatic one), with each player's points and lock. */
export async function lineupView(em: EntityManager, leagueId: string, teamId: string, now: number, period?: number) {
  await teamOf(em, leagueId, teamId);
  const loaded = await loadSeason(em, leagueId);
  const target = targetPeriod(loaded, period, now);
  const teams = await leagueTeamsById(em, leagueId);
  // Every team has a lineup, with a game this period or not (a bye, out of the playoffs).
  const score = (await teamScores(em, leagueId, loaded, target, [teamId])).get(teamId)!;
  return {
    leagueId, season: loaded.season.number, period: periodView(target), slots: loaded.season.settings.lineup.slots,
    ...sideView(loaded, teams, score, now),
  };
}
