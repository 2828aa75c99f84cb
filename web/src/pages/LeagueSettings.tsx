import { useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { fromLocalInput, toLocalInput } from '../lib/local-time.ts';
import { when, type LeagueBook, type Settings } from '../lib/league-book.ts';
import { Refusal, useRun } from '../components/Refusal.tsx';
import { TeamParks } from '../components/Ballparks.tsx';

/** The form's text for each setting (inputs hold strings; numbers are parsed on submit). */
type Draft = Record<string, string>;

function draftOf(name: string, visibility: string, s: Settings): Draft {
  return {
    name, visibility, total: String(s.roster.total),
    waiverType: s.waivers.type, periodDays: String(s.waivers.periodDays), runHourUtc: String(s.waivers.runHourUtc), faabBudget: String(s.waivers.faabBudget),
    review: s.trades.review, reviewHours: String(s.trades.reviewHours), vetoVotes: String(s.trades.vetoVotes), deadline: s.trades.deadline ? toLocalInput(s.trades.deadline) : '',
  };
}

/**
 * The commissioner's league settings (PATCH /leagues/:id: name, visibility, roster, waiver and
 * trade settings), team names and (baseball) ballparks (PATCH /leagues/:id/teams/:teamId) and archiving. Each change is an
 * `admin` entry of the transaction log.
 */
export function LeagueSettings(props: { league: { id: string; name: string; sport?: string; visibility?: string }; book: LeagueBook; onChange: () => void }) {
  const { league, book } = props;
  const [draft, setDraft] = useState<Draft>(() => draftOf(league.name, league.visibility ?? 'private', book.settings));
  const [saved, setSaved] = useState('');
  const save = useRun(props.onChange);
  const set = (key: string) => (e: Event) => setDraft({ ...draft, [key]: (e.currentTarget as HTMLInputElement).value });
  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved('');
    let changed: string[] = [];
    const failure = await save.run(async () => {
      const reply = await api.patch<{ changed: string[] }>(`/leagues/${league.id}`, {
        name: draft.name, visibility: draft.visibility,
        settings: {
          roster: { total: Number(draft.total) },
          waivers: { type: draft.waiverType, periodDays: Number(draft.periodDays), runHourUtc: Number(draft.runHourUtc), faabBudget: Number(draft.faabBudget) },
          trades: { review: draft.review, reviewHours: Number(draft.reviewHours), vetoVotes: Number(draft.vetoVotes), deadline: fromLocalInput(draft.deadline) || null },
        },
      });
      changed = reply.changed;
    });
    if (!failure) setSaved(changed.length ? `Saved: ${changed.join(', ')} changed` : 'Nothing changed');
  };
  const select = (key: string, label: string, options: string[]) => (
    <label>{label}<select value={draft[key]} onChange={set(key)}>{options.map((o) => <option key={o} value={o}>{o}</option>)}</select></label>
  );
  const number = (key: string, label: string) => <label>{label}<input type="number" min={0} value={draft[key]} onInput={set(key)} /></label>;
  const readOnly = Boolean(book.archivedAt);
  return (
    <div class="stack">
      <section class="card" aria-label="League settings">
        <h3>League settings</h3>
        {readOnly && <p class="refusal">Archived {when(book.archivedAt)}: read-only.</p>}
        <form class="stack" onSubmit={submit}>
          <div class="cards">
            <fieldset class="group"><legend>League</legend>
              <label>League name<input value={draft.name} onInput={set('name')} maxLength={80} required /></label>
              {select('visibility', 'Visibility', ['private', 'public'])}
              {number('total', 'Most players on a roster')}
            </fieldset>
            <fieldset class="group"><legend>Waivers</legend>
              {select('waiverType', 'Waiver type', ['rolling', 'reverse-standings', 'faab'])}
              {number('periodDays', 'Days on waivers after a drop (0: none)')}
              {number('runHourUtc', 'Waiver run hour (UTC)')}
              {number('faabBudget', 'FAAB budget per team')}
            </fieldset>
            <fieldset class="group"><legend>Trades</legend>
              {select('review', 'Trade review', ['commissioner', 'league', 'none'])}
              {number('reviewHours', 'Review window (hours)')}
              {number('vetoVotes', 'Votes to veto (league review)')}
              <label>Trade deadline (blank: none)<input type="datetime-local" value={draft.deadline} onInput={set('deadline')} /></label>
            </fieldset>
          </div>
          <Refusal error={save.error} />
          {saved && <p class="ok" role="status">{saved}</p>}
          <div class="row"><button type="submit" class="primary" disabled={save.busy || readOnly}>Save settings</button></div>
        </form>
      </section>
      <div class="grid2">
        <RenameTeam leagueId={league.id} book={book} onChange={props.onChange} />
        <Archive leagueId={league.id} archivedAt={book.archivedAt} onChange={props.onChange} />
      </div>
      {league.sport === 'baseball' && <TeamParks leagueId={league.id} teams={book.teams} onChange={props.onChange} />}
    </div>
  );
}

