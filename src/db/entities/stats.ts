import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Game } from './game.ts';
import { League, Team } from './league.ts';
import { Player } from './player.ts';

export const LINE_KINDS = ['batting', 'pitching'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

/** A counting stat: every line starts at zero. */
const count = () => p.integer().default(0);

/**
 * One player's batting or pitching line in one final game: a projection of the game's plays
 * (its box score), written in the same transaction as the play that ends the game. Season stats
 * are sums of these rows. `season` is the calendar year (UTC) the game finished in.
 *
 * Batting rows use pa..gidp and sf (sacrifice flies, a part of `sac`); pitching rows use
 * outs..pitches, gs (started) and the decisions w, l, sv. h, r, bb, so, hr and hbp serve both
 * kinds (allowed, for a pitcher), and so do the ballpark results bphr, bpfo, bp1b and bplo (0 in
 * lines of games from before them).
 */
export const PlayerGameLine = defineEntity({
  name: 'PlayerGameLine',
  tableName: 'player_game_lines',
  uniques: [{ properties: ['game', 'player', 'kind'] }],
  indexes: [{ properties: ['league', 'season', 'kind'] }, { properties: ['player', 'season'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    game: () => p.manyToOne(Game).mapToPk().deleteRule('cascade'),
    league: () => p.manyToOne(League).mapToPk().deleteRule('cascade'),
    /** The team he played this game for. */
    team: () => p.manyToOne(Team).mapToPk(),
    player: () => p.manyToOne(Player).mapToPk(),
    season: p.integer(),
    kind: p.enum(LINE_KINDS),
    finishedAt: p.datetime(),
    pa: count(), ab: count(), r: count(), h: count(), double: count(), triple: count(), hr: count(),
    rbi: count(), bb: count(), so: count(), hbp: count(), sac: count(), sf: count(), sb: count(),
    cs: count(), gidp: count(),
    outs: count(), bf: count(), er: count(), wp: count(), balk: count(), pitches: count(),
    gs: count(), w: count(), l: count(), sv: count(),
    bphr: count(), bpfo: count(), bp1b: count(), bplo: count(),
  },
});
export type PlayerGameLine = InferEntity<typeof PlayerGameLine>;
