import { memo } from 'preact/compat';
import { useMemo } from 'preact/hooks';
import { DraftRoomState } from '../../../schema/DraftRoomState.ts';
import { draftMessages } from '../../../rooms/draft/messages.ts';
import { originalTeamForPick, teamForPick } from '../../../src/draft/order.ts';
import type { DraftConfig } from '../../../src/draft/types.ts';
import { useLiveRoom, request } from '../lib/rooms.ts';
import { useFields, useList } from '../lib/state.ts';
import { loadDraftContext, type DraftContext, type PoolPlayer } from '../lib/draft-context.ts';
import { useAsync } from '../lib/use-async.ts';
import { Chat, ConnectionBadge, Countdown, Refusal, useRefusal, useServerTime } from '../components/RoomBits.tsx';
import { PlayerTable } from '../components/PlayerTable.tsx';
import { AuctionPage } from './Auction.tsx';

type Team = { id: string; name: string; slot: number; connected: boolean; autopick: boolean; queue?: string[] };
type Pick = { overall: number; round: number; teamId: string; playerId: string; auto: boolean; keeper: boolean };

/** /drafts/:id: the snake/linear/3RR draft room, or the auction room for an auction. */
export function DraftPage(props: { draftId: string }) {
  const { data, error } = useAsync(() => loadDraftContext(props.draftId), [props.draftId]);
  if (error) return <p role="alert" class="error">{error}</p>;
  if (!data) return <p class="muted">Loading…</p>;
  return data.summary.type === 'auction' ? <AuctionPage context={data} /> : <DraftRoom context={data} />;
}

function DraftRoom(props: { context: DraftContext }) {
  const { summary, pool, ranked, myTeamId, commissioner } = props.context;
  const live = useLiveRoom('draft', { draftId: summary.id }, DraftRoomState);
  const room = live.room;
  useServerTime(room);
  const f = useFields(room, ['status', 'currentPick', 'totalPicks', 'onClock', 'deadline', 'remainingMs', 'rounds', 'type'] as const);
  const teams = useList<Team>(room, 'teams', ['queue']);
  const picks = useList<Pick>(room, 'picks');
  const { refusal, attempt } = useRefusal();
  const taken = useMemo(() => new Set(picks.map((p) => p.playerId)), [picks]);
  const mine = teams.find((t) => t.id === myTeamId);
  const config = useMemo(() => ({ ...summary.config, type: summary.type, order: summary.order.map((o) => o.teamId) }) as DraftConfig, [summary]);
  const onClock = teams.find((t) => t.id === f.onClock);
  // A traded pick (PROTOCOL "Draft room": tradedPicks): onClock is its holder; name whose pick it was.
  const pickOwner = f.currentPick > 0 && f.currentPick <= f.totalPicks ? teams.find((t) => t.id === originalTeamForPick(config, f.currentPick)) : undefined;
  const via = onClock && pickOwner && pickOwner.id !== onClock.id ? ` via ${pickOwner.name}` : '';
  const positions = useMemo(() => [...new Set(ranked.flatMap((p) => p.positions))], [ranked]);
  const send = <K extends keyof typeof draftMessages & string>(type: K, payload: Parameters<typeof request<typeof draftMessages, K>>[3]) =>
    attempt(() => request(room!, draftMessages, type, payload));
  const queue = mine?.queue ?? [];
  const setQueue = (playerIds: string[]) => send('queue', { playerIds });
  const myTurn = f.status === 'live' && f.onClock === myTeamId;

  return (
    <div class="room draft">
      <header class="page-head">
        <h1>Draft <span class="badge">{f.type}</span></h1>
        <ConnectionBadge live={live} />
        <span class={`badge status-${f.status}`} data-testid="draft-status">{f.status}</span>
        {!myTeamId && !commissioner && <span class="badge">Spectating</span>}
      </header>
      <section class={`card clock ${myTurn ? 'my-turn' : ''}`} aria-label="On the clock">
        {f.status === 'complete' ? <b>Draft complete</b> : (
          <>
            <span>Pick <b data-testid="current-pick">{f.currentPick}</b> of {f.totalPicks} · round {Math.ceil((f.currentPick || 1) / Math.max(1, teams.length))}</span>
            <span>On the clock: <b data-testid="on-clock">{onClock ? `${onClock.name}${via}` : '—'}</b>{myTurn ? ' (you!)' : ''}</span>
            <Countdown deadline={f.status === 'live' ? f.deadline : 0} remainingMs={f.remainingMs} label="pick clock" />
          </>
        )}
        {commissioner && <CommissionerBar status={f.status} send={send} />}
      </section>
      <Refusal text={refusal} />
      <Board config={config} teams={teams} picks={picks} pool={pool} rounds={f.rounds || config.rounds} currentPick={f.currentPick} />
      <div class="draft-lower">
        <PlayerTable players={ranked} taken={taken} positions={positions} actions={(p) => (
          <>
            {myTeamId && <button class="small primary" onClick={() => send('pick', { playerId: p.id, pick: f.currentPick })} aria-label={`Draft ${p.name}`}>Draft</button>}
            {myTeamId && !queue.includes(p.id) && <button class="small" onClick={() => setQueue([...queue, p.id])} aria-label={`Queue ${p.name}`}>+Q</button>}
            {commissioner && f.onClock && <button class="small" onClick={() => send('pickFor', { teamId: f.onClock, playerId: p.id })} aria-label={`Pick ${p.name} for the team on the clock`}>For</button>}
          </>
        )} />
        <div class="stack">
          {mine && (
            <section class="card" aria-label="My queue">
              <h3>My queue</h3>
              <label class="toggle"><input type="checkbox" checked={mine.autopick} onChange={(e) => send('autopick', { enabled: e.currentTarget.checked })} /> Autopick</label>
              {queue.length === 0 && <p class="muted">Add players with +Q: when your clock runs out the first available is picked.</p>}
              <ol class="queue">
                {queue.map((id, i) => (
                  <li key={id} class={taken.has(id) ? 'gone' : ''}>
                    <span>{pool.get(id)?.name ?? id}</span>
                    <span class="row">
                      <button class="small" disabled={i === 0} aria-label="Move up" onClick={() => setQueue(move(queue, i, i - 1))}>↑</button>
                      <button class="small" disabled={i === queue.length - 1} aria-label="Move down" onClick={() => setQueue(move(queue, i, i + 1))}>↓</button>
                      <button class="small danger" aria-label={`Remove ${pool.get(id)?.name ?? id}`} onClick={() => setQueue(queue.filter((q) => q !== id))}>×</button>
                    </span>
                  </li>
                ))}
              </ol>
            </section>
          )}
          <Teams teams={teams} onClock={f.onClock} />
          <Chat room={room} send={(text) => request(room!, draftMessages, 'chat', { text })} />
        </div>
      </div>
    </div>
  );
}

