import { useEffect, useMemo, useState } from 'preact/hooks';
import { BaseballRoomState } from '../../../schema/BaseballRoomState.ts';
import type { BaseballRatings } from '../../../src/players/types.ts';
import { api, describeError } from '../lib/api.ts';
import { useLiveRoom } from '../lib/rooms.ts';
import { useChild, useFields, useList } from '../lib/state.ts';
import { useAsync } from '../lib/use-async.ts';
import { verifyDice, type DiceReport } from '../lib/dice.ts';
import { ConnectionBadge, useServerTime } from '../components/RoomBits.tsx';
import { WpChart } from '../components/WpChart.tsx';
import { DecisionPanel, type Lineup } from '../components/DecisionPanel.tsx';
import { GameActions } from '../components/GameActions.tsx';
import { CardView } from '../components/CardView.tsx';

type Play = { number: number; text: string; result: string; dice: number[]; sides: number[]; runs: number };
interface RestPlay {
  number: number; inning: number; half: string; description: string; code: string; dice: Array<{ sides: number; value: number }>; wpa: number; awayScore: number; homeScore: number;
  /** Ballpark results (absent on plays stored before them). */
  bphr?: number; bpfo?: number; bp1b?: number; bplo?: number;
}
interface RestGame { id: string; leagueId: string; status: string; diceCommitment: string; diceSeed: string | null; lineScore: any; box: any; plays: RestPlay[]; players: Record<string, string>; away: any; home: any; park?: { id: string; name: string; factors: Record<'single' | 'double' | 'triple' | 'hr', number>; bp?: { hr: number; single: number } } }

/** The ballpark result of a play, as a badge: a park homer reads as one (docs/baseball.md "Ballparks"). */
const BALLPARK_BADGES = [['bphr', 'BP HR', 'Ballpark home run'], ['bpfo', 'BP FO', 'Ballpark fly out'], ['bp1b', 'BP 1B', 'Ballpark single'], ['bplo', 'BP LO', 'Ballpark line out']] as const;
function BallparkBadge(props: { play: RestPlay }) {
  const found = BALLPARK_BADGES.find(([key]) => props.play[key] === 1);
  return found ? <span class="badge bp" data-testid="ballpark-play" title={found[2]}>{found[1]}</span> : null;
}

/** The game's status, worded apart from the connection badge ("Connected"). */
const STATUS_LABELS: Record<string, string> = { scheduled: 'Not started', live: 'Live', final: 'Final', suspended: 'Suspended', cancelled: 'Cancelled', proposed: 'Proposed', declined: 'Declined' };

/** Home win probability after each play, from the plays' WPA (for the batting side), anchored on the room's current value. */
function wpSeries(plays: RestPlay[], current: number): number[] {
  const deltas = plays.map((p) => (p.half === 'bottom' ? p.wpa : -p.wpa));
  let wp = current - deltas.reduce((a, b) => a + b, 0);
  return deltas.map((d) => (wp = Math.min(1, Math.max(0, wp + d))));
}

