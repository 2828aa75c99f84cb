import { useMemo, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { needsDrop, playerName, when, type LeagueBook, type PoolPlayer } from '../lib/league-book.ts';
import { Refusal, useRun } from '../components/Refusal.tsx';

const SHOWN = 100;

/** What the manager is doing with one player: adding a free agent or claiming one on waivers. */
interface Pending { kind: 'add' | 'claim'; player: PoolPlayer }

/**
 * Free agents and players on waivers (PROTOCOL "Transactions"): a free agent is added at once, a
 * player on waivers is claimed (a FAAB bid where the league uses FAAB) and settled by the next run.
 * When the roster limits refuse, the manager names a player to drop and tries again.
 */
export function LeaguePlayers(props: { leagueId: string; book: LeagueBook; onChange: () => void }) {
  const { book, leagueId } = props;
  const [q, setQ] = useState('');
  const [position, setPosition] = useState('');
  const [show, setShow] = useState<'all' | 'free' | 'waivers'>('all');
  const [pending, setPending] = useState<Pending | null>(null);
  const [message, setMessage] = useState('');
  const waiverOf = useMemo(() => new Map(book.waivers.map((w) => [w.playerId, w])), [book.waivers]);
  const positions = useMemo(() => [...new Set([...book.pool.values()].flatMap((p) => p.positions))].sort(), [book.pool]);
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return [...book.pool.values()]
      .filter((p) => !book.holder.has(p.id))
      .filter((p) => (show === 'all' || (show === 'waivers') === waiverOf.has(p.id)))
      .filter((p) => (!position || p.positions.includes(position)) && (!needle || p.name.toLowerCase().includes(needle)))
      .sort((a, b) => a.rank - b.rank)
      .slice(0, SHOWN);
  }, [book, q, position, show, waiverOf]);
  const team = book.myTeam;
  const canAct = Boolean(team) && !book.archivedAt;
  const drops = useRun(() => { setMessage('Dropped: he is on waivers now'); props.onChange(); });

  return (
    <div class="stack">
      {book.archivedAt && <p class="refusal">This league was archived {when(book.archivedAt)}: it is read-only.</p>}
      {pending && team && (
        <MovePanel leagueId={leagueId} book={book} pending={pending} onClose={() => setPending(null)}
          onDone={(text) => { setPending(null); setMessage(text); props.onChange(); }} />
      )}
      {message && <p class="ok" role="status">{message}</p>}
      <div class="grid2">
        <section class="card players" aria-label="Available players">
          <h3>Free agents and waivers</h3>
          <div class="row wrap">
            <input type="search" aria-label="Search players" placeholder="Search players" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
            <select aria-label="Position" value={position} onChange={(e) => setPosition(e.currentTarget.value)}>
              <option value="">All positions</option>
              {positions.map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
            <select aria-label="Show" value={show} onChange={(e) => setShow(e.currentTarget.value as typeof show)}>
              <option value="all">Free agents and waivers</option><option value="free">Free agents</option><option value="waivers">On waivers</option>
            </select>
          </div>
          <div class="scroll-y">
            <table class="compact">
              <thead><tr><th>Player</th><th>Pos</th><th>Status</th><th /></tr></thead>
              <tbody>
                {rows.map((p) => {
                  const waiver = waiverOf.get(p.id);
                  return (
                    <tr key={p.id} data-player={p.name}>
                      <td>{p.name} <span class="muted">{p.team}</span></td><td>{p.positions.join('/')}</td>
                      <td>{waiver ? <span class="badge status-paused">Waivers until {when(waiver.clearsAt)}</span> : <span class="badge">Free agent</span>}</td>
                      <td class="actions">{canAct && (
                        <button class="small" aria-label={`${waiver ? 'Claim' : 'Add'} ${p.name}`} onClick={() => { setMessage(''); setPending({ kind: waiver ? 'claim' : 'add', player: p }); }}>{waiver ? 'Claim' : 'Add'}</button>
                      )}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {rows.length === 0 && <p class="muted">No player matches.</p>}
          </div>
        </section>
        {team && (
          <section class="card mine" aria-label="My roster">
            <h3>{team.name} <span class="muted">· {team.roster.length} / {book.settings.roster.total}</span></h3>
            {team.roster.length === 0 ? <p class="muted">No players yet.</p> : (
              <ul class="list">{team.roster.map((r) => (
                <li key={r.playerId}><span>{r.name}</span> <span class="muted">{r.positions.join('/')}</span> <span class="tag">{r.acquiredVia}</span>
                  {canAct && <button class="small danger" style="margin-left:auto" aria-label={`Drop ${r.name}`} disabled={drops.busy}
                    onClick={() => drops.run(() => api.post(`/leagues/${leagueId}/teams/${team.id}/drops`, { playerId: r.playerId }))}>Drop</button>}</li>
              ))}</ul>
            )}
            <Refusal error={drops.error} />
          </section>
        )}
      </div>
    </div>
  );
}

/** Adding or claiming one player: the bid (FAAB), the player to drop (when the limits need one), the refusal. */
function MovePanel(props: { leagueId: string; book: LeagueBook; pending: Pending; onClose: () => void; onDone: (message: string) => void }) {
  const { book, pending } = props;
  const team = book.myTeam!;
  const faab = book.settings.waivers.type === 'faab';
  const [bid, setBid] = useState('0');
  const [drop, setDrop] = useState('');
  const [askDrop, setAskDrop] = useState(pending.kind === 'claim');
  const name = pending.player.name;
  const action = useRun(() => undefined);
  const submit = async (event: Event) => {
    event.preventDefault();
    const base = `/leagues/${props.leagueId}/teams/${team.id}`;
    const body = { playerId: pending.player.id, ...(drop ? { dropPlayerId: drop } : {}) };
    const failure = await action.run(() => (pending.kind === 'add'
      ? api.post(`${base}/adds`, body)
      : api.post(`${base}/claims`, { ...body, ...(faab ? { bid: Number(bid) } : {}) })));
    if (!failure) props.onDone(pending.kind === 'add' ? `${name} added${drop ? `, ${playerName(book, drop)} dropped` : ''}` : `Claim on ${name} placed: the next waiver run settles it`);
    else if (needsDrop(failure)) setAskDrop(true);
  };
  return (
    <section class="card" aria-label="Move">
      <h3>{pending.kind === 'add' ? `Add ${name}` : `Claim ${name}`}</h3>
      <form class="stack" onSubmit={submit}>
        {pending.kind === 'claim' && faab && (
          <label>FAAB bid (whole dollars, {book.settings.waivers.faabBudget} budget)
            <input type="number" min={0} step={1} value={bid} onInput={(e) => setBid(e.currentTarget.value)} /></label>
        )}
        {askDrop && (
          <label>Player to drop{pending.kind === 'claim' ? ' (if the roster needs room)' : ''}
            <select value={drop} onChange={(e) => setDrop(e.currentTarget.value)}>
              <option value="">{pending.kind === 'claim' ? 'Nobody' : 'Choose a player'}</option>
              {team.roster.map((r) => <option key={r.playerId} value={r.playerId}>{r.name} ({r.positions.join('/')})</option>)}
            </select></label>
        )}
        <Refusal error={action.error} />
        <div class="row">
          <button type="submit" class="primary" disabled={action.busy}>{pending.kind === 'add' ? (drop ? 'Add and drop' : 'Add player') : 'Place claim'}</button>
          <button type="button" onClick={props.onClose}>Cancel</button>
        </div>
      </form>
    </section>
  );
}
