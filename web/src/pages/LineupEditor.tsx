import { useState } from 'preact/hooks';
import { LockIcon } from '../components/Icons.tsx';
import { Refusal, refusalOf, type Refused } from '../components/Refusal.tsx';
import { api } from '../lib/api.ts';
import { useAsync } from '../lib/use-async.ts';
import { periodName, pts, when, type Lineup, type Season, type SlotPlayer } from '../lib/season.ts';
import type { Team } from './League.tsx';

/**
 * My team's lineup for one week: a player per slot from the season's slots, only positions the
 * slot takes offered (the server checks again), locked players (game started) fixed. Saved with
 * PUT …/lineup; a refusal shows the server's code and its reason in plain words.
 */
export function LineupEditor(props: { base: string; season: Season; week: number; team: Team }) {
  const path = `${props.base}/teams/${props.team.id}/lineup?period=${props.week}`;
  const loaded = useAsync(() => api.get<Lineup>(path));
  const [saved, setSaved] = useState<Lineup | null>(null);
  const lineup = saved ?? loaded.data;
  const [picks, setPicks] = useState<Array<string | null> | null>(null);
  const [refusal, setRefusal] = useState<Refused | null>(null);
  const [message, setMessage] = useState('');
  if (loaded.error) return <p role="alert" class="error">{loaded.error}</p>;
  if (!lineup) return <p class="muted">Loading…</p>;
  const { eligibility } = props.season.settings.lineup;
  const players = [...lineup.starters, ...lineup.bench].filter((p): p is SlotPlayer & { playerId: string } => p.playerId !== null);
  const byId = new Map(players.map((p) => [p.playerId, p]));
  const current = picks ?? lineup.starters.map((s) => s.playerId);
  const fits = (slot: string, id: string | null) => id === null || (eligibility[slot] ?? []).includes(byId.get(id)?.position ?? '');
  const changed = current.some((id, i) => id !== lineup.starters[i].playerId);
  const final = lineup.period.final;

  /** A player into a slot; if he was in another, the slot's old player takes his place when he fits. */
  const choose = (index: number, id: string | null) => {
    const next = [...current];
    const before = id === null ? -1 : next.indexOf(id);
    const old = next[index];
    next[index] = id;
    if (before >= 0 && before !== index) next[before] = fits(lineup.slots[before], old) ? old : null;
    setPicks(next);
    setRefusal(null);
    setMessage('');
  };
  const save = async () => {
    setRefusal(null);
    setMessage('');
    try {
      const reply = await api.put<Lineup>(path, { starters: current });
      setSaved(reply);
      setPicks(null);
      setMessage(`Lineup saved for ${periodName(reply.period, props.season.settings.regularWeeks)}`);
    } catch (failure) {
      // The server names players by id: show their names.
      setRefusal(refusalOf(failure, (message) => message.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, (id) => byId.get(id.toLowerCase())?.name ?? id)));
    }
  };
  const onBench = players.filter((p) => !current.includes(p.playerId));
  return (
    <section class="card lineup-editor" aria-label="My lineup">
      <h3>{props.team.name} · {periodName(lineup.period, props.season.settings.regularWeeks)}
        {lineup.auto && !changed && <span class="badge auto" data-testid="auto-lineup">automatic lineup</span>}
      </h3>
      <p class="muted small">Players lock at their game's kickoff (at the latest {when(lineup.period.locksAt)}). Only starters score.</p>
      <table class="compact lineup-table" aria-label="Starters">
        <thead><tr><th>Slot</th><th>Player</th><th class="num">Pts</th></tr></thead>
        <tbody>
          {lineup.slots.map((slot, i) => {
            const id = current[i];
            const locked = id !== null && byId.get(id)?.locked === true;
            const options = players.filter((p) => fits(slot, p.playerId) && (!p.locked || p.playerId === id));
            return (
              <tr key={i} data-slot={i} class={fits(slot, id) ? '' : 'invalid'}>
                <td class="slot">{slot}</td>
                <td class="pick">
                  <select aria-label={`${slot} (slot ${i + 1})`} value={id ?? ''} disabled={final || locked} onChange={(e) => choose(i, e.currentTarget.value || null)}>
                    <option value="">— empty —</option>
                    {options.map((p) => <option key={p.playerId} value={p.playerId}>{p.name} · {p.position} {p.club}</option>)}
                  </select>
                  {locked && <LockIcon />}
                </td>
                <td class="num">{id ? pts(byId.get(id)?.points) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Refusal refused={refusal} />
      {message && <p class="ok">{message}</p>}
      <div class="row">
        <button class="primary" disabled={final || !changed} onClick={() => void save()}>{final ? 'Week is final' : 'Save lineup'}</button>
        {changed && <button onClick={() => { setPicks(null); setRefusal(null); }}>Undo changes</button>}
      </div>
      <table class="compact lineup-table" aria-label="Bench">
        <thead><tr class="bench-head"><th colSpan={3}>Bench (not counted)</th></tr></thead>
        <tbody>
          {onBench.map((p) => (
            <tr key={p.playerId} class="bench" data-bench={p.playerId}>
              <td class="slot">BN</td><td>{p.name} <span class="muted small">{p.position} · {p.club}</span>{p.locked && <LockIcon />}</td><td class="num">{pts(p.points)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
