import { useState } from 'preact/hooks';
import { Refusal, refusalOf, type Refused } from '../components/Refusal.tsx';
import { api } from '../lib/api.ts';
import { useAsync } from '../lib/use-async.ts';
import { periodName, when, type Season } from '../lib/season.ts';
import type { League } from './League.tsx';

const WEEK_MS = 7 * 24 * 3600_000;
/** One playoff round a week: the server wants exactly ⌈log2 playoff teams⌉ playoff weeks. */
const roundsFor = (teams: number) => (teams >= 2 ? Math.ceil(Math.log2(teams)) : 1);

/** The commissioner's season controls: create a season, draw its schedule again, finalize a week. */
export function SeasonCommissioner(props: { league: League; teams: number }) {
  const seasons = useAsync(() => api.get<{ items: Season[] }>(`/leagues/${props.league.id}/seasons`));
  const latest = seasons.data?.items[0];
  return (
    <>
      {props.league.sport === 'football' && <CreateSeason league={props.league} teams={props.teams} replaces={latest} onDone={seasons.reload} />}
      {latest && <SeasonActions league={props.league} season={latest} onDone={seasons.reload} />}
    </>
  );
}

/** Weekly periods from week 1's start and lock, keyed as the stat feed's weeks (2026-W01, …). */
function periodsFromForm(count: number, firstKey: string, starts: string, locks: string) {
  const [, year, week] = /^(\d{4})-W(\d{1,2})$/.exec(firstKey.trim()) ?? [];
  const start = new Date(starts).getTime();
  const lock = new Date(locks).getTime();
  if (!year || Number.isNaN(start) || Number.isNaN(lock)) return null;
  return Array.from({ length: count }, (_, i) => ({
    key: `${year}-W${String(Number(week) + i).padStart(2, '0')}`,
    startsAt: new Date(start + i * WEEK_MS).toISOString(), locksAt: new Date(lock + i * WEEK_MS).toISOString(),
  }));
}

function CreateSeason(props: { league: League; teams: number; replaces?: Season; onDone: () => void }) {
  const [regular, setRegular] = useState('14');
  const [playoffTeams, setPlayoffTeams] = useState(String(Math.min(4, Math.max(2, props.teams))));
  const [playoffWeeks, setPlayoffWeeks] = useState<string | null>(null);
  const [starts, setStarts] = useState('');
  const [locks, setLocks] = useState('');
  const [firstKey, setFirstKey] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<Refused | null>(null);
  const weeks = playoffWeeks ?? String(roundsFor(Number(playoffTeams)));
  const key = firstKey || (starts ? `${starts.slice(0, 4)}-W01` : '');
  const periods = periodsFromForm(Number(regular) + Number(weeks), key, starts, locks);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setMessage('');
    if (!periods) return setError({ text: "Give week 1's start and lock, and a first week like 2026-W01" });
    try {
      const season = await api.post<Season>(`/leagues/${props.league.id}/seasons`, {
        periods, regularWeeks: Number(regular), playoffTeams: Number(playoffTeams), playoffWeeks: Number(weeks),
      });
      setMessage(`Season ${season.number} created: ${season.periods.length} weeks, schedule drawn`);
      props.onDone();
    } catch (failure) { setError(refusalOf(failure)); }
  };
  return (
    <section class="card" aria-label="Create a season">
      <h3>Create a season</h3>
      {props.replaces && props.replaces.status !== 'complete' && <p class="muted small">Replaces season {props.replaces.number} while its week 1 has not locked.</p>}
      <form class="stack" onSubmit={submit}>
        <div class="row wrap fields">
          <label>Regular-season weeks<input type="number" min={1} max={29} value={regular} onInput={(e) => setRegular(e.currentTarget.value)} /></label>
          <label>Playoff teams<input type="number" min={2} max={16} value={playoffTeams} onInput={(e) => { setPlayoffTeams(e.currentTarget.value); setPlayoffWeeks(null); }} /></label>
          <label>Playoff weeks<input type="number" min={1} max={4} value={weeks} onInput={(e) => setPlayoffWeeks(e.currentTarget.value)} /></label>
        </div>
        <label>Week 1 starts<input type="datetime-local" value={starts} onInput={(e) => setStarts(e.currentTarget.value)} /></label>
        <label>Week 1 locks (kickoff)<input type="datetime-local" value={locks} onInput={(e) => setLocks(e.currentTarget.value)} /></label>
        <p class="muted small">Each next week starts and locks 7 days later; every player locks at that time (per-club kickoffs: the season's <code>fixtures</code> over REST).</p>
        <label>First week's feed key<input placeholder="2026-W01" value={key} onInput={(e) => setFirstKey(e.currentTarget.value)} /></label>
        {periods && <p class="muted small" data-testid="season-preview">{periods.length} weeks, {periods[0].key} to {periods.at(-1)!.key}; week 1 locks {when(periods[0].locksAt)}, the last {when(periods.at(-1)!.locksAt)}.</p>}
        <Refusal refused={error} />
        {message && <p class="ok">{message}</p>}
        <button type="submit">Create season</button>
      </form>
    </section>
  );
}

function SeasonActions(props: { league: League; season: Season; onDone: () => void }) {
  const { season } = props;
  const base = `/leagues/${props.league.id}`;
  const [period, setPeriod] = useState<number | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<Refused | null>(null);
  const next = season.periods.find((p) => !p.final)?.number ?? season.periods.length;
  const chosen = period ?? next;
  const run = async (action: () => Promise<string>) => {
    setError(null);
    setMessage('');
    try { setMessage(await action()); props.onDone(); } catch (failure) { setError(refusalOf(failure)); }
  };
  const name = (n: number) => periodName(season.periods[n - 1], season.settings.regularWeeks);
  return (
    <section class="card" aria-label="Season controls">
      <h3>Season {season.number}</h3>
      <div class="stack">
        <div class="row wrap">
          <button onClick={() => run(async () => { await api.post(`${base}/schedule`); return 'Schedule drawn again'; })}>Draw the schedule again</button>
          <span class="muted small">until week 1 locks ({when(season.periods[0].locksAt)})</span>
        </div>
        <div class="row wrap">
          <label>Week to finalize
            <select value={chosen} onChange={(e) => setPeriod(Number(e.currentTarget.value))}>
              {season.periods.map((p) => <option key={p.number} value={p.number}>{name(p.number)}{p.final ? ' · final' : ''}</option>)}
            </select>
          </label>
          <button class="primary" onClick={() => run(async () => {
            const r = await api.post<{ period: number; finalized: boolean; refinalized: boolean; changed: number }>(`${base}/periods/${chosen}/finalize`);
            setPeriod(null);
            if (r.finalized) return `${name(r.period)} is final`;
            return r.refinalized ? `${name(r.period)} recomputed: ${r.changed} matchups changed` : `${name(r.period)} was already final: nothing changed`;
          })}>Finalize week</button>
        </div>
        <Refusal refused={error} />
        {message && <p class="ok">{message}</p>}
      </div>
    </section>
  );
}
