import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { League, LeagueMember, Player, RosterEntry, Team, User } from './entities/index.ts';
import { adoptRosters } from '../transactions/log.ts';
import { generateSampleData } from '../seed/index.ts';
import { fillStartingSlots, snakeRosters } from '../seed/rosters.ts';
import { DEFAULT_LINEUP } from '../season/lineup-slots.ts';
import { createSeason } from '../season/service.ts';
import { sampleSeasonBody } from '../season/sample-season.ts';
import { SPORT_DEFAULTS } from '../draft/config.ts';
import { forgetSharedPools } from '../draft/shared-pool.ts';
import { hashPassword } from '../auth/password.ts';
import { newInviteCode } from '../leagues/service.ts';
import { log } from '../log.ts';
import type { PlayerSeed, Sport } from '../players/types.ts';
import { seedCalendar, seedRaceWeekends } from '../f1/sample.ts';

/** The demo account that commissions the sample leagues (never created in production). */
export const DEMO_USER = { username: 'demo', password: 'demo-password' };

const SAMPLE_LEAGUES: Array<{ name: string; sport: Sport; teams: number }> = [
  { name: 'Sample Football League', sport: 'football', teams: 12 },
  { name: 'Sample F1 League', sport: 'f1', teams: 10 },
  { name: 'Sample Baseball League', sport: 'baseball', teams: 8 },
];

/**
 * Loads the sample data idempotently: players are upserted by externalId (running it twice
 * changes nothing); the demo user and sample leagues are created once, outside production.
 */
export async function seed(orm: MikroORM, options: { withLeagues: boolean }): Promise<{ players: number; leagues: number }> {
  const data = generateSampleData();
  const em = orm.em.fork();
  await upsertPlayers(em, data.players);
  forgetSharedPools();
  if (!options.withLeagues) return { players: data.players.length, leagues: 0 };
  const leagues = await seedLeagues(em, data.players, data.baseballClubs);
  return { players: data.players.length, leagues };
}

/** First start of a new database: seed it; later starts find players and do nothing. */
export async function seedIfEmpty(orm: MikroORM): Promise<void> {
  if ((await orm.em.fork().count(Player, {})) > 0) return;
  const result = await seed(orm, { withLeagues: process.env.NODE_ENV !== 'production' });
  log.info(result, 'seeded sample data');
}

const UPSERT_CHUNK = 200;

async function upsertPlayers(em: EntityManager, players: PlayerSeed[]): Promise<void> {
  for (let i = 0; i < players.length; i += UPSERT_CHUNK) {
    const chunk = players.slice(i, i + UPSERT_CHUNK);
    await em.upsertMany(Player, chunk.map((p) => ({ ...p, id: undefined })), {
      onConflictFields: ['externalId'], onConflictAction: 'merge',
      onConflictExcludeFields: ['id'],
    });
  }
}

async function seedLeagues(
  em: EntityManager, players: PlayerSeed[], clubs: Array<{ id: string; name: string }>,
): Promise<number> {
  const demo = await demoUser(em);
  // The F1 sample league plays race weekends on the sample calendar (src/f1/sample.ts).
  await seedCalendar(em, Date.now());
  let created = 0;
  const seasons: string[] = [];
  const adopted: string[] = [];
  for (const spec of SAMPLE_LEAGUES) {
    if (await em.findOne(League, { name: spec.name, createdBy: demo.id })) continue;
    // Public, so a newcomer can browse (spectate) them before joining any league.
    const league = em.create(League, {
      name: spec.name, sport: spec.sport, visibility: 'public', inviteCode: newInviteCode(), createdBy: demo.id,
    });
    em.create(LeagueMember, { league: league.id, user: demo.id, role: 'commissioner' });
    const names = spec.sport === 'baseball' ? clubs.map((c) => c.name) : teamNames(spec.teams);
    const teams = names.slice(0, spec.teams).map((name, i) =>
      em.create(Team, { league: league.id, name, owner: i === 0 ? demo.id : null }));
    if (spec.sport === 'baseball') await rosterBaseballClubs(em, teams, clubs, players);
    else if (spec.sport === 'f1') await seedRaceWeekends(em, league, teams);
    else await rosterBySnake(em, teams, spec.sport);
    created++;
    adopted.push(league.id);
    if (spec.sport === 'football') seasons.push(league.id);
  }
  await em.flush();
  // The sample rosters become the first entries of each league's transaction log.
  for (const leagueId of adopted) await adoptRosters(em, leagueId);
  // The football league plays a season: schedule, lineups, weekly kickoffs (src/season/sample-season.ts).
  const pool = players.filter((p) => p.sport === 'football');
  for (const leagueId of seasons) await createSeason(em, leagueId, demo.id, sampleSeasonBody(pool, Date.now()), Date.now());
  return created;
}

async function demoUser(em: EntityManager): Promise<User> {
  // The demo account is an admin (it feeds the sample stat files); it never exists in production.
  const existing = await em.findOne(User, { username: DEMO_USER.username });
  if (existing) return existing;
  return em.create(User, { username: DEMO_USER.username, passwordHash: await hashPassword(DEMO_USER.password), isAdmin: true });
}

function teamNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `Team ${i + 1}`);
}

/** The football sample league comes with full rosters (a snake by rank), so sample stat feeds score. */
async function rosterBySnake(em: EntityManager, teams: Team[], sport: Sport): Promise<void> {
  const pool = await em.find(Player, { sport }, { fields: ['id', 'rank', 'positions'] });
  const { rounds, rosterRules } = SPORT_DEFAULTS[sport];
  const drafted = snakeRosters(teams.map((t) => t.id), pool, rosterRules, rounds);
  // A snake by rank takes no kicker or defense (they rank last): football teams add one each, to fill a lineup.
  const rosters = sport === 'football' ? fillStartingSlots(drafted, pool, DEFAULT_LINEUP.football) : drafted;
  for (const [teamId, playerIds] of rosters) {
    for (const playerId of playerIds) em.create(RosterEntry, { team: teamId, player: playerId, acquiredVia: 'commissioner' });
  }
}

/** The sample baseball league plays with the generated clubs' rosters. */
async function rosterBaseballClubs(em: EntityManager, teams: Team[], clubs: Array<{ id: string }>, players: PlayerSeed[]) {
  const stored = await em.find(Player, { sport: 'baseball' });
  const idByExternal = new Map(stored.map((p) => [p.externalId, p.id]));
  teams.forEach((team, i) => {
    for (const player of players.filter((p) => p.sport === 'baseball' && p.team === clubs[i].id)) {
      const playerId = idByExternal.get(player.externalId);
      if (playerId) em.create(RosterEntry, { team: team.id, player: playerId, acquiredVia: 'commissioner' });
    }
  });
}
