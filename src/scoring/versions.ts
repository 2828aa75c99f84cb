/**
 * Looking up a league's scoring rules versions: the default version 1 a league starts with and
 * the pointer to the active version. New versions are made in rules-service.ts.
 */
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { LeagueScoring, ScoringRulesVersion, type League } from '../db/entities/index.ts';
import { AppError, notFound } from '../errors.ts';
import { findLeague } from '../leagues/access.ts';
import { DEFAULT_PRESET, presetRules } from './presets.ts';
import { validRules, type ScoringRules } from './rules.ts';
import { isScoredSport, type ScoredSport } from './stats.ts';

export type ScoredLeague = League & { sport: ScoredSport };

/** Fantasy scoring exists for football and F1 leagues; baseball plays games instead. */
export async function scoredLeague(em: EntityManager, leagueId: string): Promise<ScoredLeague> {
  const league = await findLeague(em, leagueId);
  if (!isScoredSport(league.sport)) throw new AppError(400, 'NOT_SUPPORTED', `${league.sport} leagues have no fantasy scoring`);
  return league as ScoredLeague;
}

/**
 * Queues version 1 (the sport's default preset) and the active pointer for a new league; the
 * caller's flush writes them with the league. Other sports get nothing.
 */
export function queueDefaultRules(em: EntityManager, league: League): void {
  if (!isScoredSport(league.sport)) return;
  const preset = DEFAULT_PRESET[league.sport];
  em.create(ScoringRulesVersion, { league: league.id, version: 1, preset, rules: presetRules(preset), createdBy: null });
  em.create(LeagueScoring, { league: league.id, activeVersion: 1 });
}

/**
 * The version that scores the league now. Leagues made before scoring existed (or by the seed)
 * get their default version 1 here, once: a racing request loses on the unique keys and reads.
 * (A nested transaction, not a fork: inside a caller's transaction it is a savepoint on the same
 * connection, which the one-connection embedded database needs.)
 */
export async function activeRules(em: EntityManager, league: ScoredLeague): Promise<{ version: number; rules: ScoringRules }> {
  let pointer = await em.findOne(LeagueScoring, { league: league.id }, { disableIdentityMap: true });
  if (!pointer) {
    try {
      await em.transactional(async (tx) => queueDefaultRules(tx, league));
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
    }
    pointer = await em.findOneOrFail(LeagueScoring, { league: league.id }, { disableIdentityMap: true });
  }
  const row = await findVersion(em, league.id, pointer.activeVersion);
  return { version: row.version, rules: validRules(league.sport, row.rules) };
}

/**
 * activeRules of many leagues at once (a score job touches every league holding a player): the
 * pointers and their versions in two queries; a league without a pointer yet gets its default one by one.
 */
export async function activeRulesOfLeagues(em: EntityManager, leagues: ScoredLeague[]): Promise<Map<string, { version: number; rules: ScoringRules }>> {
  const pointers = leagues.length === 0 ? [] : await em.find(LeagueScoring, { league: { $in: leagues.map((l) => l.id) } }, { disableIdentityMap: true });
  const rows = pointers.length === 0 ? [] : await em.find(ScoringRulesVersion, {
    $or: pointers.map((p) => ({ league: p.league, version: p.activeVersion })),
  }, { disableIdentityMap: true });
  const found = new Map(rows.map((r) => [r.league, r]));
  const result = new Map<string, { version: number; rules: ScoringRules }>();
  for (const league of leagues) {
    const row = found.get(league.id);
    result.set(league.id, row ? { version: row.version, rules: validRules(league.sport, row.rules) } : await activeRules(em, league));
  }
  return result;
}

export async function findVersion(em: EntityManager, leagueId: string, version: number): Promise<ScoringRulesVersion> {
  const row = await em.findOne(ScoringRulesVersion, { league: leagueId, version });
  if (!row) throw notFound('Scoring rules version');
  return row;
}
