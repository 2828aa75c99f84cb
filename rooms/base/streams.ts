import type { EntityManager } from '@mikro-orm/postgresql';
import { Game, League } from '../../src/db/entities/index.ts';
import { placeholders } from '../../src/db/batch-loader.ts';
import { draftJoinOptions, gameJoinOptions, leagueJoinOptions } from './messages.ts';
import { admit } from './admission.ts';

/**
 * The league of each given draft of one kind (auctions, or every other draft type). Plain rows
 * (as ./league-access.ts reads): every join asks, and after a restart a thousand joins come at once.
 */
async function leaguesOfDrafts(em: EntityManager, ids: string[], auctions: boolean): Promise<Map<string, string>> {
  const drafts = await em.getConnection().execute<Array<{ id: string; kind: string; league_id: string }>>(
    `select id, kind, league_id from drafts where id in (${placeholders(ids)})`, ids);
  return new Map(drafts.filter((draft) => (draft.kind === 'auction') === auctions).map((draft) => [draft.id, draft.league_id]));
}

/** The static onAuth of each league room kind: which stream a join names and its league. */
export const admitToDraft = admit({
  options: draftJoinOptions,
  invalid: 'draftId must be a draft id',
  notFound: 'No such draft',
  streamOf: ({ draftId }) => draftId,
  leaguesOf: (em, ids) => leaguesOfDrafts(em, ids, false),
});

export const admitToAuction = admit({
  options: draftJoinOptions,
  invalid: 'draftId must be an auction id',
  notFound: 'No such auction',
  streamOf: ({ draftId }) => draftId,
  leaguesOf: (em, ids) => leaguesOfDrafts(em, ids, true),
});

export const admitToGame = admit({
  options: gameJoinOptions,
  invalid: 'gameId must be a game id',
  notFound: 'No such game',
  streamOf: ({ gameId }) => gameId,
  leaguesOf: async (em, ids) => new Map((await em.find(Game, { id: { $in: ids } }, { fields: ['league'] })).map((game) => [game.id, game.league])),
});

export const admitToLeague = admit({
  options: leagueJoinOptions,
  invalid: 'leagueId must be a league id',
  notFound: 'No such league',
  streamOf: ({ leagueId }) => leagueId,
  leaguesOf: async (em, ids) => new Map((await em.find(League, { id: { $in: ids } }, { fields: ['id'] })).map((league) => [league.id, league.id])),
});
