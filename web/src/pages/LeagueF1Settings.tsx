import { useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { useAsync } from '../lib/use-async.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { loadCalendar, type RaceSettings } from '../lib/f1.ts';
import { FormStatus } from '../components/FormStatus.tsx';
import type { League, Team } from './League.tsx';

/** The server's defaults (PROTOCOL.md "Fantasy F1 race weekends"), shown before the first save. */
const DEFAULT_LEAD_MINUTES = 2880;
const DEFAULT_PICK_SECONDS = 60;

/**
 * The commissioner's race-weekend settings (`PUT /leagues/:id/f1/settings`): the season played,
 * how long before qualifying each race draft opens, how the order changes from race to race, the
 * pick clock, and the round-1 order.
 */
export function F1Settings(props: { league: League; teams: Team[]; settings: RaceSettings | null; onChange: () => void }) {
  const { settings, teams } = props;
  const seasons = useAsync(async () => [...new Set((await loadCalendar()).map((r) => r.season))]);
  const [season, setSeason] = useState(settings ? String(settings.season) : '');
  const [lead, setLead] = useState(String(settings?.draftLeadMinutes ?? DEFAULT_LEAD_MINUTES));
  const [orderMode, setOrderMode] = useState<string>(settings?.orderMode ?? 'rotate');
  const [pickSeconds, setPickSeconds] = useState(String(settings?.pickSeconds ?? DEFAULT_PICK_SECONDS));
  const [order, setOrder] = useState<string[]>(() => baseOrder(settings?.baseOrder ?? [], teams.map((t) => t.id)));
  const shownOrder = baseOrder(order, teams.map((t) => t.id));
  const chosenSeason = season || String(seasons.data?.[seasons.data.length - 1] ?? '');
  const form = useSubmit(async () => {
    const saved = await api.put<RaceSettings>(`/leagues/${props.league.id}/f1/settings`, {
      season: Number(chosenSeason), draftLeadMinutes: Number(lead), orderMode, pickSeconds: Number(pickSeconds), baseOrder: shownOrder,
    });
    props.onChange();
    return `Saved: season ${saved.season}`;
  });
  const move = (from: number, to: number) => {
    const copy = [...shownOrder];
    const [id] = copy.splice(from, 1);
    copy.splice(to, 0, id);
    setOrder(copy);
  };
  const name = (id: string) => teams.find((t) => t.id === id)?.name ?? id;
  return (
    <section class="card" aria-label="F1 settings">
      <h3>Race weekend settings</h3>
      <form class="stack" onSubmit={form.submit}>
        <div class="row wrap">
          <label>Season<select value={chosenSeason} onChange={(e) => setSeason(e.currentTarget.value)}>
            {(seasons.data ?? []).map((s) => <option key={s} value={String(s)}>{s}</option>)}
          </select></label>
          <label>Draft opens (minutes before qualifying)<input type="number" value={lead} onInput={(e) => setLead(e.currentTarget.value)} /></label>
          <label>Seconds per pick (5–3600)<input type="number" value={pickSeconds} onInput={(e) => setPickSeconds(e.currentTarget.value)} /></label>
        </div>
        <label>Draft order from race to race<select value={orderMode} onChange={(e) => setOrderMode(e.currentTarget.value)}>
          <option value="rotate">Rotate by one team each race</option>
          <option value="standings">Reverse standings (last team first)</option>
        </select></label>
        <fieldset class="switch">
          <legend class="muted">Round 1 order</legend>
          <ol class="queue" aria-label="Round 1 order">
            {shownOrder.map((id, i) => (
              <li key={id}>
                <span>{name(id)}</span>
                <span class="row">
                  <button type="button" class="small" disabled={i === 0} aria-label={`Move ${name(id)} up`} onClick={() => move(i, i - 1)}>↑</button>
                  <button type="button" class="small" disabled={i === shownOrder.length - 1} aria-label={`Move ${name(id)} down`} onClick={() => move(i, i + 1)}>↓</button>
                </span>
              </li>
            ))}
          </ol>
        </fieldset>
        {seasons.error && <p role="alert" class="error">{seasons.error}</p>}
        <FormStatus {...form} />
        <button type="submit" disabled={form.busy || !chosenSeason}>Save settings</button>
      </form>
    </section>
  );
}

/** The stored order, without teams since removed, then teams that joined after it (as the server reads it). */
function baseOrder(stored: string[], teamIds: string[]): string[] {
  const kept = stored.filter((id) => teamIds.includes(id));
  return [...kept, ...teamIds.filter((id) => !kept.includes(id))];
}
