import type { MikroORM } from '@mikro-orm/postgresql';
import { Draft } from '../db/entities/index.ts';
import { BatchLoader, groupBy, placeholders } from '../db/batch-loader.ts';

/**
 * The rows a draft or auction room reads when it opens (./service.ts loadForRoom): its draft and
 * its league's teams. After a restart hundreds of rooms open within a moment; the rooms opening
 * together share one query per table (src/db/batch-loader.ts), as their event logs do
 * (src/db/stream-loader.ts). Nothing is kept between batches: each open reads current rows.
 */
export interface DraftRoomReads {
  /** The draft, or undefined when there is none with this id. */
  draft(draftId: string): Promise<Draft | undefined>;
  /** The league's teams, oldest first. */
  teams(leagueId: string): Promise<TeamRow[]>;
}

/** What a room reads of a team (a plain row: hydrating entities was most of these reads' CPU). */
export interface TeamRow { id: string; name: string; owner: string | null; league: string }

/** The queries behind DraftRoomReads, each for many ids at once. */
export interface DraftRoomQueries {
  drafts(ids: string[]): Promise<Draft[]>;
  /** Every team of the given leagues, oldest first. */
  teams(leagueIds: string[]): Promise<TeamRow[]>;
}

export function draftRoomQueries(orm: MikroORM): DraftRoomQueries {
  return {
    drafts: (ids) => orm.em.fork().find(Draft, { id: { $in: ids } }),
    teams: async (leagueIds) => (await orm.em.fork().getConnection().execute<Array<{ id: string; name: string; owner_id: string | null; league_id: string }>>(
      `select id, name, owner_id, league_id from teams where league_id in (${placeholders(leagueIds)}) order by created_at asc, id asc`, leagueIds))
      .map((row) => ({ id: row.id, name: row.name, owner: row.owner_id, league: row.league_id })),
  };
}

/** Reads batched over `queries`: every read asked for in one turn of the event loop is one query per table. */
export function batchedDraftRoomReads(queries: DraftRoomQueries): DraftRoomReads {
  const drafts = new BatchLoader<Draft>(async (ids) => new Map((await queries.drafts(ids)).map((draft) => [draft.id, draft])));
  const teams = new BatchLoader<TeamRow[]>(async (leagueIds) => groupBy(leagueIds, await queries.teams(leagueIds), (team) => team.league));
  return {
    draft: (draftId) => drafts.load(draftId),
    teams: async (leagueId) => (await teams.load(leagueId)) ?? [],
  };
}

/** One set of loaders per ORM (per server), made on first use. */
const readers = new WeakMap<MikroORM, DraftRoomReads>();

export function draftRoomReads(orm: MikroORM): DraftRoomReads {
  const known = readers.get(orm);
  if (known) return known;
  const reads = batchedDraftRoomReads(draftRoomQueries(orm));
  readers.set(orm, reads);
  return reads;
}
