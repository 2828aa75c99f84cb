import { useEffect, useState } from 'preact/hooks';
import { Refusal, refusalOf, type Refused } from '../components/Refusal.tsx';
import { api } from '../lib/api.ts';
import { when, type Season } from '../lib/season.ts';
import type { Race } from '../lib/f1.ts';
import type { League } from './League.tsx';
import { toLocalInput } from '../lib/local-time.ts';

/** GET /leagues/:id/season-options: what POST /leagues/:id/seasons accepts for this league's sport. */
export interface SeasonOptions {
  sport: 'football' | 'f1'; teams: number; positions: string[];
  lineup: { slots: string[]; eligibility: Record<string, string[]> };
  tiebreakers: { all: string[]; default: string[] };
  periods: { min: number; max: number; keyExample: string };
  playoffTeams: { min: number; max: number };
  finalizeGraceMinutes: { default: number; max: number };
}

const WEEK_MS = 7 * 24 * 3600_000;
const DAY_MS = 24 * 3600_000;
/** The server's absolute limit (the league's team count is checked by the server, with its code). */
const MAX_PLAYOFF_TEAMS = 16;
/** One playoff round a week: the server wants exactly ⌈log2 playoff teams⌉ playoff weeks. */
const roundsFor = (teams: number) => (teams >= 2 ? Math.ceil(Math.log2(teams)) : 1);

const TIEBREAKER_NAMES: Record<string, string> = {
  record: 'Record (win %)', pointsFor: 'Points for', headToHead: 'Head-to-head', pointsAgainst: 'Points against (fewer first)',
};

/** A `datetime-local` value (the browser's time zone) as an instant (ms). */
const instant = (local: string) => (local ? new Date(local).getTime() : NaN);

interface Fixture { club: string; at: string }
/** One period as the form holds it: local times, kickoffs as rows. */
interface PeriodRow { key: string; startsAt: string; locksAt: string; fixtures: Fixture[] }
/** What the commissioner changed in one generated period (unset fields follow the generator). */
type PeriodEdit = Partial<PeriodRow>;
/** A group of equal lineup slots: its name, how many, who may start there. */
interface SlotRow { name: string; count: number; eligible: string[] }

/** Weekly periods from week 1's start and lock; keys as the stat feed's weeks (2026-W01, …) when the first one is such a week. */
function generated(count: number, firstKey: string, starts: string, locks: string): PeriodRow[] {
  const [, year, week] = /^(\d{4})-W(\d{1,2})$/.exec(firstKey.trim()) ?? [];
  const start = instant(starts);
  const lock = instant(locks);
  return Array.from({ length: Math.max(0, Math.min(count, 30)) }, (_, i) => ({
    key: year ? `${year}-W${String(Number(week) + i).padStart(2, '0')}` : i === 0 ? firstKey.trim() : '',
    startsAt: Number.isNaN(start) ? '' : toLocalInput(start + i * WEEK_MS),
    locksAt: Number.isNaN(lock) ? '' : toLocalInput(lock + i * WEEK_MS),
    fixtures: [],
  }));
}

/** The default slots grouped as the form edits them: QB, RB×2, … (consecutive equal names are one row). */
function slotRows(lineup: SeasonOptions['lineup']): SlotRow[] {
  const rows: SlotRow[] = [];
  for (const name of lineup.slots) {
    const last = rows.at(-1);
    if (last?.name === name) last.count += 1;
    else rows.push({ name, count: 1, eligible: [...(lineup.eligibility[name] ?? [])] });
  }
  return rows;
}

function move<T>(list: T[], i: number, by: number): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const next = [...list];
  [next[i], next[j]] = [next[j], next[i]];
  return next;
}