/** /games/:id: the live game for everyone, the decision panel for a manager's own side. */
export function GamePage(props: { gameId: string }) {
  const live = useLiveRoom('baseball', { gameId: props.gameId }, BaseballRoomState);
  const room = live.room;
  useServerTime(room);
  const f = useFields(room, ['status', 'inning', 'half', 'outs', 'awaiting', 'deadline', 'winProbability', 'batter', 'pitcher', 'diceCommitment', 'diceSeed', 'mode', 'startAt', 'forfeitedBy', 'autopilot'] as const);
  const score = useChild<{ away: number; home: number }>(room, 'score');
  const lastPlay = useChild<Play>(room, 'lastPlay');
  const lineups = useList<Lineup>(room, 'lineups', ['players']);
  const [rest, setRest] = useState<RestGame | null>(null);
  const [feed, setFeed] = useState<RestPlay[]>([]);
  const [error, setError] = useState('');
  const load = () => api.get<RestGame>(`/games/${props.gameId}`).then((g) => { setRest(g); setFeed(g.plays); }, (e) => setError(describeError(e)));
  useEffect(() => { void load(); }, [props.gameId]);
  // A final game: the REST view has the box score, the play-by-play and the revealed seed.
  useEffect(() => { if (f.status === 'final') void load(); }, [f.status]);
  // Live: every new play is appended (the REST view is replayed from the same stored plays).
  const [livePoints, setLivePoints] = useState<Array<{ number: number; wp: number; text: string }>>([]);
  useEffect(() => {
    if (!lastPlay || !lastPlay.number || !room) return;
    setLivePoints((old) => (old.some((p) => p.number === lastPlay.number) ? old : [...old, { number: lastPlay.number, wp: room.state.winProbability, text: lastPlay.text }]));
  }, [lastPlay?.number]);
  const restPoints = useMemo(() => (rest ? wpSeries(rest.plays, rest.status === 'final' ? finalWp(rest) : (room?.state.winProbability ?? 0.5)) : []), [rest]);
  const known = rest?.plays.length ?? 0;
  const points = [...restPoints, ...livePoints.filter((p) => p.number > known).map((p) => p.wp)];
  // A finished game's room is closed: then the REST view (the same stored plays) is the page.
  const status = f.status && room ? f.status : rest?.status ?? '';
  const away = lineups[0] ?? (rest ? { name: rest.away.name } as Lineup : undefined);
  const home = lineups[1] ?? (rest ? { name: rest.home.name } as Lineup : undefined);
  const names = new Map<string, string>([...lineups.flatMap((l) => l.players.map((p) => [p.playerId, p.name] as [string, string])), ...Object.entries(rest?.players ?? {})]);
  // After the final nobody is on base, whatever the room's last state still holds.
  const bases = room && status !== 'final' ? [...room.state.bases] : [];
  const finalView = status === 'final' && rest?.status === 'final';
  const lineScore = finalView ? { away: rest.lineScore.away.map((r: number | null) => r ?? ''), home: rest.lineScore.home.map((r: number | null) => r ?? '') }
    : room ? { away: [...room.state.lineScore.away], home: [...room.state.lineScore.home] } : { away: [], home: [] };
  const shownScore = finalView ? { away: rest.lineScore.totals.away.r, home: rest.lineScore.totals.home.r } : score;

  return (
    <div class="room game">
      <header class="page-head">
        <h1>{away?.name ?? 'Away'} @ {home?.name ?? 'Home'}</h1>
        <ConnectionBadge live={live} />
        <span class={`badge status-${status}`} data-testid="game-status" title="The game's status">{STATUS_LABELS[status] ?? status}</span>
        {f.mode && f.mode !== 'ranked' && <span class="badge" title="Only ranked games count in standings and season stats">{f.mode}</span>}
      </header>
      {status === 'scheduled' && room && <p class="muted" data-testid="pregame">{startsWhen(Number(f.startAt))}</p>}
      {status === 'suspended' && <p class="muted">Suspended: both managers were away. It goes on when both are back, or when resumed (the AI then plays for a manager still away).</p>}
      {f.autopilot && status === 'live' && <p class="muted">The managers left: the AI plays for them until they are back.</p>}
      {rest?.park && rest.park.id !== 'neutral' && (
        <p class="muted" data-testid="park" title="How the park changes each hit's rate, for both teams">
          {rest.park.bp
            ? `At ${rest.park.name}: ballpark HR a homer on d20 1-${rest.park.bp.hr}, ballpark 1B a single on 1-${rest.park.bp.single}; 3B ×${rest.park.factors.triple}, 2B ×${rest.park.factors.double}`
            : `At ${rest.park.name}: HR ×${rest.park.factors.hr}, 3B ×${rest.park.factors.triple}, 2B ×${rest.park.factors.double}, 1B ×${rest.park.factors.single}`}
        </p>
      )}
      {f.forfeitedBy && <p class="muted" data-testid="forfeit">The {String(f.forfeitedBy)} team forfeited.</p>}
      {error && <p role="alert" class="error">{error}</p>}
      <div class="game-top">
        <LineScore away={away?.name ?? 'Away'} home={home?.name ?? 'Home'} lineScore={lineScore} score={shownScore} totals={finalView ? rest.lineScore.totals : null} />
        <section class="card situation" aria-label="Situation">
          <Diamond bases={bases} />
          <div>
            <p><b>{status === 'final' ? 'Final' : `${f.half === 'top' ? '▲' : '▼'} ${f.inning}`}</b> · {f.outs} out{f.outs === 1 ? '' : 's'}</p>
            <p class="muted">Home win: {Math.round((f.winProbability ?? 0.5) * 100)}%</p>
          </div>
        </section>
      </div>
      {lastPlay && lastPlay.number > 0 && (
        <section class="card last-play" aria-label="Last play">
          <b>{lastPlay.result}</b> {lastPlay.text}
          <span class="dice">{lastPlay.dice.map((d, i) => <span key={i} class="die" title={`d${lastPlay.sides[i]}`}>{d}<small>d{lastPlay.sides[i]}</small></span>)}</span>
        </section>
      )}
      <DecisionPanel room={room} game={rest} lineups={lineups} awaiting={f.awaiting} deadline={f.deadline} half={f.half} status={status} bases={bases} play={lastPlay?.number ?? 0} />
      <GameActions gameId={props.gameId} game={rest} status={status} onChange={() => void load()} />
      {status !== 'final' && <Matchup batter={f.batter} pitcher={f.pitcher} names={names} />}
      <WpChart points={points} home={home?.name ?? 'Home'} away={away?.name ?? 'Away'} />
      <div class="grid2">
        <section class="card" aria-label="Play-by-play">
          <h3>Play-by-play</h3>
          <ol class="pbp" reversed>
            {[...livePoints.filter((p) => p.number > feed.length).reverse().map((p) => <li key={`l${p.number}`}>{p.text}</li>),
              ...[...feed].reverse().map((p) => <li key={p.number}><small class="muted">{p.half === 'top' ? '▲' : '▼'}{p.inning}</small> <BallparkBadge play={p} /> {p.description}</li>)]}
          </ol>
        </section>
        {rest && finalView && <BoxScore rest={rest} />}
      </div>
      {finalView && rest?.diceSeed && <VerifyDice game={rest} />}
    </div>
  );
}

