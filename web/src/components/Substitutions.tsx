import { useState } from 'preact/hooks';
import { FIELD_POSITIONS, type FieldPosition } from '../../../src/baseball/types.ts';

type Player = { playerId: string; name: string | null; positions?: string[] };
type InGame = { playerId: string; name: string; position: string };

/** The positions a switch may name: every one but P (the pitcher changes through a pitching change). */
const POSITIONS = FIELD_POSITIONS.filter((p) => p !== 'P');
const BASES = [1, 2, 3] as const;
const BASE_NAMES = ['', '1st', '2nd', '3rd'];

/**
 * A defensive switch, built one position at a time: a bench player comes in, a player in the game
 * (the DH too: that ends the DH) moves. With a pitching change, a double switch names the fielder
 * whose batting slot the new pitcher takes. The server judges legality and says why it refuses.
 */
export function DefensiveSwitch(props: {
  bench: Player[]; inGame: InGame[]; fielders: Record<string, string>; doubleSwitch: string; pitcherChange: boolean;
  onFielders: (fielders: Record<string, string>) => void; onDoubleSwitch: (playerId: string) => void;
}) {
  const [position, setPosition] = useState<FieldPosition>('SS');
  const [playerId, setPlayerId] = useState('');
  const candidates = [...props.inGame.filter((p) => p.position !== 'P'), ...props.bench];
  const nameOf = (id: string) => candidates.find((p) => p.playerId === id)?.name ?? id;
  const add = () => {
    if (!playerId) return;
    props.onFielders({ ...props.fielders, [position]: playerId });
    setPlayerId('');
  };
  const remove = (pos: string) => {
    const { [pos]: _gone, ...rest } = props.fielders;
    props.onFielders(rest);
  };
  const switches = Object.entries(props.fielders);
  const fieldersNow = props.inGame.filter((p) => p.position !== 'P' && p.position !== 'DH');
  return (
    <fieldset class="switch" aria-label="Defensive switch">
      <legend>Defensive switch</legend>
      <div class="row wrap">
        <label>Position
          <select value={position} onChange={(e) => setPosition(e.currentTarget.value as FieldPosition)}>
            {POSITIONS.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
        <label>Player
          <select value={playerId} onChange={(e) => setPlayerId(e.currentTarget.value)}>
            <option value="">Choose…</option>
            {candidates.map((p) => <option key={p.playerId} value={p.playerId}>{p.name} ({'position' in p ? p.position : `bench ${(p.positions ?? []).join('/')}`})</option>)}
          </select>
        </label>
        <button type="button" onClick={add} disabled={!playerId}>Add switch</button>
      </div>
      {switches.length > 0 && (
        <ul class="chips" aria-label="Switches">
          {switches.map(([pos, id]) => <li key={pos}>{pos}: {nameOf(id)} <button type="button" aria-label={`Remove ${pos} switch`} onClick={() => remove(pos)}>×</button></li>)}
        </ul>
      )}
      {switches.length > 0 && props.pitcherChange && (
        <label>Double switch: the new pitcher bats for
          <select value={props.doubleSwitch} onChange={(e) => props.onDoubleSwitch(e.currentTarget.value)}>
            <option value="">No double switch</option>
            {fieldersNow.map((p) => <option key={p.playerId} value={p.playerId}>{p.name} ({p.position})</option>)}
          </select>
        </label>
      )}
    </fieldset>
  );
}

/** A bench player runs for the runner on an occupied base. */
export function PinchRunner(props: { bench: Player[]; bases: string[]; value: { base: number; playerId: string } | null; onChange: (runner: { base: number; playerId: string } | null) => void }) {
  const occupied = BASES.filter((b) => props.bases[b - 1]);
  if (occupied.length === 0) return null;
  const base = props.value?.base ?? occupied[0];
  return (
    <div class="row wrap" aria-label="Pinch runner">
      <label>Pinch runner on
        <select value={String(base)} onChange={(e) => props.onChange(props.value ? { ...props.value, base: Number(e.currentTarget.value) } : null)}>
          {occupied.map((b) => <option key={b} value={b}>{BASE_NAMES[b]}</option>)}
        </select>
      </label>
      <label>Runner
        <select value={props.value?.playerId ?? ''} onChange={(e) => props.onChange(e.currentTarget.value ? { base, playerId: e.currentTarget.value } : null)}>
          <option value="">No change</option>
          {props.bench.map((p) => <option key={p.playerId} value={p.playerId}>{p.name}</option>)}
        </select>
      </label>
    </div>
  );
}
