import { useState } from 'preact/hooks';
import { api, allPages, describeError } from '../lib/api.ts';
import { navigate } from '../lib/router.ts';
import type { League, Team } from './League.tsx';
import { SeasonCommissioner } from './SeasonCommissioner.tsx';

/** The commissioner's controls: the invite, teams, drafts and auctions, games, seasons, roster moves, rules. */
export function Commissioner(props: { league: League; teams: Team[]; onChange: () => void }) {
  const { league, teams } = props;
  const invite = `${location.origin}/leagues/${league.id}/join?code=${league.inviteCode ?? ''}`;
  return (
    <div class="cards">
      <section class="card">
        <h3>Invite managers</h3>
        <p class="muted">Share this link: whoever opens it while signed in claims an open team.</p>
        <input readOnly value={invite} aria-label="Invite link" onFocus={(e) => e.currentTarget.select()} />
      </section>
      <Action title="Add a team" submitLabel="Add team" fields={{ name: 'Team name' }}
        run={async (v) => { await api.post(`/leagues/${league.id}/teams`, { name: v.name }); props.onChange(); return 'Team added'; }} />
      <Action title="Create a draft" submitLabel="Create draft"
        fields={{ type: { label: 'Draft type', options: ['snake', 'linear', '3rr'] }, rounds: 'Rounds (blank: sport default)', pickSeconds: 'Seconds per pick (blank: default)' }}
        run={async (v) => {
          const draft = await api.post<{ id: string }>(`/leagues/${league.id}/drafts`, { type: v.type, ...num('rounds', v.rounds), ...num('pickSeconds', v.pickSeconds) });
          navigate(`/drafts/${draft.id}`);
          return '';
        }} />
      <Action title="Create an auction" submitLabel="Create auction"
        fields={{ budget: 'Budget $ (blank: default)', rosterSlots: 'Roster slots (blank: default)', bidSeconds: 'Bid clock seconds (blank: default)' }}
        run={async (v) => {
          const draft = await api.post<{ id: string }>(`/leagues/${league.id}/drafts`, { type: 'auction', ...num('budget', v.budget), ...num('rosterSlots', v.rosterSlots), ...num('bidSeconds', v.bidSeconds) });
          navigate(`/drafts/${draft.id}`);
          return '';
        }} />
      {league.sport === 'baseball' && (
        <Action title="Start a game" submitLabel="Play ball"
          fields={{ awayTeamId: { label: 'Away team', options: teams.map((t) => [t.id, t.name]) }, homeTeamId: { label: 'Home team', options: teams.map((t) => [t.id, t.name]).reverse() },
            pace: 'Seconds between AI decisions (blank: 3)', decisionSeconds: "Managers' seconds per decision (blank: default)" }}
          run={async (v) => {
            const game = await api.post<{ id: string }>(`/leagues/${league.id}/games`, { awayTeamId: v.awayTeamId, homeTeamId: v.homeTeamId, ...num('pace', v.pace), ...num('decisionSeconds', v.decisionSeconds) });
            navigate(`/games/${game.id}`);
            return '';
          }} />
      )}
      {league.sport !== 'baseball' && <SeasonCommissioner league={league} teams={teams.length} />}
      <RosterMoves league={league} teams={teams} onChange={props.onChange} />
      {league.sport !== 'baseball' && (
        <Action title="Scoring rules" submitLabel="Publish new version" fields={{ preset: { label: 'Preset', options: league.sport === 'f1' ? ['f1'] : ['standard', 'ppr'] } }}
          run={async (v) => { const r = await api.post<{ version: number }>(`/leagues/${league.id}/scoring-rules`, { preset: v.preset, activate: true, rescore: true }); return `Version ${r.version} is active`; }} />
      )}
    </div>
  );
}

const num = (key: string, value: string) => (value.trim() === '' ? {} : { [key]: Number(value) });

