import { useState } from 'preact/hooks';
import { ApiError, api, describeError } from '../lib/api.ts';
import { setSession, type Session } from '../lib/session.ts';

/** What the server asks of a new password (it refuses a short or common one with the reason). */
export const PASSWORD_MIN = 10;
export const PASSWORD_RULES = `At least ${PASSWORD_MIN} characters, and not a common password (a few unrelated words work well).`;

/** Sign in or register; both answer `{token, user}`. */
export function SignIn() {
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      setSession(await api.post<Session>(`/auth/${mode}`, { username, password }));
    } catch (failure) {
      setError(formError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card narrow">
      <h1>{mode === 'login' ? 'Sign in' : 'Create an account'}</h1>
      <form onSubmit={submit} class="stack">
        <label>Username<input name="username" pattern="[A-Za-z0-9_.\-]{3,32}" title="3-32 letters, digits, _ . or -" autocomplete="username" value={username} onInput={(e) => setUsername(e.currentTarget.value)} required /></label>
        <label>Password<input name="password" type="password" autocomplete={mode === 'login' ? 'current-password' : 'new-password'} value={password} onInput={(e) => setPassword(e.currentTarget.value)} required
          minLength={mode === 'register' ? PASSWORD_MIN : undefined} aria-describedby={mode === 'register' ? 'password-rules' : undefined} /></label>
        {mode === 'register' && <p id="password-rules" class="muted small">{PASSWORD_RULES}</p>}
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit" disabled={busy}>{mode === 'login' ? 'Sign in' : 'Register'}</button>
      </form>
      <p class="muted">
        {mode === 'login' ? 'New here? ' : 'Have an account? '}
        <button class="link" onClick={() => setMode(mode === 'login' ? 'register' : 'login')}>{mode === 'login' ? 'Register' : 'Sign in'}</button>
        {mode === 'login' && <> · try <code>demo</code> / <code>demo-password</code></>}
      </p>
    </section>
  );
}

/**
 * The server's own words: "Wrong username or password", or each refused field ("password: at least
 * 10 characters"); the generic explanation of UNAUTHENTICATED ("sign in again") would mislead here.
 */
function formError(failure: unknown): string {
  if (!(failure instanceof ApiError)) return describeError(failure);
  const fields = (failure.details as { fields?: Array<{ path: string; message: string }> } | undefined)?.fields;
  return fields?.length ? fields.map((f) => `${f.path}: ${f.message}`).join('; ') : failure.message;
}
