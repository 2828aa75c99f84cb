import { z } from 'zod';
import { SEASON_STATUSES } from '../../db/entities/index.ts';
import { TIEBREAKERS } from '../../season/standings.ts';
import { time, uuid } from './replies.ts';

/** Replies of seasons: schedule, matchups, lineups, standings, playoffs (src/season/views.ts). */

const teamRef = z.object({ teamId: uuid, name: z.string().nullable() });

const period = z.object({
  number: z.int(), key: z.string(), kind: z.enum(['regular', 'playoff']), startsAt: time, locksAt: time,
  fixtures: z.record(z.string(), time).meta({ description: "Club → kickoff: a player locks at his club's kickoff, else at `locksAt`." }),
  final: z.boolean(), finalizedAt: time.nullable(),
  refinalized: z.int().meta({ description: 'How often a correction or rescore changed this period after it was final.' }), refinalizedAt: time.nullable(),
}).meta({ id: 'SeasonPeriod' });

const lineupSettings = z.object({ slots: z.array(z.string()), eligibility: z.record(z.string(), z.array(z.string())) });

export const season = z.object({
  id: uuid, leagueId: uuid, number: z.int(), status: z.enum(SEASON_STATUSES),
  settings: z.object({
    lineup: lineupSettings,
    regularWeeks: z.int(), playoffTeams: z.int(), playoffWeeks: z.int(), tiebreakers: z.array(z.enum(TIEBREAKERS)), finalizeGraceMinutes: z.int(),
  }),
  seeds: z.array(uuid).nullable().meta({ description: 'Team ids by seed, once the regular season is final.' }),
  championTeamId: uuid.nullable(), createdAt: time, periods: z.array(period),
}).meta({ id: 'Season' });

export const seasonOptionsReply = z.object({
  leagueId: uuid, sport: z.enum(['football', 'f1']), teams: z.int().meta({ description: "The league's teams now." }),
  positions: z.array(z.string()).meta({ description: "The sport's player positions: a slot's eligibility names only these." }),
  lineup: lineupSettings.meta({ description: "The sport's default lineup slots (the body's `lineup` when it has none)." }),
  tiebreakers: z.object({ all: z.array(z.enum(TIEBREAKERS)), default: z.array(z.enum(TIEBREAKERS)) }),
  periods: z.object({ min: z.int(), max: z.int(), keyExample: z.string().meta({ description: "A period key of the sport (the stat feed's `period`)." }) }),
  playoffTeams: z.object({ min: z.int(), max: z.int().meta({ description: 'At most 16 and the league\'s teams.' }) }),
  finalizeGraceMinutes: z.object({ default: z.int(), max: z.int() }),
}).meta({ id: 'SeasonOptions' });

export const seasonList = z.object({ leagueId: uuid, items: z.array(season).meta({ description: 'Newest first.' }) });

export const schedule = z.object({
  leagueId: uuid, season: z.int(),
  periods: z.array(period.extend({
    matchups: z.array(z.object({
      id: uuid, playoffRound: z.int().nullable(), home: teamRef, away: teamRef.nullable().meta({ description: 'null: a bye.' }),
      homePoints: z.number().nullable(), awayPoints: z.number().nullable(), result: z.enum(['home', 'away', 'tie']).nullable(),
    })),
  })),
}).meta({ id: 'Schedule' });

const lineupPlayer = z.object({
  slot: z.string().meta({ description: 'The slot, or BN for the bench.' }), playerId: uuid.nullable(), name: z.string().nullable(),
  position: z.string().nullable(), club: z.string().nullable(), points: z.number(), locked: z.boolean(),
});

const matchupSide = z.object({
  teamId: uuid, name: z.string().nullable(),
  points: z.number().meta({ description: "The starters' points: the score." }),
  benchPoints: z.number().meta({ description: 'Shown, never counted.' }),
  auto: z.boolean().meta({ description: 'True: the automatic lineup (the manager set none).' }),
  starters: z.array(lineupPlayer), bench: z.array(lineupPlayer),
}).meta({ id: 'MatchupSide' });

export const matchups = z.object({
  leagueId: uuid, season: z.int(), period,
  items: z.array(z.object({
    id: uuid, playoffRound: z.int().nullable(), result: z.enum(['home', 'away', 'tie']).nullable().meta({ description: 'From the points now; settled once the period is final.' }),
    home: matchupSide, away: matchupSide.nullable(),
  })),
}).meta({ id: 'Matchups' });

export const lineup = matchupSide.extend({ leagueId: uuid, season: z.int(), period, slots: z.array(z.string()) }).meta({ id: 'Lineup' });

export const seasonStandings = z.object({
  seasonId: uuid, number: z.int(), tiebreakers: z.array(z.enum(TIEBREAKERS)),
  items: z.array(z.object({
    rank: z.int(), teamId: uuid, name: z.string(), wins: z.int(), losses: z.int(), ties: z.int(), pct: z.number(),
    pointsFor: z.number(), pointsAgainst: z.number(), streak: z.string(), gamesBack: z.number(),
  })),
}).meta({ id: 'SeasonStandings' });

const bracketTeam = z.object({ seed: z.int(), teamId: uuid, name: z.string().nullable() });

export const playoffs = z.object({
  leagueId: uuid, season: z.int(), status: z.enum(SEASON_STATUSES), playoffTeams: z.int(),
  seeds: z.array(bracketTeam).nullable(),
  rounds: z.array(z.object({
    round: z.int(), period: z.int().nullable(), final: z.boolean(),
    games: z.array(z.object({
      round: z.int(), slot: z.int(), home: bracketTeam.nullable(), away: bracketTeam.nullable(), bye: z.boolean(),
      homePoints: z.number().nullable(), awayPoints: z.number().nullable(), winner: bracketTeam.nullable(),
    })),
  })),
  champion: bracketTeam.nullable(),
}).meta({ id: 'Playoffs' });

export const finalized = z.object({
  period: z.int(), finalized: z.boolean().meta({ description: 'First finalization.' }),
  refinalized: z.boolean().meta({ description: 'It was final and this changed a score.' }), changed: z.int(),
}).meta({ id: 'FinalizeResult' });
