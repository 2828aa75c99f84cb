import { useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { onLinkClick } from '../lib/router.ts';
import { setSession, type SessionReply } from '../lib/session.ts';
import { useAsync } from '../lib/use-async.ts';
import { Refusal, useRun } from '../components/Refusal.tsx';
import { PASSWORD_MIN, PASSWORD_RULES } from './SignIn.tsx';

interface Me {
  id: string; username: string; isAdmin: boolean; createdAt: string;
  leagues: Array<{ id: string; name: string; sport: string; role: string }>;
  teams: Array<{ id: string; name: string; leagueId: string }>;
}

/** My account (GET /me): who I am, my leagues and teams; changing my password (POST /me/password). */
export function AccountPage() {
  const me = useAsync(() => api.get<Me>('/me'));
  const m = me.data;
  return (
    <div class="grid2">
      <section class="card" aria-label="Account">
        <h1>Account</h1>
        {me.error && <p role="alert" class="error">{me.error}</p>}
        {m && <>
          <p><b data-testid="username">{m.username}</b>{m.isAdmin && <span class="badge">admin</span>} <span class="muted">· since {new Date(m.createdAt).toLocaleDateString()}</span></p>
          <h3>Leagues</h3>
          {m.leagues.length === 0 ? <p class="muted">None yet.</p> : (
            <ul class="list">{m.leagues.map((l) => {
              const team = m.teams.find((t) => t.leagueId === l.id);
              return (
                <li key={l.id}><a href={`/leagues/${l.id}`} onClick={onLinkClick}>{l.name}</a><span class="badge">{l.sport}</span>
                  <span class="muted">{l.role}{team ? ` · ${team.name}` : ''}</span></li>
              );
            })}</ul>
          )}
        </>}
      </section>
      <div class="stack">
        <ChangePassword />
        <ApiKeys />
      </div>
    </div>
  );
}

/** The server ends every session of the account and answers a new one for this browser: stored at once. */
function ChangePassword() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const change = useRun(() => undefined);
  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(false);
    const failure = await change.run(async () => setSession(await api.post<SessionReply>('/me/password', { currentPassword: current, newPassword: next })));
    if (!failure) { setDone(true); setCurrent(''); setNext(''); }
  };
  return (
    <section class="card" aria-label="Change password">
      <h3>Change password</h3>
      <form class="stack" onSubmit={submit}>
        <label>Current password<input type="password" autocomplete="current-password" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} required /></label>
        <label>New password<input type="password" autocomplete="new-password" minLength={PASSWORD_MIN} aria-describedby="new-password-rules" value={next} onInput={(e) => setNext(e.currentTarget.value)} required /></label>
        <p id="new-password-rules" class="muted hint">{PASSWORD_RULES} Every other signed-in device is signed out.</p>
        <Refusal error={change.error} />
        {done && <p class="ok" role="status">Password changed: other sessions are signed out.</p>}
        <button type="submit" disabled={change.busy}>Change password</button>
      </form>
    </section>
  );
}

interface ApiKey { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null }

/** Read-only API keys (POST/GET/DELETE /me/api-keys): the secret is shown once, right after it is made. */
function ApiKeys() {
  const keys = useAsync(() => api.get<{ items: ApiKey[] }>('/me/api-keys'));
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const action = useRun(keys.reload);
  const create = (event: Event) => {
    event.preventDefault();
    setSecret('');
    void action.run(async () => { setSecret((await api.post<{ key: string }>('/me/api-keys', { name })).key); setName(''); });
  };
  return (
    <section class="card" aria-label="API keys">
      <h3>API keys</h3>
      <p class="muted hint">A key reads what you may read (GET routes) and never writes.</p>
      {keys.error && <p role="alert" class="error">{keys.error}</p>}
      <ul class="list">{keys.data?.items.map((k) => (
        <li key={k.id} data-key={k.id}><b>{k.name}</b> <span class="mono">{k.prefix}…</span>
          <span class="muted">{k.lastUsedAt ? `used ${new Date(k.lastUsedAt).toLocaleString()}` : 'never used'}</span>
          <button class="small danger" style="margin-left:auto" disabled={action.busy} aria-label={`Revoke ${k.name}`} onClick={() => { setSecret(''); void action.run(() => api.delete(`/me/api-keys/${k.id}`)); }}>Revoke</button></li>
      ))}</ul>
      {keys.data?.items.length === 0 && <p class="muted">No keys.</p>}
      {secret && <div class="stack" role="status"><span class="ok">Your new key: copy it now, it is not shown again.</span>
        <input readOnly value={secret} aria-label="New API key" onFocus={(e) => e.currentTarget.select()} /></div>}
      <form class="row" onSubmit={create}>
        <input aria-label="Key name" placeholder="Key name" value={name} onInput={(e) => setName(e.currentTarget.value)} maxLength={80} required />
        <button type="submit" disabled={action.busy}>Create key</button>
      </form>
      <Refusal error={action.error} />
    </section>
  );
}
