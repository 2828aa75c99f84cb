import { Draft, Game } from '../../src/db/entities/index.ts';
import { draftJoinOptions, gameJoinOptions } from './messages.ts';
import { admit } from './admission.ts';

/** The static onAuth of each league room kind: which stream a join names and its league. */
export const admitToDraft = admit({
  options: draftJoinOptions,
  invalid: 'draftId must be a draft id',
  notFound: 'No such draft',
  leagueOf: async (em, { draftId }) => {
    const draft = await em.findOne(Draft, { id: draftId }, { fields: ['kind', 'league'] });
    return draft && draft.kind !== 'auction' ? draft.league : null;
  },
});

export const admitToAuction = admit({
  options: draftJoinOptions,
  invalid: 'draftId must be an auction id',
  notFound: 'No such auction',
  leagueOf: async (em, { draftId }) => {
    const draft = await em.findOne(Draft, { id: draftId }, { fields: ['kind', 'league'] });
    return draft?.kind === 'auction' ? draft.league : null;
  },
});

export const admitToGame = admit({
  options: gameJoinOptions,
  invalid: 'gameId must be a game id',
  notFound: 'No such game',
  leagueOf: async (em, { gameId }) => (await em.findOne(Game, { id: gameId }, { fields: ['league'] }))?.league ?? null,
});
