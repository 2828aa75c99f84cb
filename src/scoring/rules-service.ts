/**
 * The scoring rules of a league over REST: list, read, and add a version (never an edit of an old
 * one), optionally rescoring the stored events under it and activating it.
 */
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LeagueScoring, ScoringRulesVersion } from '../db/entities/index.ts';
import { AppError, invalidInput } from '../errors.ts';
import { requireCommissioner } from '../leagues/access.ts';
import { presetRules, presetSport, type Preset } from './presets.ts';
import { rulesSchema, type ScoringRules } from './rules.ts';
import { rescoreLeague } from './score-events.ts';
import type { ScoredSport } from './stats.ts';
import { activeRules, findVersion, scoredLeague } from './versions.ts';
import { refinalizeLeague } from '../season/finalize.ts';
import { publishScoresChanged } from '../live/publisher.ts';

function versionView(row: ScoringRulesVersion, activeVersion: number) {
  return {
    version: row.version, preset: row.preset ?? null, active: row.version === activeVersion,
    rules: row.rules, createdBy: row.createdBy ?? null, createdAt: row.createdAt,
  };
}

/**
 * The versions and the active pointer are read in one snapshot: read apart, a version published
 * between the two reads could be listed beside a pointer that does not know it yet.
 */
export async function listRules(em: EntityManager, leagueId: string) {
  return em.transactional(async (tx) => {
    const league = await scoredLeague(tx, leagueId);
    const active = await activeRules(tx, league);
    const rows = await tx.find(ScoringRulesVersion, { league: leagueId }, { orderBy: { version: 'asc' } });
    const views = rows.map((row) => versionView(row, active.version));
    return {
      leagueId, sport: league.sport, activeVersion: active.version,
      active: views.find((v) => v.active),
      versions: views.map(({ rules: _rules, ...summary }) => summary),
    };
  }, { isolationLevel: 'repeatable read' });
}

export async function getRules(em: EntityManager, leagueId: string, version: number) {
  const league = await scoredLeague(em, leagueId);
  const active = await activeRules(em, league);
  return { leagueId, ...versionView(await findVersion(em, leagueId, version), active.version) };
}

export interface NewRulesInput {
  rules?: unknown;
  preset?: Preset;
  activate: boolean;
  rescore: boolean;
}

/** The rules a request asks for, checked against the league's sport (400 naming the field). */
function requestedRules(sport: ScoredSport, input: NewRulesInput): ScoringRules {
  if (input.preset) {
    if (presetSport(input.preset) !== sport) {
      throw new AppError(400, 'INVALID_INPUT', `${input.preset} is not a ${sport} preset`, {
        fields: [{ path: 'preset', message: `not a ${sport} preset` }],
      });
    }
    return presetRules(input.preset);
  }
  // The league names the sport; a body may leave it out.
  const raw = input.rules && typeof input.rules === 'object' ? { sport, ...input.rules } : input.rules;
  const parsed = z.object({ rules: rulesSchema(sport) }).safeParse({ rules: raw });
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data.rules;
}

/**
 * Commissioner only: stores the next version. `rescore` recomputes the league's scores under it
 * from the stored events (before it goes live, in the same transaction, so standings never show
 * half a rescore); `activate` makes it the version that scores from now on.
 */
export async function createRules(
  em: EntityManager, leagueId: string, userId: string, input: NewRulesInput, now = Date.now(),
) {
  await requireCommissioner(em, leagueId, userId);
  const league = await scoredLeague(em, leagueId);
  const rules = requestedRules(league.sport, input);
  await activeRules(em, league);
  const result = await em.transactional(async (tx) => {
    const latest = await tx.findOne(ScoringRulesVersion, { league: leagueId }, { orderBy: { version: 'desc' } });
    const version = (latest?.version ?? 0) + 1;
    tx.create(ScoringRulesVersion, { league: leagueId, version, preset: input.preset ?? null, rules, createdBy: userId });
    await tx.flush();
    const rescored = input.rescore ? await rescoreLeague(tx, leagueId, version) : null;
    if (input.activate) await tx.nativeUpdate(LeagueScoring, { league: leagueId }, { activeVersion: version, updatedAt: new Date() });
    return { version, rescored };
  });
  // Rescored and active: final matchups, standings and the bracket follow the new scores.
  const refinalized = input.activate && input.rescore ? (await refinalizeLeague(em, leagueId, now)).filter((r) => r.refinalized).length : 0;
  // Committed: the league's live room shows the points of the version that now scores.
  if (input.activate) await publishScoresChanged([{ leagueId, latest: null }], Date.now());
  return { ...(await getRules(em, leagueId, result.version)), rescored: result.rescored, refinalized };
}