/** Pregame (docs/PROTOCOL.md "Game lifecycle"): a game starts at its first pitch, or when every manager is in. */
function startsWhen(startAt: number): string {
  return startAt > 0 ? `First pitch ${new Date(startAt).toLocaleString()}, or as soon as both managers are here.` : 'Starts as soon as both managers are here.';
}

function finalWp(game: RestGame): number {
  const totals = game.lineScore.totals;
  return totals.home.r > totals.away.r ? 1 : 0;
}

function LineScore(props: { away: string; home: string; lineScore: { away: Array<number | string>; home: Array<number | string> }; score: { away: number; home: number } | null; totals: any }) {
  const innings = Math.max(9, props.lineScore.away.length, props.lineScore.home.length);
  const cols = Array.from({ length: innings }, (_, i) => i);
  const row = (name: string, runs: Array<number | string>, total: number | undefined, side: 'away' | 'home') => (
    <tr data-side={side}><th scope="row">{name}</th>{cols.map((i) => <td key={i}>{runs[i] ?? ''}</td>)}<td class="r"><b data-testid={`runs-${side}`}>{total ?? 0}</b></td>
      {props.totals && <><td>{props.totals[side].h}</td><td>{props.totals[side].e}</td></>}</tr>
  );
  return (
    <section class="card scroll-x" aria-label="Line score">
      <table class="linescore">
        <thead><tr><th />{cols.map((i) => <th key={i}>{i + 1}</th>)}<th>R</th>{props.totals && <><th>H</th><th>E</th></>}</tr></thead>
        <tbody>
          {row(props.away, props.lineScore.away, props.score?.away, 'away')}
          {row(props.home, props.lineScore.home, props.score?.home, 'home')}
        </tbody>
      </table>
    </section>
  );
}

