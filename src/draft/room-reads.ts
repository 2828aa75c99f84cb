import type { MikroORM } from '@mikro-orm/postgresql';
import { Draft, Team } from '../db/entities/index.ts';
import { BatchLoader, groupBy } from '../db/batch-loader.ts';

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
  teams(leagueId: string): Promise<Team[]>;
}

/** The queries behind DraftRoomReads, each for many ids at once. */
export interface DraftRoomQueries {
  drafts(ids: string[]): Promise<Draft[]>;
  /** Every team of the given leagues, oldest first. */
  teams(leagueIds: string[]): Promise<Team[]>;
}

export function draftRoomQueries(orm: MikroORM): DraftRoomQueries {
  return {
    drafts: (ids) => orm.em.fork().find(Draft, { id: { $in: ids } }),
    teams: (leagueIds) => orm.em.fork().find(Team, { league: { $in: leagueIds } }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
  };
}

/** Reads batched over `queries`: every read asked for in one turn of the event loop is one query per table. */
export function batchedDraftRoomReads(queries: DraftRoomQueries): DraftRoomReads {
  const drafts = new BatchLoader<Draft>(async (ids) => new Map((await queries.drafts(ids)).map((draft) => [draft.id, draft])));
  const teams = new BatchLoader<Team[]>(async (leagueIds) => groupBy(leagueIds, await queries.teams(leagueIds), (team) => team.league));
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
