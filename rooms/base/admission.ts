import { ServerError } from '@colyseus/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { roomServices } from './services.ts';
import { BAD_JOIN, resolveSeat, type Seat } from './seat.ts';

/** How a room kind finds the stream a join names, e.g. a draft from {draftId}. */
export interface StreamKind<Options> {
  /** The join options; must require the stream's id (the room's filterBy), e.g. {draftId}. */
  options: z.ZodType<Options>;
  /** Why options that name no stream are refused, e.g. 'draftId must be a draft id'. */
  invalid: string;
  /** e.g. 'No such draft'. */
  notFound: string;
  /** The league of the stream the options name, or null when there is none (of this kind). */
  leagueOf(em: EntityManager, options: Options): Promise<string | null>;
}

/**
 * The static onAuth of a league room kind: every join (joinOrCreate, join, joinById) is seated
 * here at matchmaking, before any room is created or found for it. Token first (401), then the
 * options must name a stream (400) that exists (404), then resolveSeat decides the role.
 */
export function admit<Options>(kind: StreamKind<Options>): (token: string | undefined, options: unknown) => Promise<Seat> {
  return async (token, options) => {
    const services = roomServices();
    const em = services.orm.em.fork();
    return resolveSeat(em, services.sessions, token, {
      spectate: (options as { spectate?: unknown } | undefined)?.spectate === true,
      notFound: kind.notFound,
      leagueOf: async () => {
        const parsed = kind.options.safeParse(options ?? {});
        if (!parsed.success) throw new ServerError(BAD_JOIN, kind.invalid);
        return kind.leagueOf(em, parsed.data);
      },
    });
  };
}
