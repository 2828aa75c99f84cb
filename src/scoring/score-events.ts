/**
 * Stored stat events → fantasy scores. Points go to the team that has the player on its roster
 * when the event is first scored in that league; afterwards the event stays with that team (a
 * later trade or a rescore under new rules changes points, never who earned them).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { FantasyScore, League, Player, RosterEntry, StatEvent, Team } from '../db/entities/index.ts';
import { validRules, type ScoringRules } from './rules.ts';
import { scoreLine } from './scorer.ts';
import { isScoredSport, numericStats } from './stats.ts';
import { activeRules, findVersion, scoredLeague, type ScoredLeague } from './versions.ts';

/** Which team of a league an event's points go to. */
interface Attribution { statEventId: string; teamId: string }

type ScoreRow = Pick<FantasyScore, 'id' | 'league' | 'team' | 'player' | 'statEvent' | 'rulesVersion' | 'period' | 'points' | 'breakdown' | 'scoredAt'>;

/** The score rows of some events for one league under one version (pure apart from the clock). */
function scoreRows(
  league: ScoredLeague, version: number, rules: ScoringRules, attributions: Attribution[],
  events: Map<string, StatEvent>, players: Map<string, Player>, at: Date,
): ScoreRow[] {
  return attributions.flatMap(({ statEventId, teamId }) => {
    const event = events.get(statEventId);
    const player = event && players.get(event.player);
    if (!event || !player || event.sport !== league.sport) return [];
    const { points, breakdown } = scoreLine(rules, player.positions[0] ?? '', numericStats(league.sport, event.stats));
    return [{
      id: crypto.randomUUID(), league: league.id, team: teamId, player: player.id, statEvent: event.id,
      rulesVersion: version, period: event.period, points, breakdown, scoredAt: at,
    }];
  });
}

async function loadEvents(em: EntityManager, ids: string[]) {
  const events = await em.find(StatEvent, { id: { $in: ids } }, { disableIdentityMap: true });
  const players = await em.find(Player, { id: { $in: [...new Set(events.map((e) => e.player))] } }, { disableIdentityMap: true });
  return { events: new Map(events.map((e) => [e.id, e])), players: new Map(players.map((p) => [p.id, p])) };
}

export async function scoreStatEvents(em: EntityManager, statEventIds: string[]): Promise<{ scores: number }> {
  const ids = [...new Set(statEventIds)];
  if (ids.length === 0) return { scores: 0 };
  const { events, players } = await loadEvents(em, ids);
  if (events.size === 0) return { scores: 0 };
  const playerIds = [...new Set([...events.values()].map((e) => e.player))];
  // Teams holding the players now, and where the events already went (a correction, a rescore).
  const entries = await em.find(RosterEntry, { player: { $in: playerIds } }, { disableIdentityMap: true });
  const teams = await em.find(Team, { id: { $in: entries.map((e) => e.team) } }, { disableIdentityMap: true });
  const scored = await em.find(FantasyScore, { statEvent: { $in: ids } }, { fields: ['league', 'team', 'player', 'statEvent'], disableIdentityMap: true });
  const leagueOfTeam = new Map(teams.map((t) => [t.id, t.league]));
  const leagueIds = new Set([...teams.map((t) => t.league), ...scored.map((s) => s.league)]);
  const leagues = await em.find(League, { id: { $in: [...leagueIds] } }, { disableIdentityMap: true });

  const earlier = new Map(scored.map((s) => [`${s.league}:${s.statEvent}:${s.player}`, s.team]));
  const holder = new Map(entries.map((e) => [`${leagueOfTeam.get(e.team)}:${e.player}`, e.team]));
  // Rules first: a league without any gets its default here, outside the write transaction.
  const batches: Array<{ leagueId: string; version: number; rows: ScoreRow[] }> = [];
  for (const league of leagues) {
    if (!isScoredSport(league.sport)) continue;
    const { version, rules } = await activeRules(em, league as ScoredLeague);
    const attributions = [...events.values()].flatMap((event): Attribution[] => {
      const teamId = earlier.get(`${league.id}:${event.id}:${event.player}`) ?? holder.get(`${league.id}:${event.player}`);
      return teamId ? [{ statEventId: event.id, teamId }] : [];
    });
    batches.push({ leagueId: league.id, version, rows: scoreRows(league as ScoredLeague, version, rules, attributions, events, players, new Date()) });
  }
  await em.transactional(async (tx) => {
    for (const { leagueId, version, rows } of batches) {
      // Another version's rows of these events may be of an older revision: only rescoring makes them anew.
      await tx.nativeDelete(FantasyScore, { league: leagueId, statEvent: { $in: ids }, rulesVersion: { $ne: version } });
      if (rows.length === 0) continue;
      await tx.upsertMany(FantasyScore, rows, {
        onConflictFields: ['league', 'statEvent', 'rulesVersion'], onConflictAction: 'merge',
        onConflictMergeFields: ['team', 'player', 'period', 'points', 'breakdown', 'scoredAt'],
      });
    }
  });
  const count = batches.reduce((sum, b) => sum + b.rows.length, 0);
  return { scores: count };
}

/**
 * Recomputes every score the league has (each event with the team it went to) under `version`,
 * from the stored events: replaying them, not adjusting old numbers.
 */
export async function rescoreLeague(em: EntityManager, leagueId: string, version: number): Promise<{ scores: number }> {
  const league = await scoredLeague(em, leagueId);
  const rules = validRules(league.sport, (await findVersion(em, leagueId, version)).rules);
  const scored = await em.find(FantasyScore, { league: leagueId }, { fields: ['team', 'statEvent'], disableIdentityMap: true });
  const attributions = [...new Map(scored.map((s) => [s.statEvent, { statEventId: s.statEvent, teamId: s.team }])).values()];
  const { events, players } = await loadEvents(em, attributions.map((a) => a.statEventId));
  const rows = scoreRows(league, version, rules, attributions, events, players, new Date());
  await em.transactional(async (tx) => {
    await tx.nativeDelete(FantasyScore, { league: leagueId, rulesVersion: version });
    if (rows.length > 0) await tx.insertMany(FantasyScore, rows);
  });
  return { scores: rows.length };
}
