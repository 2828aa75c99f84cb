import { useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { useAsync } from '../lib/use-async.ts';
import { getSession } from '../lib/session.ts';
import { Refusal, useRefusal } from './RoomBits.tsx';
import type { GameSides } from './DecisionPanel.tsx';
import { fromLocalInput } from '../lib/local-time.ts';

/**
 * The game's lifecycle for who may change it (docs/PROTOCOL.md "Game lifecycle"): before the first
 * pitch the commissioner (a manager: his friendlies) cancels or moves it; a manager forfeits his
 * team's game, the commissioner either team's; a suspended game is resumed by the commissioner or a
 * manager (in the room, as on this page: the AI plays for a manager still away). A challenge (status
 * proposed) is accepted by the challenged team's manager or the commissioner, declined by either
 * team's manager or the commissioner. The server decides; the buttons are offered to those it would
 * allow: a ranked game is only the commissioner's to cancel or move, a manager's only his friendlies.
 */
export function GameActions(props: { gameId: string; game: GameSides | null; status: string; onChange: () => void }) {
  const me = getSession()?.user.id;
  const leagueId = props.game?.leagueId ?? null;
  const league = useAsync(async () => {
    if (!leagueId) return null;
    const [{ role }, { items: teams }] = await Promise.all([
      api.get<{ role: string | null }>(`/leagues/${leagueId}`),
      api.get<{ items: Array<{ id: string; name: string; ownerId: string | null }> }>(`/leagues/${leagueId}/teams`),
    ]);
    return { role, teams };
  }, [leagueId]);
  const { refusal, attempt } = useRefusal();
  const [when, setWhen] = useState('');
  if (!league.data || !props.game || !['proposed', 'scheduled', 'live', 'suspended'].includes(props.status)) return null;
  const sides = [props.game.away.teamId, props.game.home.teamId];
  const commissioner = league.data.role === 'commissioner';
  const myTeam = league.data.teams.find((t) => sides.includes(t.id) && t.ownerId === me);
  if (!commissioner && !myTeam) return null;
  const mayReschedule = commissioner || props.game.mode !== 'ranked';
  const post = (action: string, body: unknown = {}) => attempt(async () => {
    await api.post(`/games/${props.gameId}/${action}`, body);
    props.onChange();
  });
  const nameOf = (teamId: string) => league.data!.teams.find((t) => t.id === teamId)?.name ?? teamId;
  return (
    <section class="card" aria-label="Game actions">
      <div class="row wrap">
        {props.status === 'proposed' && <>
          <span class="muted">A challenge to {nameOf(props.game.challengedTeamId ?? '')}</span>
          {(commissioner || myTeam?.id === props.game.challengedTeamId) && <button class="primary" onClick={() => post('accept')}>Accept challenge</button>}
          <button onClick={() => post('decline')}>Decline</button>
        </>}
        {props.status === 'scheduled' && mayReschedule && <>
          <button onClick={() => post('cancel')}>Cancel game</button>
          <label>New first pitch <input type="datetime-local" value={when} onInput={(e) => setWhen(e.currentTarget.value)} /></label>
          <button disabled={!when} onClick={() => post('postpone', { scheduledAt: fromLocalInput(when) })}>Postpone</button>
        </>}
        {props.status === 'suspended' && <button class="primary" onClick={() => post('resume')} title="The AI plays for a manager still away, until he is back">Resume game</button>}
        {props.status !== 'proposed' && myTeam && !commissioner && <button onClick={() => post('forfeit')}>Forfeit</button>}
        {props.status !== 'proposed' && commissioner && sides.map((teamId) => <button key={teamId} onClick={() => post('forfeit', { teamId })}>Forfeit for {nameOf(teamId)}</button>)}
      </div>
      <Refusal text={refusal} />
    </section>
  );
}
