import { useState } from 'preact/hooks';
import type { Room } from '@colyseus/sdk';
import { baseballMessages } from '../../../rooms/baseball/messages.ts';
import { api, allPages } from '../lib/api.ts';
import { request } from '../lib/rooms.ts';
import { useAsync } from '../lib/use-async.ts';
import { getSession } from '../lib/session.ts';
import { Countdown, Refusal, useRefusal } from './RoomBits.tsx';
import { DefensiveSwitch, PinchRunner } from './Substitutions.tsx';

export type Lineup = { side: string; id: string; name: string; ai: string; connected: boolean; players: Array<{ playerId: string; name: string; position: string }>; next: number; pitcher: string };
type RosterPlayer = { playerId: string; name: string | null; positions: string[] };
type Choice = Record<string, boolean | number | string | undefined>;

/**
 * The manager's panel for his own side (never for an AI side or a spectator): the tactics of the
 * phase the game waits for, a pitching change and defensive switches (defense) or a pinch hitter
 * and runner (offense), the clock.
 */
/**
 * `play`: the last play the board shows. Sent with every decision, so the server refuses one made on
 * an older board (STALE) instead of applying it to the next batter; each play starts a fresh form.
 */
export function DecisionPanel(props: { room: Room<any, any> | null; game: GameSides | null; lineups: Lineup[]; awaiting: string; deadline: number; half: string; status: string; bases: string[]; play: number }) {
  const me = getSession()?.user.id;
  const leagueId = props.game?.leagueId ?? null;
  const teams = useAsync(() => (leagueId
    ? api.get<{ items: Array<{ id: string; ownerId: string | null; roster: RosterPlayer[] }> }>(`/leagues/${leagueId}/teams`)
    : Promise.resolve(null)), [leagueId]);
  // Which side is mine comes from the game's REST view (team ids, AI or managed), not from the synced
  // lineups: the panel must not wait on a collection that may be decoded late.
  const mySide = (['away', 'home'] as const).find((s) => props.game?.[s].ai === null && teams.data?.items.some((t) => t.id === props.game?.[s].teamId && t.ownerId === me));
  const myTeam = mySide && teams.data?.items.find((t) => t.id === props.game?.[mySide].teamId);
  if (!mySide || !myTeam || props.status !== 'live') return null;
  const side = props.lineups.find((l) => l.id === myTeam.id) ?? { players: [], pitcher: '' };
  const batting = (props.half === 'top') === (mySide === 'away');
  const role = batting ? 'offense' : 'defense';
  return <Panel key={`${role}-${props.play}`} room={props.room} role={role} side={side} roster={myTeam.roster}
    waiting={props.awaiting === role} deadline={props.deadline} bases={props.bases} play={props.play} />;
}

/** What the panel needs of GET /games/:id. */
export interface GameSides { leagueId: string; away: { teamId: string; ai: string | null }; home: { teamId: string; ai: string | null }; challengedTeamId?: string | null; mode?: string }

function Panel(props: { room: Room<any, any> | null; role: 'offense' | 'defense'; side: Pick<Lineup, 'players' | 'pitcher'>; roster: RosterPlayer[]; waiting: boolean; deadline: number; bases: string[]; play: number }) {
  const { refusal, attempt } = useRefusal();
  const [choice, setChoice] = useState<Choice>({});
  const [fielders, setFielders] = useState<Record<string, string>>({});
  const [runner, setRunner] = useState<{ base: number; playerId: string } | null>(null);
  const relievers = useRelievers(props.role === 'defense');
  const inGame = new Set([...props.side.players.map((p) => p.playerId), props.side.pitcher]);
  // The server is the judge (PLAYER_NOT_AVAILABLE for a player who already left the game); these are the plausible names.
  const bench = props.roster.filter((r) => !inGame.has(r.playerId) && !r.positions.includes('P'));
  const bullpen = props.roster.filter((r) => !inGame.has(r.playerId) && (relievers.data?.has(r.playerId) ?? r.positions.includes('P')));
  const set = (key: string, value: Choice[string]) => setChoice((c) => ({ ...c, [key]: value }));
  const toggle = (key: string, value: boolean | number) => set(key, choice[key] === value ? undefined : value);
  const decision = {
    ...Object.fromEntries(Object.entries(choice).filter(([, v]) => v !== undefined && v !== '')),
    ...(Object.keys(fielders).length > 0 ? { fielders } : {}),
    ...(runner ? { pinchRunner: runner } : {}),
  };
  const submit = () => attempt(async () => {
    await request(props.room as never, baseballMessages, props.role, { ...decision, play: props.play } as never);
    setChoice({});
    setFielders({});
    setRunner(null);
  });
  const check = (key: string, value: boolean | number, label: string) => (
    <label class="toggle"><input type="checkbox" checked={choice[key] === value} onChange={() => toggle(key, value)} /> {label}</label>
  );
  return (
    <section class={`card decisions ${props.waiting ? 'my-turn' : ''}`} aria-label="Your decision">
      <h3>Your {props.role} {props.waiting ? <Countdown deadline={props.deadline} label="decision clock" /> : <span class="muted">(waiting for the other side)</span>}</h3>
      <div class="row wrap">
        {props.role === 'defense'
          ? <>{check('infieldIn', true, 'Infield in')}{check('holdRunners', true, 'Hold runners')}{check('intentionalWalk', true, 'Intentional walk')}</>
          : <>{check('steal', 2, 'Steal 2nd')}{check('steal', 3, 'Steal 3rd')}{check('bunt', true, 'Bunt')}{check('hitAndRun', true, 'Hit and run')}</>}
      </div>
      {props.role === 'defense'
        ? <DefensiveSwitch bench={bench} inGame={props.side.players} fielders={fielders} onFielders={setFielders}
          doubleSwitch={String(choice.doubleSwitch ?? '')} onDoubleSwitch={(v) => set('doubleSwitch', v)} pitcherChange={Boolean(choice.pitcher)} />
        : <PinchRunner bench={bench} bases={props.bases} value={runner} onChange={setRunner} />}
      <div class="row wrap">
        {props.role === 'defense'
          ? <Substitute label="Pitching change" value={String(choice.pitcher ?? '')} options={bullpen} onChange={(v) => set('pitcher', v)} />
          : <Substitute label="Pinch hitter" value={String(choice.pinchHitter ?? '')} options={bench} onChange={(v) => set('pinchHitter', v)} />}
        <button class="primary" disabled={!props.waiting} onClick={submit}>{Object.keys(decision).length > 0 ? 'Decide' : 'Play on'}</button>
      </div>
      <Refusal text={refusal} />
    </section>
  );
}

function Substitute(props: { label: string; value: string; options: RosterPlayer[]; onChange: (playerId: string) => void }) {
  return (
    <label>{props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="">No change</option>
        {props.options.map((p) => <option key={p.playerId} value={p.playerId}>{p.name} ({p.positions.join('/')})</option>)}
      </select>
    </label>
  );
}

/** Relievers (role RP) of the pool: only they may come in from the bullpen (a starter is NOT_IN_BULLPEN). */
function useRelievers(wanted: boolean) {
  return useAsync(async () => {
    if (!wanted) return null;
    const pitchers = await allPages<{ id: string; attributes: { pitching?: { role?: string } } }>('/players?sport=baseball&position=P&limit=100', 5);
    return new Set(pitchers.filter((p) => p.attributes.pitching?.role === 'RP').map((p) => p.id));
  }, [wanted]);
}
