import { api } from '../lib/api.ts';
import { getSession } from '../lib/session.ts';
import { useAsync } from '../lib/use-async.ts';
import { fromNow, loadCalendar, localTime, nextRace, viewerZone, type Race } from '../lib/f1.ts';
import { RaceAdmin } from './F1RaceAdmin.tsx';

/**
 * /f1: the race calendar every F1 league plays (no sign-in needed): each season's rounds, where,
 * when qualifying locks the race's drafts and when the race starts, in the viewer's time, and
 * which race is next. Admins add and move races here.
 */
export function F1Calendar() {
  const calendar = useAsync(loadCalendar);
  const signedIn = getSession() !== null;
  const me = useAsync(() => (signedIn ? api.get<{ isAdmin: boolean }>('/me') : Promise.resolve({ isAdmin: false })), [signedIn]);
  const races = calendar.data;
  if (calendar.error) return <p role="alert" class="error">{calendar.error}</p>;
  if (!races) return <p class="muted">Loading…</p>;
  const next = nextRace(races);
  const seasons = [...new Set(races.map((r) => r.season))];
  return (
    <div class="stack">
      <header class="page-head">
        <h1>F1 race calendar</h1>
        <span class="muted">Times in your time zone ({viewerZone()})</span>
      </header>
      {next ? <NextRace race={next} /> : <section class="card"><p class="muted">No race ahead on the calendar.</p></section>}
      {seasons.map((season) => <SeasonTable key={season} season={season} races={races.filter((r) => r.season === season)} nextId={next?.id} />)}
      {races.length === 0 && <section class="card"><p class="muted">The calendar is empty.</p></section>}
      {me.data?.isAdmin && <RaceAdmin races={races} onChange={calendar.reload} />}
    </div>
  );
}

function NextRace(props: { race: Race }) {
  const { race } = props;
  return (
    <section class="card next-race" aria-label="Next race">
      <span class="badge next">Next race</span>
      <h2>Round {race.round} · {race.name}</h2>
      <p class="muted">{race.circuit}, {race.country}</p>
      <p>Qualifying (drafts lock) <time dateTime={race.locksAt}>{localTime(race.locksAt)}</time> · <b>{fromNow(race.locksAt)}</b></p>
      <p>Race start <time dateTime={race.startsAt}>{localTime(race.startsAt)}</time></p>
    </section>
  );
}

function SeasonTable(props: { season: number; races: Race[]; nextId?: string }) {
  const now = Date.now();
  return (
    <section class="card scroll-x" aria-label={`Season ${props.season}`}>
      <h2>Season {props.season}</h2>
      <table class="races">
        <thead><tr><th>Rd</th><th>Grand Prix</th><th>Qualifying (lock) · race start</th></tr></thead>
        <tbody>
          {props.races.map((race) => (
            <tr key={race.id} data-race={race.id} class={race.id === props.nextId ? 'next' : Date.parse(race.startsAt) <= now ? 'past' : ''}>
              <td>{race.round}</td>
              <td>{race.name}{race.id === props.nextId && <span class="badge next">Next</span>}<br /><small class="muted">{race.circuit}, {race.country}</small></td>
              <td>
                <span data-col="locks"><time dateTime={race.locksAt}>{localTime(race.locksAt)}</time></span><br />
                <small class="muted" data-col="starts">race <time dateTime={race.startsAt}>{localTime(race.startsAt)}</time></small>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
