/**
 * The F1 race calendar: one for every league, as the real one is (a race's results score every
 * league that drafted for it). Anyone may read it; admins add and move races. A move reschedules
 * every league's draft of that race (the caller runs the race-draft sweep, src/jobs/race-drafts.ts).
 */
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { F1Race } from '../db/entities/index.ts';
import { AppError, badField, conflict, notFound } from '../errors.ts';
import { QUALIFYING_BEFORE_RACE_MS } from '../seed/f1.ts';

export interface NewRace {
  season: number;
  round: number;
  name: string;
  circuit: string;
  country: string;
  startsAt: string;
  /** Default: QUALIFYING_BEFORE_RACE_MS before the start. */
  locksAt?: string;
  /** The stat feed's period; default: the name's first word and the season (`aurora-2026`). */
  period?: string;
}

export interface RaceMove {
  startsAt?: string;
  /** Default: moved by as much as the start. */
  locksAt?: string;
}

export function raceView(race: F1Race) {
  const { id, season, round, name, circuit, country, period, startsAt, locksAt } = race;
  return { id, season, round, name, circuit, country, period, startsAt, locksAt };
}

export async function listRaces(em: EntityManager, season?: number) {
  const races = await em.find(F1Race, season === undefined ? {} : { season }, { orderBy: { season: 'asc', round: 'asc' } });
  return { items: races.map(raceView) };
}

export async function findRace(em: EntityManager, raceId: string): Promise<F1Race> {
  const race = await em.findOne(F1Race, { id: raceId });
  if (!race) throw notFound('Race');
  return race;
}

/** When a race locks (epoch ms): its drafts are finished by autopick then. */
export async function raceLockAt(em: EntityManager, raceId: string): Promise<number> {
  return (await findRace(em, raceId)).locksAt.getTime();
}

/**
 * `Aurora Grand Prix` in 2026 → `aurora-2026`: the period format of F1 stat lines, at most 40
 * characters as the period column (and a stat line's period) holds: a long first word is cut.
 */
export function periodOf(name: string, season: number): string {
  const word = name.toLowerCase().match(/[a-z][a-z0-9]*/)?.[0] ?? 'race';
  return `${word.slice(0, 40 - `-${season}`.length)}-${season}`;
}

function checkTimes(startsAt: Date, locksAt: Date, now: number): void {
  if (locksAt.getTime() >= startsAt.getTime()) throw badField('locksAt', 'the lock (start of qualifying) must come before the race starts');
  if (locksAt.getTime() <= now) throw badField('locksAt', 'the lock must be in the future');
}

export async function addRace(em: EntityManager, input: NewRace, now: number) {
  const startsAt = new Date(input.startsAt);
  const locksAt = input.locksAt ? new Date(input.locksAt) : new Date(startsAt.getTime() - QUALIFYING_BEFORE_RACE_MS);
  checkTimes(startsAt, locksAt, now);
  const race = em.create(F1Race, {
    season: input.season, round: input.round, name: input.name, circuit: input.circuit, country: input.country,
    period: input.period ?? periodOf(input.name, input.season), startsAt, locksAt,
  });
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw conflict('A race with this season and round, or this period, exists');
    throw error;
  }
  return raceView(race);
}

/** A race whose lock has passed keeps its time: its drafts are done and its results may be in. */
export async function moveRace(em: EntityManager, raceId: string, move: RaceMove, now: number) {
  const race = await findRace(em, raceId);
  if (race.locksAt.getTime() <= now) throw new AppError(409, 'RACE_LOCKED', 'This race is locked already; it can no longer move');
  const startsAt = move.startsAt ? new Date(move.startsAt) : race.startsAt;
  const shift = startsAt.getTime() - race.startsAt.getTime();
  const locksAt = move.locksAt ? new Date(move.locksAt) : new Date(race.locksAt.getTime() + shift);
  checkTimes(startsAt, locksAt, now);
  em.assign(race, { startsAt, locksAt });
  await em.flush();
  return raceView(race);
}