function RenameTeam(props: { leagueId: string; book: LeagueBook; onChange: () => void }) {
  const [teamId, setTeamId] = useState(props.book.teams[0]?.id ?? '');
  const [name, setName] = useState('');
  const [done, setDone] = useState('');
  const rename = useRun(props.onChange);
  const submit = async (event: Event) => {
    event.preventDefault();
    setDone('');
    if (!(await rename.run(() => api.patch(`/leagues/${props.leagueId}/teams/${teamId}`, { name })))) setDone(`Renamed to ${name}`);
  };
  // A manager who left: the team is freed (ownerId null), for someone to join with the invite code.
  const team = props.book.teams.find((t) => t.id === teamId);
  const free = async () => {
    setDone('');
    if (!(await rename.run(() => api.patch(`/leagues/${props.leagueId}/teams/${teamId}`, { ownerId: null })))) setDone(`${team?.name ?? 'The team'} has no manager now`);
  };
  return (
    <section class="card" aria-label="Rename a team">
      <h3>Rename a team</h3>
      <form class="stack" onSubmit={submit}>
        <label>Team<select value={teamId} onChange={(e) => setTeamId(e.currentTarget.value)}>
          {props.book.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}</select></label>
        <label>New name<input value={name} onInput={(e) => setName(e.currentTarget.value)} maxLength={60} required /></label>
        <Refusal error={rename.error} />
        {done && <p class="ok" role="status">{done}</p>}
        <div class="row wrap">
          <button type="submit" disabled={rename.busy}>Rename team</button>
          {team?.ownerId && <button type="button" class="danger" disabled={rename.busy} onClick={free}>Remove its manager ({team.ownerName ?? 'unnamed'})</button>}
        </div>
      </form>
    </section>
  );
}

/** Archiving cannot be undone: a second, explicit click confirms it. */
function Archive(props: { leagueId: string; archivedAt: string | null; onChange: () => void }) {
  const [armed, setArmed] = useState(false);
  const archive = useRun(props.onChange);
  return (
    <section class="card" aria-label="Archive the league">
      <h3>Archive the league</h3>
      {props.archivedAt ? <p class="muted">Archived {when(props.archivedAt)}: every transaction and edit is refused; reads go on.</p> : (
        <>
          <p class="muted">The league becomes read-only for good: no adds, claims, trades or edits.</p>
          {!armed ? <button class="danger" onClick={() => setArmed(true)}>Archive…</button> : (
            <div class="row"><button class="danger" disabled={archive.busy} onClick={() => archive.run(() => api.post(`/leagues/${props.leagueId}/archive`))}>Yes, archive it</button>
              <button onClick={() => setArmed(false)}>Keep it open</button></div>
          )}
        </>
      )}
      <Refusal error={archive.error} />
    </section>
  );
}
