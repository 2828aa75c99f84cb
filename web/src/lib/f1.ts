/**
 * Fantasy F1 race weekends in the browser (PROTOCOL.md "Fantasy F1 race weekends"): the reply
 * shapes of the f1 routes, and times shown in the viewer's own time zone.
 */
import { useEffect } from 'preact/hooks';
import { ApiError, api } from './api.ts';
import { useAsync } from './use-async.ts';

export interface Race { id: string; season: number; round: number; name: string; circuit: string; country: string; period: string; startsAt: string; locksAt: string }
export interface RaceSettings { season: number; draftLeadMinutes: number; orderMode: 'rotate' | 'standings'; pickSeconds: number; baseOrder: string[]; updatedAt: string }
export interface LeagueRace extends Race { draftOpensAt: string; draft: { id: string; status: string; order: string[] } | null }
export interface LeagueRaces { settings: RaceSettings; items: LeagueRace[] }
export interface SeasonBoard {
  season: number; rulesVersion: number; races: Array<Race & { scored: boolean }>;
  items: Array<{ rank: number; teamId: string; name: string; total: number; races: Record<string, number> }>;
}
export interface RaceDriver { playerId: string; name: string | null; overall: number; auto: boolean; points: number | null }
export interface RaceBoard { race: Race; items: Array<{ rank: number; teamId: string; name: string; points: number; drivers: RaceDriver[] }> }

/**
 * How often the F1 tab asks again: race drafts opening and completing (no room the tab is in pushes
 * them), and the leaderboards while the league room (which pushes the points) is not there.
 */
export const F1_POLL_MS = 5000;

/** The whole calendar, by season and round (no token needed). */
export const loadCalendar = () => api.get<{ items: Race[] }>('/f1/races').then((reply) => reply.items);

/** A league's race weekends; no settings (and no races) while its commissioner has not set them up (409 NO_RACE_WEEKENDS). */
export async function loadLeagueRaces(leagueId: string): Promise<LeagueRaces | { settings: null; items: [] }> {
  try {
    return await api.get<LeagueRaces>(`/leagues/${leagueId}/f1/races`);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NO_RACE_WEEKENDS') return { settings: null, items: [] };
    throw error;
  }
}

/**
 * useAsync, asked again every `everyMs` while the page is visible (the last answer stays on screen
 * meanwhile); `null`: not now (something else says when to reload).
 */
export function usePolled<T>(load: () => Promise<T>, everyMs: number | null, deps: unknown[] = []) {
  const state = useAsync(load, deps);
  useEffect(() => {
    if (everyMs === null) return;
    const timer = setInterval(() => { if (!document.hidden) state.reload(); }, everyMs);
    return () => clearInterval(timer);
  }, [state.reload, everyMs]);
  return state;
}

const WHEN = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** A moment as the viewer's clock reads it (their time zone and locale). */
export function localTime(iso: string): string {
  return WHEN.format(new Date(iso));
}

/** The viewer's time zone, named, so "14:00" is not read as the circuit's time. */
export function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The race whose start is the first still ahead (null when the season is over). */
export function nextRace<T extends Race>(races: T[], now = Date.now()): T | null {
  return [...races].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt)).find((race) => Date.parse(race.startsAt) > now) ?? null;
}

/** "in 3 days", "in 5 h", "in 12 min": how far off a moment is, roughly. */
export function fromNow(iso: string, now = Date.now()): string {
  const minutes = Math.round((Date.parse(iso) - now) / 60_000);
  if (minutes <= 0) return 'now';
  if (minutes < 90) return `in ${minutes} min`;
  if (minutes < 48 * 60) return `in ${Math.round(minutes / 60)} h`;
  return `in ${Math.round(minutes / 1440)} days`;
}

