import { useState } from 'preact/hooks';
import { api, describeError } from '../lib/api.ts';
import { navigate, onLinkClick } from '../lib/router.ts';
import { useAsync } from '../lib/use-async.ts';

interface LeagueRow { id: string; name: string; sport: string; role: string }

/** My leagues, creating one, joining one with an invite link. */
export function Leagues() {
  const { data, error } = useAsync(() => api.get<{ items: LeagueRow[] }>('/leagues'));
  return (
    <div class="grid2">
      <section class="card">
        <h1>My leagues</h1>
        {error && <p role="alert" class="error">{error}</p>}
        {!data && !error && <p class="muted">Loading…</p>}
        {data?.items.length === 0 && <p class="muted">No leagues yet: create one or join with an invite.</p>}
        <ul class="list">
          {data?.items.map((league) => (
            <li key={league.id}>
              <a href={`/leagues/${league.id}`} onClick={onLinkClick}>{league.name}</a>
              <span class="badge">{league.sport}</span><span class="muted">{league.role}</span>
            </li>
          ))}
        </ul>
      </section>
      <div class="stack">
        <CreateLeague />
        <JoinWithInvite />
      </div>
    </div>
  );
}

function CreateLeague() {
  const [name, setName] = useState('');
  const [sport, setSport] = useState('football');
  const [rules, setRules] = useState('SBA');
  const [visibility, setVisibility] = useState('private');
  const [error, setError] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      const body = { name, sport, visibility, ...(sport === 'baseball' ? { baseballRules: rules } : {}) };
      const league = await api.post<{ id: string }>('/leagues', body);
      navigate(`/leagues/${league.id}`);
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  return (
    <section class="card">
      <h2>Create a league</h2>
      <form onSubmit={submit} class="stack">
        <label>League name<input value={name} onInput={(e) => setName(e.currentTarget.value)} required maxLength={80} /></label>
        <label>Sport
          <select value={sport} onChange={(e) => setSport(e.currentTarget.value)}>
            <option value="football">Football</option><option value="baseball">Baseball</option><option value="f1">F1</option>
          </select>
        </label>
        {sport === 'baseball' && (
          <label>Rules
            <select value={rules} onChange={(e) => setRules(e.currentTarget.value)}>
              <option value="SBA">SBA (pitchers bat)</option><option value="PD">PD (designated hitter)</option>
            </select>
          </label>
        )}
        <label>Who can see it
          <select value={visibility} onChange={(e) => setVisibility(e.currentTarget.value)}>
            <option value="private">Private: members only</option><option value="public">Public: anyone may watch</option>
          </select>
        </label>
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit">Create league</button>
      </form>
    </section>
  );
}

/** An invite is a link `/leagues/<id>/join?code=<code>` (the commissioner copies it from the league page). */
function JoinWithInvite() {
  const [link, setLink] = useState('');
  const [error, setError] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    const found = /leagues\/([0-9a-f-]{36})\/join\?code=([\w-]+)/.exec(link);
    if (!found) return setError('Paste the invite link the commissioner shared (…/leagues/<id>/join?code=…)');
    navigate(`/leagues/${found[1]}/join?code=${found[2]}`);
  };
  return (
    <section class="card">
      <h2>Join with an invite</h2>
      <form onSubmit={submit} class="stack">
        <label>Invite link<input value={link} onInput={(e) => setLink(e.currentTarget.value)} placeholder="http://…/leagues/…/join?code=…" /></label>
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit">Open invite</button>
      </form>
    </section>
  );
}
