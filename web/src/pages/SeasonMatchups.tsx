import { useEffect } from 'preact/hooks';
import { LockIcon } from '../components/Icons.tsx';
import { api } from '../lib/api.ts';
import { useAsync } from '../lib/use-async.ts';
import type { LeagueRoomView } from '../lib/league-room.ts';
import { outcome, periodName, pts, when, type Matchups, type Season, type Side, type SlotPlayer } from '../lib/season.ts';

/**
 * One week's matchups with live scores: the starters' points are the score, the bench is shown.
 * The week the league room is scoring follows the room: its points as each push arrives, and the
 * rest (lineups, bench, results) asked again on that push. Other weeks, or without the room, REST.
 */
export function MatchupList(props: { base: string; season: Season; week: number; myTeamId?: string; room: LeagueRoomView }) {
  const { data, error, reload } = useAsync(() => api.get<Matchups>(`${props.base}/matchups?season=${props.season.number}&period=${props.week}`));
  const following = props.room.live && data !== null && !data.period.final && props.room.period === data.period.key;
  useEffect(() => { if (following) reload(); }, [following, props.room.scoredAt]);
  if (error) return <p role="alert" class="error">{error}</p>;
  if (!data) return <p class="muted">Loading…</p>;
  const { period } = data;
  const items = following ? withRoomPoints(data.items, props.room) : data.items;
  return (
    <section class="stack" aria-label="Matchups" data-room={props.room.live ? 'live' : 'off'}>
      <p class="muted">
        <b>{periodName(period, props.season.settings.regularWeeks)}</b> · {period.key} · locks {when(period.locksAt)} ·{' '}
        <span class={`badge ${period.final ? 'status-final' : 'status-live'}`}>{period.final ? 'Final' : 'Live'}</span>
        {period.refinalized > 0 && <span class="badge auto">corrected ×{period.refinalized}</span>}
        {following && <span class="badge status-live" data-testid="matchups-live" title="Scores arrive as they are scored">● updating live</span>}
        {!period.final && !following && <> <button class="small" onClick={reload}>Refresh scores</button></>}
      </p>
      {items.length === 0 && <p class="card muted">No games this week{period.kind === 'playoff' ? ' yet: the bracket fills in as rounds finish' : ''}.</p>}
      {mineFirst(items, props.myTeamId).map((m) => (
        <article key={m.id} class={`card matchup-card ${[m.home.teamId, m.away?.teamId].includes(props.myTeamId) ? 'mine' : ''}`} data-matchup={m.id}>
          <div class="scoreline">
            <SideScore side={m.home} mark={outcome(m.result, 'home')} final={period.final} which="home" />
            <span class="vs">{m.playoffRound ? `Round ${m.playoffRound}` : 'vs'}</span>
            {m.away ? <SideScore side={m.away} mark={outcome(m.result, 'away')} final={period.final} which="away" /> : <div class="side bye"><b>Bye</b></div>}
          </div>
          <details>
            <summary>Lineups</summary>
            <div class="lineups">
              <SideLineup side={m.home} />
              {m.away && <SideLineup side={m.away} />}
            </div>
          </details>
        </article>
      ))}
    </section>
  );
}

/** Each side's score as the room has it (the same starters' points as REST, pushed as they change). */
function withRoomPoints<T extends { id: string; home: Side; away: Side | null }>(items: T[], room: LeagueRoomView): T[] {
  const byId = new Map(room.matchups.map((m) => [m.id, m]));
  const pointsOf = (side: Side, live: LeagueRoomView['matchups'][number]) =>
    (side.teamId === live.homeTeamId ? live.homePoints : side.teamId === live.awayTeamId ? live.awayPoints : side.points);
  return items.map((m) => {
    const live = byId.get(m.id);
    if (!live) return m;
    return { ...m, home: { ...m.home, points: pointsOf(m.home, live) }, away: m.away && { ...m.away, points: pointsOf(m.away, live) } };
  });
}

/** My own game first, the rest in the server's order. */
function mineFirst<T extends { home: Side; away: Side | null }>(items: T[], teamId?: string): T[] {
  const mine = (m: T) => m.home.teamId === teamId || m.away?.teamId === teamId;
  return [...items.filter(mine), ...items.filter((m) => !mine(m))];
}

function SideScore(props: { side: Side; mark: 'W' | 'L' | 'T' | null; final: boolean; which: 'home' | 'away' }) {
  const { side, mark } = props;
  return (
    <div class={`side ${props.which}`} data-side={props.which} data-team={side.teamId}>
      <span class="team-name">{side.name}</span>
      <span class="big-points" data-col="points">{pts(side.points)}</span>
      <span class="muted small">bench <span data-col="bench">{pts(side.benchPoints)}</span></span>
      <span class="marks">
        {mark && <span class={`result r-${mark}`} data-col="result" title={props.final ? 'Final' : 'If it ended now'}>{props.final ? mark : `${mark}?`}</span>}
        {side.auto && <span class="badge auto" data-col="auto">auto lineup</span>}
      </span>
    </div>
  );
}

function SideLineup(props: { side: Side }) {
  const row = (p: SlotPlayer, i: number) => (
    <tr key={`${p.slot}${i}`} class={p.slot === 'BN' ? 'bench' : ''}>
      <td class="slot">{p.slot}</td>
      <td>{p.name ?? <span class="muted">empty</span>} {p.position && <span class="muted small">{p.position} · {p.club}</span>} {p.locked && <LockIcon />}</td>
      <td class="num">{pts(p.points)}</td>
    </tr>
  );
  return (
    <table class="compact lineup-table" aria-label={`${props.side.name} lineup`}>
      <thead><tr><th colSpan={2}>{props.side.name}{props.side.auto ? ' (auto)' : ''}</th><th class="num">{pts(props.side.points)}</th></tr></thead>
      <tbody>
        {props.side.starters.map(row)}
        {props.side.bench.length > 0 && <tr class="bench-head"><td colSpan={2}>Bench (not counted)</td><td class="num">{pts(props.side.benchPoints)}</td></tr>}
        {props.side.bench.map(row)}
      </tbody>
    </table>
  );
}
