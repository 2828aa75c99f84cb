import { useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api.ts';
import { onLinkClick } from '../lib/router.ts';
import { useAsync } from '../lib/use-async.ts';
import { getSession } from '../lib/session.ts';
import { Refusal, useRun } from '../components/Refusal.tsx';
import { fromLocalInput, toLocalInput } from '../lib/local-time.ts';

/** The league page's baseball season: this schedule, and each team card's park. */
export { ParkLine } from '../components/Ballparks.tsx';

/** A row of GET /leagues/:id/baseball/schedule (PROTOCOL.md "Baseball league schedule"). */
export interface ScheduledGame {
  id: string; round: number; number: number; day: number; scheduledAt: string; homeTeamId: string; awayTeamId: string;
  gameId: string | null; status: string; homeScore: number | null; awayScore: number | null; winnerId: string | null; problem: string | null;
  triedAt: string | null; failedAt: string | null;
}
interface Schedule { settings: { startsAt: string; gamesPerClub: number; seriesLength: number }; createdAt: string; games: ScheduledGame[] }
interface TeamLike { id: string; name: string; ownerId: string | null }

/** "1 game", "6 games". */
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Before a schedule is drawn the server answers 404 NO_SCHEDULE: the page shows "none yet", not an error. */
const loadSchedule = (leagueId: string): Promise<Schedule | 'none'> => api.get<Schedule>(`/leagues/${leagueId}/baseball/schedule`)
  .catch((failure) => { if (failure instanceof ApiError && failure.code === 'NO_SCHEDULE') return 'none' as const; throw failure; });

/** What a scheduled game's state cell says: pending, why it was not created (yet, or at all), or its game's status and score. */
export function gameState(g: ScheduledGame): string {
  if (g.status === 'not created' || g.status === 'failed') return `${g.status}: ${g.problem ?? ''}`;
  if (g.homeScore === null || g.awayScore === null || g.status === 'scheduled' || g.status === 'pending') return g.status;
  return `${g.status} ${g.awayScore}-${g.homeScore}`;
}

/**
 * A baseball league's season schedule: each game day's series games, away at home, each game's
 * state (and, once created, a link to it); my team's games are highlighted. The commissioner draws
 * it (and draws again while no game of it is created) with the form below it.
 */
export function BaseballSchedule(props: { league: { id: string; role: string | null }; teams: TeamLike[] }) {
  const { league, teams } = props;
  const schedule = useAsync(() => loadSchedule(league.id), [league.id]);
  const me = getSession()?.user.id;
  const mine = new Set(teams.filter((t) => me && t.ownerId === me).map((t) => t.id));
  const name = (teamId: string) => teams.find((t) => t.id === teamId)?.name ?? teamId.slice(0, 8);
  const s = schedule.data === 'none' ? null : schedule.data;
  const commissioner = league.role === 'commissioner';
  /** The commissioner may try again by hand a game that could not be created. */
  const retryable = (g: ScheduledGame) => commissioner && (g.status === 'failed' || g.status === 'not created');
  const retries = Boolean(s?.games.some(retryable));
  return (
    <section class="card" aria-label="Season schedule">
      <h3>Season schedule</h3>
      {schedule.error && <p role="alert" class="error">{schedule.error}</p>}
      {schedule.data === 'none' && <p class="muted">No schedule drawn yet.</p>}
      {s && (
        <>
          <p class="muted" data-testid="schedule-settings">{count(s.settings.gamesPerClub, 'game')} per club in series of {s.settings.seriesLength}, from {new Date(s.settings.startsAt).toLocaleString()}</p>
          {mine.size > 0 && <p class="muted">Your team's games are highlighted.</p>}
          <div class="scroll-x">
            <table class="compact ball-schedule">
              <thead><tr><th>Day</th><th class="wide">First pitch</th><th class="wide">Series</th><th>Away</th><th>Home</th><th>Game</th>{retries && <th>Retry</th>}</tr></thead>
              <tbody>
                {s.games.map((g) => (
                  <tr key={`${g.day}:${g.homeTeamId}`} class={mine.has(g.homeTeamId) || mine.has(g.awayTeamId) ? 'mine' : ''} data-day={g.day} data-home={g.homeTeamId}>
                    <td data-col="day">{g.day + 1}</td>
                    <td class="wide"><time dateTime={g.scheduledAt}>{new Date(g.scheduledAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}</time></td>
                    <td class="wide" data-col="series">{g.round + 1}.{g.number}</td>
                    <td data-col="away">{name(g.awayTeamId)}</td>
                    <td data-col="home">{name(g.homeTeamId)}</td>
                    <td data-col="state" data-status={g.status}>{g.gameId ? <a href={`/games/${g.gameId}`} onClick={onLinkClick}>{gameState(g)}</a> : gameState(g)}</td>
                    {retries && <td class="retry">{retryable(g) && <RetryGame leagueId={league.id} game={g} label={`day ${g.day + 1}, ${name(g.awayTeamId)} at ${name(g.homeTeamId)}`} onCreated={schedule.reload} />}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {commissioner && schedule.data && <DrawSchedule leagueId={league.id} drawn={Boolean(s)} begun={Boolean(s?.games.some((g) => g.status !== 'pending'))} onDrawn={schedule.reload} />}
    </section>
  );
}

/**
 * The commissioner's Retry of a game that could not be created: POST
 * /leagues/:id/baseball/schedule/games/:gameId/retry; the server's coded refusal (ROSTER_INCOMPLETE
 * while a roster still cannot field a lineup, ALREADY_CREATED, NOT_TRIED) shows under the button.
 */
function RetryGame(props: { leagueId: string; game: ScheduledGame; label: string; onCreated: () => void }) {
  const retry = useRun(props.onCreated);
  const click = () => retry.run(() => api.post(`/leagues/${props.leagueId}/baseball/schedule/games/${props.game.id}/retry`, {}));
  return (
    <div class="stack retry-game">
      <button type="button" aria-label={`Retry ${props.label}`} disabled={retry.busy} onClick={click}>Retry</button>
      <Refusal error={retry.error} />
    </div>
  );
}

/** Local time for a datetime-local input: a day ahead, on the hour. */
function tomorrow(): string {
  const at = new Date(Date.now() + 24 * 3600_000);
  at.setMinutes(0, 0, 0);
  return toLocalInput(at.getTime());
}

/** The commissioner's draw: POST /leagues/:id/baseball/schedule; a refusal (SCHEDULE_LOCKED, TOO_FEW_TEAMS, …) shows with its code. */
function DrawSchedule(props: { leagueId: string; drawn: boolean; begun: boolean; onDrawn: () => void }) {
  const [form, setForm] = useState({ startsAt: tomorrow(), gamesPerClub: '6', seriesLength: '3' });
  const [done, setDone] = useState('');
  const draw = useRun(props.onDrawn);
  const set = (key: keyof typeof form) => (e: Event) => setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value });
  const submit = async (event: Event) => {
    event.preventDefault();
    setDone('');
    const failure = await draw.run(() => api.post(`/leagues/${props.leagueId}/baseball/schedule`, {
      startsAt: fromLocalInput(form.startsAt), gamesPerClub: Number(form.gamesPerClub), seriesLength: Number(form.seriesLength),
    }));
    if (!failure) setDone('Schedule drawn');
  };
  return (
    <form class="stack draw-schedule" aria-label="Draw the schedule" onSubmit={submit}>
      <h4>{props.drawn ? 'Draw the schedule again' : 'Draw the schedule'}</h4>
      <p class="muted">{props.begun ? 'Its season is under way (a game has been created or tried): the server refuses a new draw.' : "It can be drawn again until its first game is created (6 h before that game's first pitch)."}</p>
      <div class="row">
        <label>First game day<input type="datetime-local" value={form.startsAt} onInput={set('startsAt')} required /></label>
        <label>Games per club<input type="number" min={1} max={162} value={form.gamesPerClub} onInput={set('gamesPerClub')} required /></label>
        <label>Series length<input type="number" min={1} max={7} value={form.seriesLength} onInput={set('seriesLength')} required /></label>
      </div>
      <Refusal error={draw.error} />
      {done && <p class="ok" role="status">{done}</p>}
      <div class="row"><button type="submit" class="primary" disabled={draw.busy}>{props.drawn ? 'Redraw schedule' : 'Draw schedule'}</button></div>
    </form>
  );
}
