/**
 * The ingestion data model: real-world stat lines from a feed, stored once per idempotency key,
 * then scored for every league that has the player (the BullMQ jobs, POST /ingest and the CLI are
 * built on these functions).
 *
 * Duplicates and corrections: a line whose key is stored with the same payload (sport, player,
 * period, time and stats, compared as canonical JSON) is a duplicate and changes nothing. The
 * same key with another payload is a correction: the stored line is replaced, its `revision` goes
 * up by one and the replaced line is kept in its `history`; its id is among `storedIds`, so the
 * caller scores it again and every league's score of it follows the correction.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isoTime } from '../time-input.ts';
import { OptimisticLockError, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { Player, StatEvent } from '../db/entities/index.ts';
import { executeBound } from '../db/bound-query.ts';
import { f1Stats, footballStats, type F1Stats, type FootballStats } from './stats.ts';

export { scoreStatEvents, scoreStatEventsInLeagues, rescoreLeague } from './score-events.ts';
export { fantasyStandings, type FantasyStandings } from './views.ts';

interface StatEventLine {
  /** The feed's idempotency key: one real-world line, however often it is sent. */
  key: string;
  playerExternalId: string;
  /** A week ('2026-W01') or a race ('monaco-2026'). */
  period: string;
  /** ISO 8601 with an offset. */
  occurredAt: string;
}

export type StatEventInput =
  | (StatEventLine & { sport: 'football'; stats: FootballStats })
  | (StatEventLine & { sport: 'f1'; stats: F1Stats });

const line = {
  key: z.string().regex(/^[\x21-\x7e]{1,128}$/, '1-128 printable characters, no spaces'),
  playerExternalId: z.string().min(1).max(64),
  occurredAt: isoTime,
};

/**
 * Periods per sport, so one week or race is always spelt one way (standings group by the string):
 * football an ISO week `2026-W01` (W01-W53), F1 a race `monaco-2026` (lower-case name, then the year).
 */
export const PERIOD_FORMATS = {
  football: z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'a week like 2026-W01'),
  f1: z.string().max(40).regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*-\d{4}$/, 'a race like monaco-2026'),
};

/** A line with no stat at all scores nothing and is almost surely a feed error. */
const notEmpty = <T extends z.ZodType<object>>(stats: T) =>
  stats.refine((value) => Object.values(value).some((v) => v !== undefined), 'at least one stat');

/**
 * One feed line: {key, sport, playerExternalId, period, occurredAt, stats}, period and stats checked
 * per sport (stats strictly: a misspelt stat is an error; never empty). Other top-level fields (a
 * feed's own metadata) are dropped.
 */
export const statEventInput: z.ZodType<StatEventInput> = z.discriminatedUnion('sport', [
  z.object({ ...line, sport: z.literal('football'), period: PERIOD_FORMATS.football, stats: notEmpty(footballStats) }),
  z.object({ ...line, sport: z.literal('f1'), period: PERIOD_FORMATS.f1, stats: notEmpty(f1Stats) }),
]);

/** JSON with sorted keys, so two equal payloads hash the same whatever the feed's key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function payloadHash(event: StatEventInput): string {
  const { sport, playerExternalId, period, stats } = event;
  const occurredAt = new Date(event.occurredAt).toISOString();
  return createHash('sha256').update(canonical({ sport, playerExternalId, period, occurredAt, stats })).digest('hex');
}

const ATTEMPTS = 3;

export async function storeStatEvents(
  em: EntityManager, events: StatEventInput[],
): Promise<{ storedIds: string[]; duplicates: number; unknownPlayers: string[] }> {
  // A line names a player by the feed's id; it must be one of ours, of the line's sport.
  const players = await em.find(Player, { externalId: { $in: [...new Set(events.map((e) => e.playerExternalId))] } }, { disableIdentityMap: true });
  const byExternalId = new Map(players.map((p) => [p.externalId, p]));
  const playerOf = (e: StatEventInput) => {
    const player = byExternalId.get(e.playerExternalId);
    return player?.sport === e.sport ? player.id : undefined;
  };
  const unknownPlayers = [...new Set(events.filter((e) => !playerOf(e)).map((e) => e.playerExternalId))];
  const known = events.flatMap((e) => {
    const playerId = playerOf(e);
    return playerId ? [{ event: e, playerId }] : [];
  });
  // Two writers of one key race on the unique key (or on the revision): the loser reads again.
  for (let attempt = 1; ; attempt++) {
    try {
      return { ...(await em.transactional((tx) => storeKnown(tx, known))), unknownPlayers };
    } catch (error) {
      const raced = error instanceof UniqueConstraintViolationException || error instanceof OptimisticLockError;
      if (!raced || attempt >= ATTEMPTS) throw error;
    }
  }
}

async function storeKnown(tx: EntityManager, lines: Array<{ event: StatEventInput; playerId: string }>) {
  const stored = await tx.find(StatEvent, { eventKey: { $in: [...new Set(lines.map((l) => l.event.key))] } }, { refresh: true });
  const byKey = new Map(stored.map((row) => [row.eventKey, row]));
  const storedIds = new Set<string>();
  const playerChanged: string[] = [];
  let duplicates = 0;
  for (const { event, playerId } of lines) {
    const hash = payloadHash(event);
    const prior = byKey.get(event.key);
    if (prior?.payloadHash === hash) {
      duplicates++;
      continue;
    }
    const fields = { player: playerId, sport: event.sport, period: event.period, stats: event.stats, occurredAt: new Date(event.occurredAt), payloadHash: hash };
    if (!prior) {
      const row = tx.create(StatEvent, { ...fields, eventKey: event.key, history: [] });
      byKey.set(event.key, row);
      storedIds.add(row.id);
      continue;
    }
    const movedPlayer = prior.player !== playerId;
    if (movedPlayer) playerChanged.push(prior.id);
    const replaced = { revision: prior.revision, period: prior.period, occurredAt: prior.occurredAt.toISOString(), stats: prior.stats, receivedAt: (prior.revisedAt ?? prior.receivedAt).toISOString() };
    // A line of another player is unscored until scored again: then first scored, for his holders.
    tx.assign(prior, { ...fields, history: [...prior.history, replaced], revisedAt: new Date(), ...(movedPlayer ? { scoredAt: null } : {}) });
    storedIds.add(prior.id);
  }
  // A corrected line of another player: its old points belong to nobody; scoring attributes it anew.
  if (playerChanged.length > 0) {
    await executeBound(tx, 'delete from score_attributions where stat_event_id = any($1::uuid[])', [playerChanged]);
    await executeBound(tx, 'delete from line_scores where stat_event_id = any($1::uuid[])', [playerChanged]);
  }
  await tx.flush();
  return { storedIds: [...storedIds], duplicates };
}
