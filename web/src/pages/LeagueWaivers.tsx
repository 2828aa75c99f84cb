import { api } from '../lib/api.ts';
import { useAsync } from '../lib/use-async.ts';
import { playerName, teamName, when, type LeagueBook } from '../lib/league-book.ts';
import { explain } from '../lib/codes.ts';
import { Refusal, useRun } from '../components/Refusal.tsx';

interface Claim { id: string; teamId: string; playerId: string; dropPlayerId: string | null; bid: number | null; status: string; reason: string | null; createdAt: string; processedAt: string | null }
interface Order { type: string; items: Array<{ teamId: string; priority: number; faabLeft?: number }> }
interface Run { id: string; runAt: string; processedAt: string; order: string[]; outcomes: Array<{ claimId: string; teamId: string; playerId: string; status: string; reason: string | null; bid: number | null; dropPlayerId: string | null }> }

/** Waivers: my claims (private: only my team sees them), the waiver order, and past runs with every claim's outcome. */
export function LeagueWaivers(props: { leagueId: string; book: LeagueBook; onChange: () => void }) {
  const { book, leagueId } = props;
  const team = book.myTeam;
  const claims = useAsync(() => (team ? api.get<{ items: Claim[] }>(`/leagues/${leagueId}/teams/${team.id}/claims`) : Promise.resolve({ items: [] })), [team?.id, book]);
  const order = useAsync(() => api.get<Order>(`/leagues/${leagueId}/waivers/order`), [book]);
  const runs = useAsync(() => api.get<{ items: Run[] }>(`/leagues/${leagueId}/waivers/runs`), [book]);
  const cancel = useRun(props.onChange);
  const faab = book.settings.waivers.type === 'faab';
  const pending = claims.data?.items.filter((c) => c.status === 'pending') ?? [];
  const past = claims.data?.items.filter((c) => c.status !== 'pending') ?? [];
  const clearsAt = new Map(book.waivers.map((w) => [w.playerId, w.clearsAt]));
  return (
    <div class="grid2">
      {team && (
        <section class="card mine" aria-label="My claims">
          <h3>My claims <span class="muted">· only {team.name} sees these</span></h3>
          {claims.error && <p role="alert" class="error">{claims.error}</p>}
          {pending.length === 0 ? <p class="muted">No pending claims. Claim a player on waivers from the Players tab.</p> : (
            <ul class="list">{pending.map((c) => (
              <li key={c.id} data-claim={c.id}>
                <b>{playerName(book, c.playerId)}</b>
                {c.bid !== null && <span class="badge">${c.bid}</span>}
                {c.dropPlayerId && <span class="muted">drop {playerName(book, c.dropPlayerId)}</span>}
                <span class="muted">settles {when(clearsAt.get(c.playerId) ?? null)}</span>
                <button class="small danger" style="margin-left:auto" disabled={cancel.busy} aria-label={`Cancel claim on ${playerName(book, c.playerId)}`}
                  onClick={() => cancel.run(() => api.delete(`/leagues/${leagueId}/teams/${team.id}/claims/${c.id}`))}>Cancel</button>
              </li>
            ))}</ul>
          )}
          <Refusal error={cancel.error} />
          {past.length > 0 && (
            <details><summary>Earlier claims ({past.length})</summary>
              <ul class="list">{past.map((c) => (
                <li key={c.id}>{playerName(book, c.playerId)} <span class={`badge claim-${c.status}`}>{c.status}</span>
                  {c.reason && <span class="muted">{explain(c.reason)}</span>}</li>
              ))}</ul>
            </details>
          )}
        </section>
      )}
      <section class="card" aria-label="Waiver order">
        <h3>Waiver order <span class="muted">· {order.data?.type ?? book.settings.waivers.type}</span></h3>
        <table class="compact">
          <thead><tr><th>#</th><th>Team</th>{faab && <th>FAAB left</th>}</tr></thead>
          <tbody>{order.data?.items.map((row) => (
            <tr key={row.teamId} class={row.teamId === team?.id ? 'mine' : ''} data-team={row.teamId}>
              <td>{row.priority}</td><td>{teamName(book, row.teamId)}</td>{faab && <td>${row.faabLeft ?? '—'}</td>}
            </tr>
          ))}</tbody>
        </table>
        <p class="muted">Runs at {String(book.settings.waivers.runHourUtc).padStart(2, '0')}:00 UTC; dropped players wait {book.settings.waivers.periodDays} day(s).</p>
      </section>
      <section class="card" aria-label="Waiver runs" style="grid-column: 1 / -1">
        <h3>Waiver runs</h3>
        {runs.data?.items.length === 0 && <p class="muted">No waiver run yet.</p>}
        {runs.data?.items.map((run) => (
          <div key={run.id} data-run={run.id}>
            <h4>{when(run.runAt)}</h4>
            {run.outcomes.length === 0 ? <p class="muted">No claims.</p> : (
              <table class="compact">
                <thead><tr><th>Team</th><th>Player</th>{faab && <th>Bid</th>}<th>Outcome</th></tr></thead>
                <tbody>{run.outcomes.map((o) => (
                  <tr key={o.claimId} data-outcome={o.claimId}>
                    <td>{teamName(book, o.teamId)}</td><td>{playerName(book, o.playerId)}{o.dropPlayerId && <span class="muted"> (drop {playerName(book, o.dropPlayerId)})</span>}</td>
                    {faab && <td>{o.bid === null ? '—' : `$${o.bid}`}</td>}
                    <td><span class={`badge claim-${o.status}`}>{o.status}</span>{o.reason && <span class="muted"> {explain(o.reason)}</span>}</td>
                  </tr>
                ))}</tbody>
              </table>
            )}
          </div>
        ))}
      </section>
    </div>
  );
}
