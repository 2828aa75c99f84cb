import { useState } from 'preact/hooks';
import { Refusal, refusalOf, type Refused } from '../components/Refusal.tsx';
import { api } from '../lib/api.ts';
import { useAsync } from '../lib/use-async.ts';
import { periodName, when, type Season } from '../lib/season.ts';
import type { League } from './League.tsx';
import { CreateSeason } from './SeasonCreate.tsx';

/** The commissioner's season controls: create a season, draw its schedule again, finalize a week. */
export function SeasonCommissioner(props: { league: League; teams: number }) {
  const seasons = useAsync(() => api.get<{ items: Season[] }>(`/leagues/${props.league.id}/seasons`));
  const latest = seasons.data?.items[0];
  return (
    <>
      <CreateSeason league={props.league} teams={props.teams} replaces={latest} onDone={seasons.reload} />
      {latest && <SeasonActions league={props.league} season={latest} onDone={seasons.reload} />}
    </>
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
