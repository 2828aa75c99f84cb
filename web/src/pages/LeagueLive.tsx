import type { Room } from '@colyseus/sdk';
import { useEffect, useState } from 'preact/hooks';
import { LeagueLiveRoomState, type LeagueTeamState } from '../../../schema/LeagueLiveRoomState.ts';
import { api } from '../lib/api.ts';
import { useLiveRoom } from '../lib/rooms.ts';
import { useFields, useList } from '../lib/state.ts';
import { useAsync } from '../lib/use-async.ts';
import { loadLeagueBook, playerName, teamName } from '../lib/league-book.ts';
import { notificationText, transactionText, type Names, type TransactionNotice } from '../lib/notices.ts';

interface Notification { id: string; kind: string; leagueId: string | null; payload: Record<string, unknown>; createdAt: string; readAt: string | null }

/**
 * The league room (PROTOCOL.md "League room"): every team's live points in the current period,
 * best first, and my notifications, stored ones first, then each new one as the room pushes it.
 */
export function LeagueLive(props: { leagueId: string; sport: string }) {
  const live = useLiveRoom('league', { leagueId: props.leagueId }, LeagueLiveRoomState);
  const room = live.room;
  const { period, rulesVersion } = useFields(room, ['period', 'rulesVersion']);
  const teams = useList<LeagueTeamState>(room, 'teams', ['players']);
  // Names for the notices' ids: the sport's pool (cached) and the league's teams.
  const book = useAsync(() => loadLeagueBook(props.leagueId, props.sport), [props.leagueId]);
  const names: Names = {
    team: (id) => (book.data ? teamName(book.data, id) : teams.find((t) => t.id === id)?.name ?? id.slice(0, 8)),
    player: (id) => (book.data ? playerName(book.data, id) : id.slice(0, 8)),
  };
  if (live.status === 'gone') return <p role="alert" class="error">{live.error}</p>;
  const ranked = [...teams].sort((a, b) => b.points - a.points || a.name.localeCompare(b.name));
  return (
    <div class="stack">
      <p class="muted">{period ? `Live: ${period} (scoring rules v${rulesVersion})` : 'Nothing scored yet.'} {live.status === 'reconnecting' ? '· reconnecting…' : ''}</p>
      <table class="compact" aria-label="Live scoreboard">
        <thead><tr><th>#</th><th>Team</th><th>Points</th><th>Top scorer</th></tr></thead>
        <tbody>
          {ranked.map((team, i) => {
            const top = [...(team.players as unknown as Array<{ name: string; points: number }>)].sort((a, b) => b.points - a.points)[0];
            return (
              <tr key={team.id} data-team={team.id}>
                <td>{i + 1}</td><td>{team.name}</td><td data-col="points">{team.points.toFixed(2)}</td>
                <td>{top && top.points > 0 ? `${top.name} ${top.points.toFixed(2)}` : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Transactions room={room} names={names} />
      <Notifications room={room} names={names} />
    </div>
  );
}

/** The league's roster transactions as the room announces them while the tab is open (message `transaction`). */
function Transactions(props: { room: Room<any, any> | null; names: Names }) {
  const [items, setItems] = useState<TransactionNotice[]>([]);
  useEffect(() => {
    if (!props.room) return;
    // A retried job may announce again: one line per trade / waiver run.
    const id = (n: TransactionNotice) => (n.kind === 'trade' ? n.tradeId : n.runId);
    return props.room.onMessage('transaction', (n: TransactionNotice) => setItems((old) => (old.some((o) => id(o) === id(n)) ? old : [n, ...old])));
  }, [props.room]);
  if (items.length === 0) return null;
  return (
    <section aria-label="League transactions">
      <h3>Just now in the league</h3>
      <ul>{items.map((n) => <li key={n.kind === 'trade' ? n.tradeId : n.runId} data-kind={n.kind}>{transactionText(n, props.names)}</li>)}</ul>
    </section>
  );
}

function Notifications(props: { room: Room<any, any> | null; names: Names }) {
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    void api.get<{ items: Notification[]; unread: number }>('/me/notifications?limit=10').then((page) => {
      setItems((live) => [...live, ...page.items.filter((n) => !live.some((l) => l.id === n.id))]);
      setUnread(page.unread);
    });
  }, []);
  useEffect(() => {
    if (!props.room) return;
    // Every league room a user has open pushes it: the same id twice is one notification.
    return props.room.onMessage('notification', (n: Notification) => {
      setItems((old) => (old.some((o) => o.id === n.id) ? old : [n, ...old]));
      setUnread((count) => count + 1);
    });
  }, [props.room]);
  const markAll = async () => {
    await api.post('/me/notifications/read', { all: true });
    setItems((old) => old.map((n) => ({ ...n, readAt: n.readAt ?? new Date().toISOString() })));
    setUnread(0);
  };
  return (
    <section aria-label="Notifications">
      <h3>Notifications {unread > 0 ? <span class="badge">{unread}</span> : null}</h3>
      {items.length === 0 ? <p class="muted">None yet.</p> : (
        <ul>
          {items.map((n) => (
            <li key={n.id} class={n.readAt ? 'muted' : ''}>{notificationText(n.kind, n.payload, props.names)} · {new Date(n.createdAt).toLocaleString()}</li>
          ))}
        </ul>
      )}
      {unread > 0 && <button onClick={() => void markAll()}>Mark all read</button>}
    </section>
  );
}