/** A text field (its label) or a select (options, or [value, label] pairs). */
type Field = string | { label: string; options: Array<string | string[]> };

/** A small form: text fields (label) or selects (options, or [value, label] pairs). */
function Action(props: { title: string; submitLabel: string; fields: Record<string, Field>; run: (values: Record<string, string>) => Promise<string> }) {
  const [values, setValues] = useState<Record<string, string>>({});
  // A select's options may arrive after the first render (the teams load): unset means its first option.
  const current = (key: string, field: Field) => values[key] ?? (typeof field === 'string' ? '' : optionValue(field.options[0]));
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    setError('');
    try { setMessage(await props.run(Object.fromEntries(Object.entries(props.fields).map(([k, f]) => [k, current(k, f)])))); } catch (failure) { setError(describeError(failure)); }
  };
  return (
    <section class="card">
      <h3>{props.title}</h3>
      <form class="stack" onSubmit={submit}>
        {Object.entries(props.fields).map(([key, field]) => (
          <label key={key}>{typeof field === 'string' ? field : field.label}
            {typeof field !== 'string' ? (
              <select value={current(key, field)} onChange={(e) => setValues({ ...values, [key]: e.currentTarget.value })}>
                {field.options.map((o) => <option key={optionValue(o)} value={optionValue(o)}>{Array.isArray(o) ? o[1] : o}</option>)}
              </select>
            ) : <input value={current(key, field)} onInput={(e) => setValues({ ...values, [key]: e.currentTarget.value })} />}
          </label>
        ))}
        {error && <p role="alert" class="error">{error}</p>}
        {message && <p class="ok">{message}</p>}
        <button type="submit">{props.submitLabel}</button>
      </form>
    </section>
  );
}

const optionValue = (o: string | string[] | undefined) => (Array.isArray(o) ? o[0] : o ?? '');

/** Put a player of the pool on a team, or take one off (acquired via `commissioner`). */
function RosterMoves(props: { league: League; teams: Team[]; onChange: () => void }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Array<{ id: string; name: string; positions: string[]; team: string }>>([]);
  const [teamId, setTeamId] = useState('');
  const [error, setError] = useState('');
  const team = props.teams.find((t) => t.id === teamId) ?? props.teams[0];
  const search = async (event: Event) => {
    event.preventDefault();
    try { setFound(await allPages(`/players?sport=${props.league.sport}&q=${encodeURIComponent(q)}&limit=10`, 1)); } catch (failure) { setError(describeError(failure)); }
  };
  const act = async (run: () => Promise<unknown>) => {
    setError('');
    try { await run(); props.onChange(); } catch (failure) { setError(describeError(failure)); }
  };
  if (!team) return null;
  return (
    <section class="card">
      <h3>Roster moves</h3>
      <label>Team<select value={team.id} onChange={(e) => setTeamId(e.currentTarget.value)}>{props.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}</select></label>
      <form class="row" onSubmit={search}><input placeholder="Search players" value={q} onInput={(e) => setQ(e.currentTarget.value)} /><button type="submit">Search</button></form>
      <ul class="list">{found.map((p) => (
        <li key={p.id}>{p.name} <span class="muted">{p.positions.join('/')} · {p.team}</span>
          <button class="small" aria-label={`Add ${p.name}`} onClick={() => act(() => api.post(`/leagues/${props.league.id}/teams/${team.id}/players`, { playerIds: [p.id] }))}>Add</button></li>
      ))}</ul>
      <ul class="list">{team.roster.map((r) => (
        <li key={r.playerId}>{r.name} <span class="muted">{r.positions[0]}</span>
          <button class="small danger" aria-label={`Drop ${r.name}`} onClick={() => act(() => api.delete(`/leagues/${props.league.id}/teams/${team.id}/players/${r.playerId}`))}>Drop</button></li>
      ))}</ul>
      {error && <p role="alert" class="error">{error}</p>}
    </section>
  );
}
