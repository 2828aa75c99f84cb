import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { onLinkClick } from '../lib/router.ts';
import { getSession } from '../lib/session.ts';
import { useAsync } from '../lib/use-async.ts';
import { F1_POLL_MS, loadLeagueRaces, localTime, usePolled, type LeagueRace, type RaceBoard, type RaceSettings, type SeasonBoard } from '../lib/f1.ts';
import { liveRaceBoard, liveSeasonBoard } from '../lib/f1-live.ts';
import { useLeagueRoom } from '../lib/league-room.ts';
import { F1Settings } from './LeagueF1Settings.tsx';
import type { League, Team } from './League.tsx';

/**
 * The F1 tab of a league (PROTOCOL.md "Fantasy F1 race weekends"): its race weekends, each with
 * its draft and my team's two drivers; the season leaderboard (points per team per race) and one
 * race's leaderboard. Results show as they are scored: the league room pushes the current race's
 * and the season's points (and each push reloads the rest); without the room, the tab asks every
 * few seconds. Draft states are asked every few seconds either way.
 */
export function LeagueF1(props: { league: League; teams: Team[] }) {
  const { league, teams } = props;
  const races = usePolled(() => loadLeagueRaces(league.id), F1_POLL_MS, [league.id]);
  const commissioner = league.role === 'commissioner';
  // A failed poll keeps the last answer on screen; only a first load that fails has nothing to show.
  if (!races.data) return races.error ? <p role="alert" class="error">{races.error}</p> : <p class="muted">Loading…</p>;
  const { settings, items } = races.data;
  return (
    <div class="stack">
      {settings ? <RaceWeekends leagueId={league.id} teams={teams} races={items} settings={settings} />
        : <section class="card"><p class="muted">This league does not play race weekends yet{commissioner ? ': choose a season in the settings below.' : '.'}</p></section>}
      {commissioner && <F1Settings league={league} teams={teams} settings={settings} onChange={races.reload} />}
    </div>
  );
}

const ORDER_MODES: Record<string, string> = { rotate: 'the order rotates by one team each race', standings: 'the last team in the standings picks first' };

