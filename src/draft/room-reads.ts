import type { MikroORM } from '@mikro-orm/postgresql';
import type { Draft } from '../db/entities/index.ts';
import { BatchLoader, groupBy, placeholders } from '../db/batch-loader.ts';

/**
 * The rows a draft or auction room reads when it opens (./service.ts loadForRoom): its draft and
 * its league's teams. After a restart hundreds of rooms open within a moment; the rooms opening
 * together share one query per table (src/db/batch-loader.ts), as their event logs do
 * (src/db/stream-loader.ts). Nothing is kept between batches: each open reads current rows.
 */
export interface DraftRoomReads {
  /** The draft, or undefined when there is none with this id. */
  draft(draftId: string): Promise<DraftRow | undefined>;
  /** The league's teams, oldest first. */
  teams(leagueId: string): Promise<TeamRow[]>;
}

/**
 * What a room reads of a draft: a plain row with the entity's property names. Building the query
 * and hydrating the entity through MikroORM cost 1.2-1.3 ms of CPU for a lone draft against
 * 0.33-0.42 ms for the row (measured), and after a restart most batches hold one or two drafts.
 * Nothing here is written back.
 */
export type DraftRow = Pick<Draft, 'id' | 'league' | 'sport' | 'kind' | 'config' | 'bots' | 'status' | 'scheduledAt' | 'race'>;

/** What a room reads of a team (a plain row: hydrating entities was most of these reads' CPU). */
export interface TeamRow { id: string; name: string; owner: string | null; league: string }

/** The queries behind DraftRoomReads, each for many ids at once. */
export interface DraftRoomQueries {
  drafts(ids: string[]): Promise<DraftRow[]>;
  /** Every team of the given leagues, oldest first. */
  teams(leagueIds: string[]): Promise<TeamRow[]>;
}

export function draftRoomQueries(orm: MikroORM): DraftRoomQueries {
  return {
    drafts: async (ids) => (await orm.em.fork().getConnection().execute<Array<Omit<DraftRow, 'league' | 'scheduledAt' | 'race'> & {
      league_id: string; scheduled_at: Date | string | null; race_id: string | null;
    }>>(`select id, league_id, sport, kind, config, bots, status, scheduled_at, race_id from drafts where id in (${placeholders(ids)})`, ids))
      .map(({ league_id, scheduled_at, race_id, ...row }) => ({
        ...row, league: league_id, scheduledAt: scheduled_at === null ? null : new Date(scheduled_at), race: race_id,
      })),
    teams: async (leagueIds) => (await orm.em.fork().getConnection().execute<Array<{ id: string; name: string; owner_id: string | null; league_id: string }>>(
      `select id, name, owner_id, league_id from teams where league_id in (${placeholders(leagueIds)}) order by created_at asc, id asc`, leagueIds))
      .map((row) => ({ id: row.id, name: row.name, owner: row.owner_id, league: row.league_id })),
  };
}

/** Reads batched over `queries`: every read asked for in one turn of the event loop is one query per table. */
export function batchedDraftRoomReads(queries: DraftRoomQueries): DraftRoomReads {
  const drafts = new BatchLoader<DraftRow>(async (ids) => new Map((await queries.drafts(ids)).map((draft) => [draft.id, draft])));
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
