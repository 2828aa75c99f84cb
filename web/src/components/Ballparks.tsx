import { useState } from 'preact/hooks';
import { BALLPARKS, ballpark } from '../../../src/baseball/ballparks.ts';
import { api } from '../lib/api.ts';
import { Refusal, useRun } from './Refusal.tsx';

/** A team's park on its card; none when it has none (a neutral park, and every team of another sport). */
export function ParkLine(props: { team: { id: string; park?: string | null } }) {
  if (!props.team.park) return null;
  return <p class="muted" data-testid="park">Park: {ballpark(props.team.park).name}</p>;
}

/**
 * The commissioner's ballparks: one row per team with a picker of the eight parks (or none, a
 * neutral park); a choice is saved at once with PATCH /leagues/:id/teams/:teamId {park} and holds
 * for games created from then on (docs/baseball.md "Ballparks").
 */
export function TeamParks(props: { leagueId: string; teams: Array<{ id: string; name: string; park?: string | null }>; onChange: () => void }) {
  const [saved, setSaved] = useState('');
  const save = useRun(props.onChange);
  const choose = async (team: { id: string; name: string }, park: string) => {
    setSaved('');
    const failure = await save.run(() => api.patch(`/leagues/${props.leagueId}/teams/${team.id}`, { park: park || null }));
    if (!failure) setSaved(`${team.name} plays at ${ballpark(park).name}`);
  };
  return (
    <section class="card" aria-label="Ballparks">
      <h3>Ballparks</h3>
      <p class="muted">Where each team plays its home games; games created from now on use it.</p>
      <table class="compact">
        <thead><tr><th>Team</th><th>Park</th></tr></thead>
        <tbody>
          {props.teams.map((team) => (
            <tr key={team.id} data-team={team.id}>
              <td>{team.name}</td>
              <td><select aria-label={`Park of ${team.name}`} value={team.park ?? ''} disabled={save.busy} onChange={(e) => choose(team, e.currentTarget.value)}>
                <option value="">Neutral park</option>
                {BALLPARKS.map((park) => <option key={park.id} value={park.id}>{park.name}</option>)}
              </select></td>
            </tr>
          ))}
        </tbody>
      </table>
      <Refusal error={save.error} />
      {saved && <p class="ok" role="status">{saved}</p>}
    </section>
  );
}