/** The season-creation form: everything POST /leagues/:id/seasons accepts, with the sport's defaults. */
export function CreateSeason(props: { league: League; teams: number; replaces?: Season; onDone: () => void }) {
  const [options, setOptions] = useState<SeasonOptions | null>(null);
  const [refused, setRefused] = useState<Refused | null>(null);
  useEffect(() => {
    api.get<SeasonOptions>(`/leagues/${props.league.id}/season-options`)
      .then((loaded) => { setOptions(loaded); setRefused(null); }, (failure) => setRefused(refusalOf(failure)));
  }, [props.league.id, props.teams]);
  return (
    <section class="card wide" aria-label="Create a season">
      <h3>Create a season</h3>
      {props.replaces && props.replaces.status !== 'complete' && <p class="muted small">Replaces season {props.replaces.number} while its week 1 has not locked.</p>}
      <Refusal refused={refused} />
      {options && <SeasonForm {...props} options={options} />}
    </section>
  );
}

function SeasonForm(props: { league: League; teams: number; options: SeasonOptions; onDone: () => void }) {
  const { options } = props;
  const f1 = options.sport === 'f1';
  const unit = f1 ? 'race' : 'week';
  const [regular, setRegular] = useState(f1 ? '8' : '14');
  const [playoffTeams, setPlayoffTeams] = useState(String(Math.min(4, Math.max(2, props.teams))));
  const [playoffWeeks, setPlayoffWeeks] = useState<string | null>(null);
  const [starts, setStarts] = useState('');
  const [locks, setLocks] = useState('');
  const [firstKey, setFirstKey] = useState('');
  const [edits, setEdits] = useState<Record<number, PeriodEdit>>({});
  const [tiebreakers, setTiebreakers] = useState(() => [...options.tiebreakers.default, ...options.tiebreakers.all.filter((t) => !options.tiebreakers.default.includes(t))]);
  const [usedTiebreakers, setUsedTiebreakers] = useState<string[]>(options.tiebreakers.default);
  const [slots, setSlots] = useState<SlotRow[]>(() => slotRows(options.lineup));
  const [grace, setGrace] = useState(String(options.finalizeGraceMinutes.default));
  const [message, setMessage] = useState('');
  const [error, setError] = useState<Refused | null>(null);
  const [busy, setBusy] = useState(false);

  const weeks = playoffWeeks ?? String(roundsFor(Number(playoffTeams)));
  const key = firstKey || (!f1 && starts ? `${starts.slice(0, 4)}-W01` : '');
  const count = (Number(regular) || 0) + (Number(weeks) || 0);
  const periods = generated(count, key, starts, locks).map((row, i) => ({ ...row, ...edits[i] }));
  const edit = (i: number, change: PeriodEdit) => setEdits({ ...edits, [i]: { ...edits[i], ...change } });
  const setSlot = (i: number, change: Partial<SlotRow>) => setSlots(slots.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const lineupSlots = slots.flatMap((s) => Array.from({ length: Math.max(0, s.count) }, () => s.name));

  /** F1: the periods are the calendar's races (each opens three days before its lock). */
  const fromCalendar = async () => {
    setError(null);
    try {
      const races = (await api.get<{ items: Race[] }>(`/leagues/${props.league.id}/f1/races`)).items.filter((r) => Date.parse(r.locksAt) > Date.now());
      const next: Record<number, PeriodEdit> = {};
      races.slice(0, count).forEach((race, i) => {
        const lock = Math.min(Date.parse(race.locksAt), Date.parse(race.startsAt));
        next[i] = { key: race.period, startsAt: toLocalInput(lock - 3 * DAY_MS), locksAt: toLocalInput(lock), fixtures: [] };
      });
      setEdits(next);
      setMessage(`${Object.keys(next).length} of ${count} races from the calendar`);
    } catch (failure) { setError(refusalOf(failure)); }
  };

  /** The body exactly as the commissioner set it; a page check of its own (no code) when something cannot be sent at all. */
  const body = (): { body?: unknown; problem?: string } => {
    const out = [];
    for (const [i, p] of periods.entries()) {
      const startsAt = instant(p.startsAt);
      const locksAt = instant(p.locksAt);
      if (Number.isNaN(startsAt) || Number.isNaN(locksAt)) return { problem: `Give ${unit} ${i + 1}'s start and lock (week 1's fill every week)` };
      const fixtures: Record<string, string> = {};
      for (const f of p.fixtures) {
        if (!f.club.trim() && !f.at) continue;
        if (Number.isNaN(instant(f.at))) return { problem: `Give the kickoff of ${f.club || 'each club'} in ${unit} ${i + 1}` };
        fixtures[f.club.trim()] = new Date(instant(f.at)).toISOString();
      }
      out.push({ key: p.key.trim(), startsAt: new Date(startsAt).toISOString(), locksAt: new Date(locksAt).toISOString(), fixtures });
    }
    const names = slots.map((s) => s.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) return { problem: `Slot ${twice} is listed twice: one row per slot name, with its count` };
    return {
      body: {
        periods: out, regularWeeks: Number(regular), playoffTeams: Number(playoffTeams), playoffWeeks: Number(weeks),
        tiebreakers: tiebreakers.filter((t) => usedTiebreakers.includes(t)),
        lineup: { slots: lineupSlots, eligibility: Object.fromEntries(slots.map((s) => [s.name, s.eligible])) },
        finalizeGraceMinutes: Number(grace),
      },
    };
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setMessage('');
    const made = body();
    if (!made.body) return setError({ text: made.problem ?? '' });
    setBusy(true);
    try {
      const season = await api.post<Season>(`/leagues/${props.league.id}/seasons`, made.body);
      setMessage(`Season ${season.number} created: ${season.periods.length} ${unit}s, schedule drawn`);
      props.onDone();
    } catch (failure) { setError(refusalOf(failure)); } finally { setBusy(false); }
  };

  return (
    <form class="stack season-create" onSubmit={submit}>
      <fieldset class="group"><legend>Length and playoffs</legend>
        <div class="row wrap fields">
          <label>Regular-season {unit}s<input type="number" min={1} max={options.periods.max - 1} value={regular} onInput={(e) => setRegular(e.currentTarget.value)} /></label>
          <label>Playoff teams<input type="number" min={options.playoffTeams.min} max={MAX_PLAYOFF_TEAMS} value={playoffTeams} onInput={(e) => { setPlayoffTeams(e.currentTarget.value); setPlayoffWeeks(null); }} /></label>
          <label>Playoff {unit}s<input type="number" min={1} max={4} value={weeks} onInput={(e) => setPlayoffWeeks(e.currentTarget.value)} /></label>
        </div>
        <p class="muted small">At most {options.playoffTeams.max} playoff teams (the league's {options.teams} teams); one round a {unit}: {roundsFor(Number(playoffTeams))} for {playoffTeams}, byes for the top seeds when it is not a power of two.</p>
      </fieldset>

      <fieldset class="group"><legend>Finalizing</legend>
        <label>Minutes after a {unit}'s last {f1 ? 'start' : 'kickoff'} before it is final<input type="number" min={0} max={options.finalizeGraceMinutes.max} value={grace} onInput={(e) => setGrace(e.currentTarget.value)} /></label>
        <p class="muted small">Stat corrections settle in this time ({Math.round(Number(grace) / 6) / 10} hours); the commissioner may finalize earlier below.</p>
      </fieldset>

      <fieldset class="group span" aria-label={`${f1 ? 'Races' : 'Weeks'} and lock times`}><legend>{f1 ? 'Races' : 'Weeks'} and lock times</legend>
        <div class="row wrap fields">
          <label>{f1 ? 'Race 1 opens' : 'Week 1 starts'}<input type="datetime-local" value={starts} onInput={(e) => setStarts(e.currentTarget.value)} /></label>
          <label>{f1 ? 'Race 1 locks' : 'Week 1 locks (kickoff)'}<input type="datetime-local" value={locks} onInput={(e) => setLocks(e.currentTarget.value)} /></label>
          <label>{f1 ? "First race's feed key" : "First week's feed key"}<input placeholder={options.periods.keyExample} value={key} onInput={(e) => setFirstKey(e.currentTarget.value)} /></label>
        </div>
        <div class="row wrap">
          <span class="muted small">Each next {unit} starts and locks 7 days later; change any one below, with its clubs' own kickoffs.</span>
          {f1 && <button type="button" class="small" onClick={fromCalendar}>Fill from the F1 calendar</button>}
          {Object.keys(edits).length > 0 && <button type="button" class="small" onClick={() => setEdits({})}>Undo changes to single {unit}s</button>}
        </div>
        {periods.length > 0 && periods[0].locksAt && <p class="muted small" data-testid="season-preview">{periods.length} {unit}s, {periods[0].key || '?'} to {periods.at(-1)!.key || '?'}; {unit} 1 locks {when(new Date(periods[0].locksAt).toISOString())}{periods.at(-1)!.locksAt ? `, the last ${when(new Date(periods.at(-1)!.locksAt).toISOString())}` : ''}.</p>}
        {!periods[0]?.locksAt && <p class="muted small">Give {unit} 1's start and lock: every {unit} follows, each one editable here.</p>}
        {periods[0]?.locksAt && <ol class="list season-periods">
          {periods.map((p, i) => (
            <li key={i} data-period={i + 1}>
              <details>
                <summary>
                  <b>{i < Number(regular) ? `${f1 ? 'Race' : 'Week'} ${i + 1}` : `Playoff round ${i - Number(regular) + 1}`}</b>{' '}
                  <span class="tag">{p.key || 'no key'}</span>{' '}
                  <span class="muted small">locks {p.locksAt ? when(new Date(p.locksAt).toISOString()) : '?'}{p.fixtures.length ? ` · ${p.fixtures.length} kickoff${p.fixtures.length > 1 ? 's' : ''}` : ''}</span>
                  {edits[i] && <span class="badge">changed</span>}
                </summary>
                <div class="stack period-edit">
                  <div class="row wrap fields">
                    <label>Feed key<input value={p.key} placeholder={options.periods.keyExample} onInput={(e) => edit(i, { key: e.currentTarget.value })} /></label>
                    <label>Starts<input type="datetime-local" value={p.startsAt} onInput={(e) => edit(i, { startsAt: e.currentTarget.value })} /></label>
                    <label>Locks<input type="datetime-local" value={p.locksAt} onInput={(e) => edit(i, { locksAt: e.currentTarget.value })} /></label>
                  </div>
                  {p.fixtures.map((f, j) => (
                    <div class="row wrap fields fixture" key={j}>
                      <label>Club<input value={f.club} placeholder="KC" maxLength={40} onInput={(e) => edit(i, { fixtures: p.fixtures.map((x, k) => (k === j ? { ...x, club: e.currentTarget.value } : x)) })} /></label>
                      <label>Kickoff<input type="datetime-local" value={f.at} onInput={(e) => edit(i, { fixtures: p.fixtures.map((x, k) => (k === j ? { ...x, at: e.currentTarget.value } : x)) })} /></label>
                      <button type="button" class="small danger" aria-label={`Remove ${f.club || 'this'} kickoff`} onClick={() => edit(i, { fixtures: p.fixtures.filter((_, k) => k !== j) })}>Remove</button>
                    </div>
                  ))}
                  <div class="row wrap">
                    <button type="button" class="small" onClick={() => edit(i, { fixtures: [...p.fixtures, { club: '', at: p.locksAt }] })}>Add a club's kickoff</button>
                    <span class="muted small">A club's players lock at its kickoff; the others at the {unit}'s lock.</span>
                  </div>
                </div>
              </details>
            </li>
          ))}
        </ol>}
      </fieldset>

      <fieldset class="group" aria-label="Tiebreakers"><legend>Tiebreakers</legend>
        <p class="muted small">Teams level on the first are ordered by the next, and so on (then by name).</p>
        <ol class="list tiebreakers">
          {tiebreakers.map((t, i) => (
            <li key={t} data-tiebreaker={t}>
              <label class="toggle"><input type="checkbox" checked={usedTiebreakers.includes(t)} onChange={(e) => setUsedTiebreakers(e.currentTarget.checked ? [...usedTiebreakers, t] : usedTiebreakers.filter((x) => x !== t))} />{TIEBREAKER_NAMES[t] ?? t}</label>
              <span class="spacer" />
              <button type="button" class="small" aria-label={`Move ${TIEBREAKER_NAMES[t] ?? t} up`} disabled={i === 0} onClick={() => setTiebreakers(move(tiebreakers, i, -1))}>↑</button>
              <button type="button" class="small" aria-label={`Move ${TIEBREAKER_NAMES[t] ?? t} down`} disabled={i === tiebreakers.length - 1} onClick={() => setTiebreakers(move(tiebreakers, i, 1))}>↓</button>
            </li>
          ))}
        </ol>
      </fieldset>

      <fieldset class="group" aria-label="Lineup slots"><legend>Lineup slots</legend>
        <p class="muted small">The starters each team sets every {unit}; the rest of the roster is the bench. A slot takes a player of any position ticked.</p>
        <ol class="list lineup-slots">
          {slots.map((s, i) => (
            <li key={i} data-slot={i + 1}>
              <label>Slot<input class="slot-name" aria-label={`Slot ${i + 1} name`} value={s.name} maxLength={8} onInput={(e) => setSlot(i, { name: e.currentTarget.value.toUpperCase() })} /></label>
              <label>Count<input class="slot-count" type="number" aria-label={`Slot ${i + 1} count`} min={1} max={20} value={s.count} onInput={(e) => setSlot(i, { count: Number(e.currentTarget.value) })} /></label>
              <span class="row wrap eligible" role="group" aria-label={`Slot ${i + 1} positions`}>
                {options.positions.map((position) => (
                  <label class="toggle" key={position}><input type="checkbox" checked={s.eligible.includes(position)} onChange={(e) => setSlot(i, { eligible: e.currentTarget.checked ? options.positions.filter((x) => x === position || s.eligible.includes(x)) : s.eligible.filter((x) => x !== position) })} />{position}</label>
                ))}
              </span>
              <span class="row slot-actions">
                <button type="button" class="small" aria-label={`Move slot ${i + 1} up`} disabled={i === 0} onClick={() => setSlots(move(slots, i, -1))}>↑</button>
                <button type="button" class="small danger" aria-label={`Remove slot ${i + 1}`} onClick={() => setSlots(slots.filter((_, j) => j !== i))}>Remove</button>
              </span>
            </li>
          ))}
        </ol>
        <div class="row wrap">
          <button type="button" class="small" onClick={() => setSlots([...slots, { name: '', count: 1, eligible: [] }])}>Add a slot</button>
          <button type="button" class="small" onClick={() => setSlots(slotRows(options.lineup))}>Default slots</button>
        </div>
        <p class="muted small" data-testid="slots-preview">{lineupSlots.length} starters: {slots.map((s) => `${s.name || '?'}${s.count > 1 ? `×${s.count}` : ''}${s.eligible.length > 1 || s.eligible[0] !== s.name ? ` (${s.eligible.join('/') || 'nobody'})` : ''}`).join(', ')}</p>
      </fieldset>

      <div class="stack span">
        <Refusal refused={error} />
        {message && <p class="ok">{message}</p>}
        <button type="submit" class="primary" disabled={busy}>Create season</button>
      </div>
    </form>
  );
}
