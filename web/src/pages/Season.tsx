import { useEffect, useState } from 'preact/hooks';
import { TrophyIcon } from '../components/Icons.tsx';
import { api } from '../lib/api.ts';
import { getSession } from '../lib/session.ts';
import { useAsync } from '../lib/use-async.ts';
import { useLeagueRoom } from '../lib/league-room.ts';
import { periodName, type Matchups, type Season } from '../lib/season.ts';
import type { League, Team } from './League.tsx';
import { LineupEditor } from './LineupEditor.tsx';
import { MatchupList } from './SeasonMatchups.tsx';
import { Bracket, ScheduleList, SeasonStandingsTable } from './SeasonTables.tsx';

const VIEWS = ['Matchups', 'My lineup', 'Standings', 'Schedule', 'Playoffs'] as const;
type View = typeof VIEWS[number];

/**
 * A league's head-to-head seasons (PROTOCOL.md "Seasons"): pick a season (newest first, past ones
 * stay readable) and a week (default: the server's current one), then its matchups, my lineup,
 * the standings, the schedule or the playoff bracket.
 */
export function SeasonTab(props: { league: League; teams: Team[] }) {
  const base = `/leagues/${props.league.id}`;
  const seasons = useAsync(() => api.get<{ items: Season[] }>(`${base}/seasons`));
  // The league room's live points for the week it is scoring (the Matchups view follows it).
  const room = useLeagueRoom(props.league.id);
  const [number, setNumber] = useState<number | null>(null);
  const [week, setWeek] = useState<number | null>(null);
  const [view, setView] = useState<View>('Matchups');
  const list = seasons.data?.items ?? [];
  const season = list.find((s) => s.number === number) ?? list[0];
  // The week the server calls current (the last started), once per season shown.
  useEffect(() => {
    if (!season) return;
    setWeek(null);
    void api.get<Matchups>(`${base}/matchups?season=${season.number}`).then((m) => setWeek(m.period.number), () => setWeek(1));
  }, [season?.number]);
  if (seasons.error) return <p role="alert" class="error">{seasons.error}</p>;
  if (!seasons.data) return <p class="muted">Loading…</p>;
  if (!season) {
    return <section class="card"><p class="muted">No season yet.{props.league.role === 'commissioner' ? ' Create one in the Commissioner tab.' : ' The commissioner creates it.'}</p></section>;
  }
  const me = getSession()?.user.id;
  const myTeam = props.teams.find((t) => t.ownerId === me);
  const latest = season.number === list[0].number;
  const views = VIEWS.filter((v) => v !== 'My lineup' || (myTeam && latest));
  const champion = season.championTeamId ? props.teams.find((t) => t.id === season.championTeamId)?.name : null;
  return (
    <div class="stack season">
      <section class="card season-head">
        <label>Season
          <select aria-label="Season" value={season.number} onChange={(e) => setNumber(Number(e.currentTarget.value))}>
            {list.map((s) => <option key={s.number} value={s.number}>Season {s.number}{s.number === list[0].number ? ' (current)' : ''}</option>)}
          </select>
        </label>
        <label>Week
          <select aria-label="Week" value={week ?? ''} disabled={week === null} onChange={(e) => setWeek(Number(e.currentTarget.value))}>
            {season.periods.map((p) => <option key={p.number} value={p.number}>{periodName(p, season.settings.regularWeeks)}{p.final ? ' · final' : ''}</option>)}
          </select>
        </label>
        <p class="muted season-meta" data-testid="season-status">
          <span class={`badge status-${season.status}`}>{season.status === 'complete' ? 'Complete' : season.status === 'playoffs' ? 'Playoffs' : 'Regular season'}</span>
          {' '}{season.settings.regularWeeks} weeks · {season.settings.playoffTeams} playoff teams
          {champion && <> · <b class="champion-inline"><TrophyIcon /> {champion}</b></>}
        </p>
      </section>
      <nav class="tabs sub" role="tablist" aria-label="Season views">
        {views.map((v) => <button key={v} role="tab" aria-selected={view === v} onClick={() => setView(v)}>{v}</button>)}
      </nav>
      {week !== null && view === 'Matchups' && <MatchupList key={`${season.number}:${week}`} base={base} season={season} week={week} myTeamId={myTeam?.id} room={room} />}
      {week !== null && view === 'My lineup' && myTeam && <LineupEditor key={week} base={base} season={season} week={week} team={myTeam} />}
      {view === 'Standings' && <SeasonStandingsTable key={season.number} base={base} season={season.number} myTeamId={myTeam?.id} />}
      {view === 'Schedule' && <ScheduleList key={season.number} base={base} season={season} onWeek={(n) => { setWeek(n); setView('Matchups'); }} />}
      {view === 'Playoffs' && <Bracket key={season.number} base={base} season={season.number} />}
    </div>
  );
}