function RaceWeekends(props: { leagueId: string; teams: Team[]; races: LeagueRace[]; settings: RaceSettings }) {
  const { leagueId, races, settings } = props;
  const me = getSession()?.user.id;
  const myTeam = props.teams.find((t) => t.ownerId === me) ?? null;
  const room = useLeagueRoom(leagueId);
  const season = usePolled(() => api.get<SeasonBoard>(`/leagues/${leagueId}/f1/leaderboard`), room.live ? null : F1_POLL_MS, [leagueId]);
  // Each push (a result scored, corrected; the next race's window) brings the REST details along.
  useEffect(() => { if (room.live) season.reload(); }, [room.live, room.scoredAt, room.race?.id]);
  const board = season.data && liveSeasonBoard(season.data, room);
  // A race's drivers are known once its draft is complete; their points move with the season board.
  const drafted = races.filter((r) => r.draft?.status === 'complete');
  const changed = JSON.stringify([drafted.map((r) => r.id), season.data?.items]);
  const boards = useAsync(async () => new Map(await Promise.all(drafted.map(async (race) =>
    [race.id, await api.get<RaceBoard>(`/leagues/${leagueId}/f1/leaderboard?race=${race.id}`)] as const))), [leagueId, changed]);
  const [picked, setPicked] = useState('');
  const shown = picked || [...drafted].reverse().find((r) => board?.races.find((s) => s.id === r.id)?.scored)?.id || drafted[drafted.length - 1]?.id || '';
  const mine = myTeam && board?.items.find((row) => row.teamId === myTeam.id);
  const shownBoard = boards.data?.get(shown);
  return (
    <>
      <section class="card scroll-x" aria-label="Race weekends">
        <div class="card-head"><h2>Race weekends · season {settings.season}</h2><a href="/f1" onClick={onLinkClick}>Full race calendar</a></div>
        <p class="muted">Each draft opens {hours(settings.draftLeadMinutes)} before qualifying; {ORDER_MODES[settings.orderMode]}; {settings.pickSeconds} s per pick. Times in your time zone.
          {' '}<span data-testid="f1-points-source">{room.live ? <span class="badge status-live" title="Points arrive as results are scored">● points live</span> : `points refresh every ${F1_POLL_MS / 1000} s`}</span></p>
        <table class="races">
          <thead><tr><th>Rd</th><th>Grand Prix · qualifying (lock)</th><th>Draft</th>{myTeam && <><th>{myTeam.name}'s drivers</th><th>Points</th></>}</tr></thead>
          <tbody>
            {races.map((race) => {
              const drivers = myTeam ? boards.data?.get(race.id)?.items.find((row) => row.teamId === myTeam.id)?.drivers : undefined;
              return (
                <tr key={race.id} data-race={race.id} class={race.id === shown ? 'selected' : ''}>
                  <td>{race.round}</td>
                  <td>{race.name} <span class="muted">{race.country}</span><br /><small class="muted"><time dateTime={race.locksAt}>{localTime(race.locksAt)}</time></small></td>
                  <td data-col="draft"><DraftState race={race} /></td>
                  {myTeam && <td data-col="drivers">{drivers?.length ? <Drivers drivers={drivers} /> : <span class="muted">—</span>}</td>}
                  {myTeam && <td data-col="points">{mine?.races[String(race.round)] ?? '—'}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <div class="grid2">
        <SeasonTable board={board} error={season.error} myTeamId={myTeam?.id} />
        <RaceTable races={drafted} shown={shown} onPick={setPicked} board={shownBoard && liveRaceBoard(shownBoard, room)} myTeamId={myTeam?.id} />
      </div>
    </>
  );
}

const hours = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`);

/** Upcoming (opens at …), open (into the draft room) or done (its board). */
function DraftState(props: { race: LeagueRace }) {
  const { draft, draftOpensAt, locksAt } = props.race;
  const room = (text: string) => draft && <a href={`/drafts/${draft.id}`} onClick={onLinkClick}>{text}</a>;
  if (draft?.status === 'complete') return <span><span class="badge status-complete">Done</span> {room('Board')}</span>;
  if (draft && draft.status !== 'scheduled') return <span><span class="badge status-live">Open</span> <b>{room('Go to the draft room')}</b></span>;
  if (Date.parse(locksAt) <= Date.now()) return <span class="badge">Locked</span>;
  // Its time has come: the server opens it within moments (the open job), the room is there to wait in.
  if (draft && Date.parse(draftOpensAt) <= Date.now()) return <span><span class="badge status-paused">Opening</span> {room('Draft room')}</span>;
  return <span><span class="badge">Upcoming</span> <span class="muted">opens <time dateTime={draftOpensAt}>{localTime(draftOpensAt)}</time></span></span>;
}

function Drivers(props: { drivers: RaceBoard['items'][number]['drivers'] }) {
  return (
    <span class="drivers">
      {props.drivers.map((d) => <span key={d.playerId} class="driver" data-driver={d.name ?? d.playerId}>{d.name ?? d.playerId} <b>{d.points ?? '—'}</b>{d.auto && <i title="autopicked"> auto</i>}</span>)}
    </span>
  );
}

function SeasonTable(props: { board: SeasonBoard | null; error: string; myTeamId?: string }) {
  const { board } = props;
  const scored = useMemo(() => board?.races.filter((r) => r.scored) ?? [], [board]);
  return (
    <section class="card scroll-x" aria-label="Season leaderboard">
      <h3>Season leaderboard</h3>
      {props.error && <p role="alert" class="error">{props.error}</p>}
      {board && (
        <table>
          <thead><tr><th>#</th><th>Team</th><th>Total</th>{scored.map((r) => <th key={r.id} title={r.name}>R{r.round}</th>)}</tr></thead>
          <tbody>
            {board.items.map((row) => (
              <tr key={row.teamId} data-team={row.teamId} class={row.teamId === props.myTeamId ? 'mine' : ''}>
                <td>{row.rank}</td><td>{row.name}</td><td data-col="total"><b>{row.total}</b></td>
                {scored.map((r) => <td key={r.id} data-col={`r${r.round}`}>{row.races[String(r.round)] ?? '—'}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {board && scored.length === 0 && <p class="muted">No race scored yet.</p>}
    </section>
  );
}

function RaceTable(props: { races: LeagueRace[]; shown: string; onPick: (raceId: string) => void; board?: RaceBoard; myTeamId?: string }) {
  return (
    <section class="card scroll-x" aria-label="Race leaderboard">
      <div class="card-head">
        <h3>Race leaderboard</h3>
        {props.races.length > 0 && (
          <select aria-label="Race" value={props.shown} onChange={(e) => props.onPick(e.currentTarget.value)}>
            {props.races.map((r) => <option key={r.id} value={r.id}>Round {r.round} · {r.name}</option>)}
          </select>
        )}
      </div>
      {props.races.length === 0 && <p class="muted">No race drafted yet.</p>}
      {props.board && (
        <table>
          <thead><tr><th>#</th><th>Team</th><th>Drivers</th><th>Points</th></tr></thead>
          <tbody>
            {props.board.items.map((row) => (
              <tr key={row.teamId} data-team={row.teamId} class={row.teamId === props.myTeamId ? 'mine' : ''}>
                <td>{row.rank}</td><td>{row.name}</td><td data-col="drivers"><Drivers drivers={row.drivers} /></td><td data-col="points"><b>{row.points}</b></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
