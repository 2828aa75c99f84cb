import { useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import type { Race } from '../lib/f1.ts';
import { fromLocalInput, toLocalInput } from '../lib/local-time.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { FormStatus } from '../components/FormStatus.tsx';

/**
 * The calendar's keeper (site admins only: the server answers 403 to anyone else): add a race,
 * move one. Times are entered in the admin's own time zone and sent as instants.
 */
export function RaceAdmin(props: { races: Race[]; onChange: () => void }) {
  return (
    <div class="grid2">
      <AddRace races={props.races} onChange={props.onChange} />
      <MoveRace races={props.races.filter((r) => Date.parse(r.locksAt) > Date.now())} onChange={props.onChange} />
    </div>
  );
}

function AddRace(props: { races: Race[]; onChange: () => void }) {
  const last = props.races[props.races.length - 1];
  const [race, setRace] = useState({ season: String(last?.season ?? new Date().getFullYear()), round: String((last?.round ?? 0) + 1), name: '', circuit: '', country: '', startsAt: '', locksAt: '' });
  const field = (key: keyof typeof race) => ({ value: race[key], onInput: (e: Event) => setRace({ ...race, [key]: (e.currentTarget as HTMLInputElement).value }) });
  const form = useSubmit(async () => {
    const added = await api.post<Race>('/f1/races', {
      season: Number(race.season), round: Number(race.round), name: race.name, circuit: race.circuit, country: race.country,
      startsAt: fromLocalInput(race.startsAt), ...(race.locksAt ? { locksAt: fromLocalInput(race.locksAt) } : {}),
    });
    props.onChange();
    return `Round ${added.round} added (${added.period})`;
  });
  return (
    <section class="card" aria-label="Add a race">
      <h3>Add a race</h3>
      <form class="stack" onSubmit={form.submit}>
        <div class="row wrap">
          <label>Season<input type="number" {...field('season')} /></label>
          <label>Round<input type="number" min={1} {...field('round')} /></label>
        </div>
        <label>Name<input placeholder="Monaco Grand Prix" {...field('name')} /></label>
        <div class="row wrap">
          <label>Circuit<input {...field('circuit')} /></label>
          <label>Country<input {...field('country')} /></label>
        </div>
        <div class="row wrap">
          <label>Race start<input type="datetime-local" {...field('startsAt')} /></label>
          <label>Qualifying (lock; blank: 23 h before)<input type="datetime-local" {...field('locksAt')} /></label>
        </div>
        <FormStatus {...form} />
        <button type="submit" disabled={form.busy}>Add race</button>
      </form>
    </section>
  );
}

function MoveRace(props: { races: Race[]; onChange: () => void }) {
  const [raceId, setRaceId] = useState('');
  const race = props.races.find((r) => r.id === raceId) ?? props.races[0];
  const [startsAt, setStartsAt] = useState('');
  const [locksAt, setLocksAt] = useState('');
  const form = useSubmit(async () => {
    const moved = await api.patch<Race>(`/f1/races/${race!.id}`, {
      ...(startsAt ? { startsAt: fromLocalInput(startsAt) } : {}), ...(locksAt ? { locksAt: fromLocalInput(locksAt) } : {}),
    });
    props.onChange();
    return `Round ${moved.round} moved`;
  });
  if (!race) return null;
  return (
    <section class="card" aria-label="Move a race">
      <h3>Move a race</h3>
      <p class="muted">Every league's draft of it follows. A locked race keeps its time.</p>
      <form class="stack" onSubmit={form.submit}>
        <label>Race<select aria-label="Race" value={race.id} onChange={(e) => { setRaceId(e.currentTarget.value); setStartsAt(''); setLocksAt(''); }}>
          {props.races.map((r) => <option key={r.id} value={r.id}>{r.season} · round {r.round} · {r.name}</option>)}
        </select></label>
        <div class="row wrap">
          <label>New race start<input type="datetime-local" value={startsAt || toLocalInput(race.startsAt)} onInput={(e) => setStartsAt(e.currentTarget.value)} /></label>
          <label>New qualifying (blank: moves with the start)<input type="datetime-local" value={locksAt} onInput={(e) => setLocksAt(e.currentTarget.value)} /></label>
        </div>
        <FormStatus {...form} />
        <button type="submit" disabled={form.busy}>Move race</button>
      </form>
    </section>
  );
}