function Diamond(props: { bases: string[] }) {
  const on = (i: number) => (props.bases[i] ? 'on' : '');
  return (
    <svg viewBox="0 0 100 100" class="diamond" role="img" aria-label={`runners: ${['1st', '2nd', '3rd'].filter((_, i) => props.bases[i]).join(', ') || 'none'}`}>
      <rect x="62" y="42" width="16" height="16" transform="rotate(45 70 50)" class={on(0)} />
      <rect x="42" y="22" width="16" height="16" transform="rotate(45 50 30)" class={on(1)} />
      <rect x="22" y="42" width="16" height="16" transform="rotate(45 30 50)" class={on(2)} />
      <rect x="44" y="66" width="12" height="12" transform="rotate(45 50 72)" class="home" />
    </svg>
  );
}

function Matchup(props: { batter: string; pitcher: string; names: Map<string, string> }) {
  const ratings = (id: string) => useAsync(() => (id ? api.get<{ attributes: BaseballRatings }>(`/players/${id}`).then((p) => p.attributes) : Promise.resolve(null)), [id]);
  const batter = ratings(props.batter);
  const pitcher = ratings(props.pitcher);
  return (
    <section class="card matchup" aria-label="Batter vs pitcher">
      <CardView side="batter" name={props.names.get(props.batter) ?? ''} ratings={batter.data} />
      <CardView side="pitcher" name={props.names.get(props.pitcher) ?? ''} ratings={pitcher.data} />
    </section>
  );
}

function BoxScore(props: { rest: RestGame }) {
  const side = (key: 'away' | 'home') => {
    const box = props.rest.box[key];
    return (
      <div key={key}>
        <h4>{props.rest[key].name}</h4>
        <table class="compact">
          <thead><tr><th>Batter</th><th>AB</th><th>R</th><th>H</th><th>RBI</th><th>BB</th><th>SO</th></tr></thead>
          <tbody>{box.batting.map((b: any) => <tr key={b.playerId}><td>{b.name}</td><td>{b.ab}</td><td>{b.r}</td><td>{b.h}</td><td>{b.rbi}</td><td>{b.bb}</td><td>{b.so}</td></tr>)}</tbody>
        </table>
        <table class="compact">
          <thead><tr><th>Pitcher</th><th>IP</th><th>H</th><th>R</th><th>ER</th><th>BB</th><th>SO</th></tr></thead>
          <tbody>{box.pitching.map((p: any) => <tr key={p.playerId}><td>{p.name}</td><td>{Math.floor(p.outs / 3)}.{p.outs % 3}</td><td>{p.h}</td><td>{p.r}</td><td>{p.er}</td><td>{p.bb}</td><td>{p.so}</td></tr>)}</tbody>
        </table>
      </div>
    );
  };
  return <section class="card box" aria-label="Box score"><h3>Box score</h3>{side('away')}{side('home')}</section>;
}

/** Recomputes every roll here, in the browser (WebCrypto), from the revealed seed. */
function VerifyDice(props: { game: RestGame }) {
  const [report, setReport] = useState<DiceReport | null>(null);
  const [error, setError] = useState('');
  const run = () => verifyDice(props.game.diceSeed!, props.game.diceCommitment, props.game.id, props.game.plays).then(setReport, (e) => setError(String(e)));
  return (
    <section class="card" aria-label="Dice verification">
      <h3>Verify dice</h3>
      <p class="mono">commitment {props.game.diceCommitment}<br />seed {props.game.diceSeed}</p>
      <button onClick={run}>Verify dice</button>
      {error && <p role="alert" class="error">{error}</p>}
      {report && (
        <p data-testid="dice-verdict" class={report.commitmentOk && report.mismatches.length === 0 ? 'ok' : 'error'}>
          {report.commitmentOk ? 'SHA-256(seed) matches the commitment' : 'The seed does NOT match the commitment'} ·{' '}
          {report.mismatches.length === 0 ? `all ${report.rolls} rolls recompute` : `${report.mismatches.length} of ${report.rolls} rolls do not match`}
        </p>
      )}
    </section>
  );
}
