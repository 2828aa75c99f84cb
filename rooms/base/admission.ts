import { ServerError } from '@colyseus/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import type { TokenClaims } from '../../src/auth/tokens.ts';
import { BatchLoader } from '../../src/db/batch-loader.ts';
import { baseRoomServices } from './services.ts';
import { BAD_JOIN, resolveSeat, type Seat } from './seat.ts';
import { leagueAccessReader } from './league-access.ts';

/** How a room kind finds the stream a join names, e.g. a draft from {draftId}. */
export interface StreamKind<Options> {
  /** The join options; must require the stream's id (the room's filterBy), e.g. {draftId}. */
  options: z.ZodType<Options>;
  /** Why options that name no stream are refused, e.g. 'draftId must be a draft id'. */
  invalid: string;
  /** e.g. 'No such draft'. */
  notFound: string;
  /** The id of the stream the options name, e.g. their draftId. */
  streamOf(options: Options): string;
  /**
   * The league of each of the given streams that exists and is of this kind (the others are left
   * out): one query for the joins asked for together.
   */
  leaguesOf(em: EntityManager, streams: string[]): Promise<Map<string, string>>;
}

/** How a join becomes a seat: the one seam between the room base and where leagues live. */
export interface SeatResolver {
  /** The seat `token` gets in the stream `options` name; throws ServerError 401 / 400 / 404. */
  seat<Options>(token: string | undefined, kind: StreamKind<Options>, options: unknown): Promise<Seat>;
}

/**
 * Seats from the league tables: token first (401), then the stream (400 / 404), then resolveSeat
 * decides the role. Every read is shared by the joins asked for together (src/db/batch-loader.ts):
 * the session check (src/auth/sessions.ts), one query per room kind for the streams' leagues, one
 * per table for the users' access to them (./league-access.ts). A restart's thousand joins cost a
 * handful of queries instead of five each.
 */
export function databaseSeats(orm: MikroORM, sessions: { verifyAccess(token: string): Promise<TokenClaims | null> }): SeatResolver {
  const accessOf = leagueAccessReader(orm);
  const leagues = new Map<StreamKind<never>, BatchLoader<string>>();
  const leagueLoader = <Options>(kind: StreamKind<Options>) => {
    const known = leagues.get(kind as StreamKind<never>);
    if (known) return known;
    const loader = new BatchLoader<string>((streams) => kind.leaguesOf(orm.em.fork(), streams));
    leagues.set(kind as StreamKind<never>, loader);
    return loader;
  };
  return {
    async seat(token, kind, options) {
      return resolveSeat(sessions, token, {
        spectate: (options as { spectate?: unknown } | undefined)?.spectate === true,
        notFound: kind.notFound,
        leagueOf: async () => {
          const parsed = kind.options.safeParse(options ?? {});
          if (!parsed.success) throw new ServerError(BAD_JOIN, kind.invalid);
          return (await leagueLoader(kind).load(kind.streamOf(parsed.data))) ?? null;
        },
        accessOf,
      });
    },
  };
}

/**
 * The static onAuth of a league room kind: every join (joinOrCreate, join, joinById) is seated
 * here at matchmaking, before any room is created or found for it.
 */
export function admit<Options>(kind: StreamKind<Options>): (token: string | undefined, options: unknown) => Promise<Seat> {
  return async (token, options) => {
    // Before the league is read: a seat change committed after this may not be in the seat.
    const decidedAt = Date.now();
    return { ...(await baseRoomServices().seats.seat(token, kind, options)), decidedAt };
  };
}
