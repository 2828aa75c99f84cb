import { useState } from 'preact/hooks';
import { api, describeError } from '../lib/api.ts';
import { navigate } from '../lib/router.ts';

/** Accepting an invite: claims the league's first open team (POST /leagues/:id/join). */
export function JoinPage(props: { leagueId: string }) {
  const [code, setCode] = useState(new URLSearchParams(location.search).get('code') ?? '');
  const [error, setError] = useState('');
  const join = async (event: Event) => {
    event.preventDefault();
    try {
      await api.post(`/leagues/${props.leagueId}/join`, { inviteCode: code });
      navigate(`/leagues/${props.leagueId}`, true);
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  return (
    <section class="card narrow">
      <h1>Join a league</h1>
      <form onSubmit={join} class="stack">
        <label>Invite code<input value={code} onInput={(e) => setCode(e.currentTarget.value)} required /></label>
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit">Join and claim a team</button>
      </form>
    </section>
  );
}
