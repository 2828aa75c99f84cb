import { useMemo, useState } from 'preact/hooks';
import type { PoolPlayer } from '../lib/draft-context.ts';

const SHOWN = 150;

/** Available players, best rank first, with search and a position filter. */
export function PlayerTable(props: {
  players: PoolPlayer[]; taken: Set<string>; positions: string[];
  actions: (player: PoolPlayer) => preact.ComponentChildren;
}) {
  const [q, setQ] = useState('');
  const [position, setPosition] = useState('');
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return props.players.filter((p) => !props.taken.has(p.id)
      && (!position || p.positions.includes(position))
      && (!needle || p.name.toLowerCase().includes(needle) || p.team.toLowerCase() === needle)).slice(0, SHOWN);
  }, [props.players, props.taken, q, position]);
  return (
    <section class="card players" aria-label="Available players">
      <div class="row">
        <input type="search" aria-label="Search players" placeholder="Search players" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        <select aria-label="Position" value={position} onChange={(e) => setPosition(e.currentTarget.value)}>
          <option value="">All</option>
          {props.positions.map((p) => <option key={p} value={p}>{p}</option>)}
        </select>
      </div>
      <div class="scroll-y">
        <table class="compact">
          <thead><tr><th>Rk</th><th>Player</th><th>Pos</th><th>ADP</th><th /></tr></thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id} data-player={p.name}>
                <td>{p.rank}</td><td>{p.name} <span class="muted">{p.team}</span></td><td>{p.positions.join('/')}</td>
                <td>{p.adp.toFixed(1)}</td><td class="actions">{props.actions(p)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