function move<T>(list: T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}

function CommissionerBar(props: { status: string; send: (type: 'start' | 'pause' | 'resume' | 'undo', payload: Record<string, never>) => unknown }) {
  return (
    <span class="row commish" aria-label="Commissioner controls">
      {props.status === 'scheduled' && <button class="primary" onClick={() => props.send('start', {})}>Start draft</button>}
      {props.status === 'live' && <button onClick={() => props.send('pause', {})}>Pause</button>}
      {props.status === 'paused' && <button onClick={() => props.send('resume', {})}>Resume</button>}
      {(props.status === 'live' || props.status === 'paused') && <button class="danger" onClick={() => props.send('undo', {})}>Undo pick</button>}
    </span>
  );
}

function Teams(props: { teams: Team[]; onClock: string }) {
  return (
    <section class="card" aria-label="Teams">
      <h3>Teams</h3>
      <ul class="list">
        {props.teams.map((t) => (
          <li key={t.id} class={t.id === props.onClock ? 'on-clock' : ''}>
            <span class={`dot ${t.connected ? 'on' : ''}`} title={t.connected ? 'connected' : 'not connected'} />
            {t.name}
            {t.autopick && <span class="badge auto">auto</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Rounds × teams. Each cell is memoized on its own data, so a new pick redraws one cell, not the
 * board (300 picks, 12 clients).
 */
function Board(props: { config: DraftConfig; teams: Team[]; picks: Pick[]; pool: Map<string, PoolPlayer>; rounds: number; currentPick: number }) {
  const columns = useMemo(() => [...props.teams].sort((a, b) => a.slot - b.slot), [props.teams.map((t) => t.id).join()]);
  const names = new Map(props.teams.map((t) => [t.id, t.name]));
  const byOverall = new Map(props.picks.map((p) => [p.overall, p]));
  const count = columns.length;
  if (count === 0) return null;
  const rows = [];
  for (let round = 1; round <= props.rounds; round++) {
    const cells = columns.map((column) => {
      let overall = 0;
      for (let n = (round - 1) * count + 1; n <= round * count; n++) {
        if (originalTeamForPick(props.config, n) === column.id) overall = n;
      }
      const pick = byOverall.get(overall);
      const owner = teamForPick(props.config, overall);
      const player = pick ? props.pool.get(pick.playerId) : undefined;
      return <Cell key={column.id} overall={overall} round={round} current={overall === props.currentPick}
        player={player?.name ?? (pick ? pick.playerId : '')} position={player?.positions[0] ?? ''}
        auto={pick?.auto ?? false} keeper={pick?.keeper ?? false}
        tradedTo={owner !== column.id ? `${names.get(owner) ?? owner} via ${column.name}` : ''} />;
    });
    rows.push(<tr key={round}><th scope="row">R{round}</th>{cells}</tr>);
  }
  return (
    <section class="card board-wrap" aria-label="Draft board">
      <table class="board">
        <thead><tr><th />{columns.map((c) => <th key={c.id} scope="col">{c.name}</th>)}</tr></thead>
        <tbody>{rows}</tbody>
      </table>
    </section>
  );
}

const Cell = memo(function Cell(props: { overall: number; round: number; current: boolean; player: string; position: string; auto: boolean; keeper: boolean; tradedTo: string }) {
  const classes = ['cell', props.position && `pos-${props.position}`, props.current && 'current', props.keeper && 'keeper', props.tradedTo && 'traded'].filter(Boolean).join(' ');
  return (
    <td class={classes} data-overall={props.overall}>
      <small>{props.round}.{props.overall}</small>
      {props.player ? <b>{props.player}</b> : props.current ? <em>on the clock</em> : null}
      <span class="marks">
        {props.position && <i>{props.position}</i>}
        {props.keeper && <i class="k" title="keeper">K</i>}
        {props.auto && <i title="autopicked">auto</i>}
        {props.tradedTo && <i class="via" title={`traded: made by ${props.tradedTo}`}>{props.tradedTo}</i>}
      </span>
    </td>
  );
});
