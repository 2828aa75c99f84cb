import type { ArraySchema } from '@colyseus/schema';
import type { Scoreboard } from '../../src/league-live/scoreboard.ts';
import type { LiveMatchup } from '../../src/league-live/matchups.ts';
import {
  LeagueMatchupState, LeaguePlayerPointsState, LeagueTeamState, type LeagueLiveRoomState,
} from '../../schema/LeagueLiveRoomState.ts';

/**
 * Copies a scoreboard into a synced list keyed by id, touching only what changed: items keep their
 * place and are updated in place (a changed player's points are one small patch); from the first
 * item whose id differs (a roster change) the tail is rebuilt.
 */
function syncList<S extends object, T>(
  synced: ArraySchema<S>, items: readonly T[], sameId: (s: S, t: T) => boolean, make: (t: T) => S, update: (s: S, t: T) => void,
): void {
  let same = 0;
  while (same < synced.length && same < items.length && sameId(synced[same], items[same])) {
    update(synced[same], items[same]);
    same++;
  }
  while (synced.length > same) synced.pop();
  for (const item of items.slice(same)) synced.push(make(item));
}

function updatePlayer(s: LeaguePlayerPointsState, p: Scoreboard['teams'][number]['players'][number]): void {
  s.name = p.name;
  s.position = p.position;
  s.points = p.points;
}

function makeTeam(team: Scoreboard['teams'][number]): LeagueTeamState {
  const synced = new LeagueTeamState({ id: team.teamId, name: team.name, points: team.points, racePoints: 0, seasonPoints: 0 });
  updateTeam(synced, team);
  return synced;
}

function updateTeam(s: LeagueTeamState, team: Scoreboard['teams'][number]): void {
  s.name = team.name;
  s.points = team.points;
  syncList(s.players, team.players, (sp, p) => sp.playerId === p.playerId,
    (p) => new LeaguePlayerPointsState({ playerId: p.playerId, name: p.name, position: p.position, points: p.points }), updatePlayer);
}

function makeMatchup(m: LiveMatchup): LeagueMatchupState {
  return new LeagueMatchupState({
    id: m.id, period: m.period, homeTeamId: m.home.teamId, homePoints: m.home.points, awayTeamId: m.away?.teamId ?? '', awayPoints: m.away?.points ?? 0,
  });
}

function updateMatchup(s: LeagueMatchupState, m: LiveMatchup): void {
  s.period = m.period;
  s.homeTeamId = m.home.teamId;
  s.homePoints = m.home.points;
  s.awayTeamId = m.away?.teamId ?? '';
  s.awayPoints = m.away?.points ?? 0;
}

/** The room's state from a fresh scoreboard and matchups (scoredAt is the caller's). */
export function syncLeagueLive(state: LeagueLiveRoomState, scoreboard: Scoreboard, matchups: LiveMatchup[]): void {
  state.period = scoreboard.period ?? '';
  state.rulesVersion = scoreboard.rulesVersion;
  syncList(state.teams, scoreboard.teams, (s, t) => s.id === t.teamId, makeTeam, updateTeam);
  syncList(state.matchups, matchups, (s, m) => s.id === m.id, makeMatchup, updateMatchup);
}
