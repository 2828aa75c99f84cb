import { useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { onLinkClick } from '../lib/router.ts';
import { useAsync } from '../lib/use-async.ts';
import { getSession } from '../lib/session.ts';
import { Commissioner } from './LeagueCommissioner.tsx';
import { LeagueLive } from './LeagueLive.tsx';
import { LeagueF1 } from './LeagueF1.tsx';
import { TransactionTab, transactionTabs } from './LeagueTransactions.tsx';
import { SeasonTab } from './Season.tsx';
import { BaseballSchedule, ParkLine } from './BaseballSeason.tsx';

export interface League { id: string; name: string; sport: string; role: string | null; inviteCode?: string; baseballRules?: string; teams: number; members: number }
export interface Team { id: string; name: string; ownerId: string | null; ownerName: string | null; roster: Array<{ playerId: string; name: string | null; positions: string[]; acquiredVia: string; acquiredAt: string }> }
interface DraftRow { id: string; type: string; status: string; scheduledAt: string | null; createdAt: string }
interface GameRow { id: string; status: string; inning: number; away: { teamId: string; name: string; score: number }; home: { teamId: string; name: string; score: number }; createdAt: string }

const TABS = ['Teams', 'Season', 'Live', 'Standings', 'Drafts', 'Games', 'Scoring'] as const;

/** A league: teams and rosters, its head-to-head season, standings, drafts, games, scoring rules, commissioner controls. */
export function LeaguePage(props: { leagueId: string }) {
  const id = props.leagueId;
  const league = useAsync(() => api.get<League>(`/leagues/${id}`));
  const teams = useAsync(() => api.get<{ items: Team[] }>(`/leagues/${id}/teams`));
  const [tab, setTab] = useState<string>('Teams');
  const l = league.data;
  if (league.error) return <p role="alert" class="error">{league.error}</p>;
  if (!l) return <p class="muted">Loading…</p>;
  const tabs = [...TABS.filter((t) => t !== 'Games' || l.sport === 'baseball').filter((t) => !['Scoring', 'Live', 'Season'].includes(t) || l.sport !== 'baseball'),
    ...(l.role === 'commissioner' ? ['Commissioner'] : [])];
  if (l.sport === 'f1') tabs.splice(1, 0, 'F1');
  tabs.push(...transactionTabs(l));
  const reload = () => { teams.reload(); league.reload(); };
  return (
    <div class="stack">
      <header class="page-head">
        <h1>{l.name}</h1>
        <span class="badge">{l.sport}{l.baseballRules ? ` · ${l.baseballRules}` : ''}</span>
        <span class="muted">{l.teams} teams · {l.members} members · you: {l.role ?? 'spectator'}</span>
      </header>
      <nav class="tabs" role="tablist">
        {tabs.map((t) => <button key={t} role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>{t}</button>)}
      </nav>
      {tab === 'Teams' && <Teams teams={teams.data?.items ?? []} />}
      {tab === 'Season' && <SeasonTab league={l} teams={teams.data?.items ?? []} />}
      {tab === 'Live' && <LeagueLive leagueId={id} sport={l.sport} />}
      {tab === 'F1' && <LeagueF1 league={l} teams={teams.data?.items ?? []} />}
      {tab === 'Standings' && <Standings league={l} />}
      {tab === 'Drafts' && <Drafts leagueId={id} />}
      {tab === 'Games' && <><BaseballSchedule league={l} teams={teams.data?.items ?? []} /><Games leagueId={id} /></>}
      {tab === 'Scoring' && <Scoring leagueId={id} />}
      {transactionTabs(l).includes(tab) && <TransactionTab tab={tab} league={l} onChange={reload} />}
      {tab === 'Commissioner' && <Commissioner league={l} teams={teams.data?.items ?? []} onChange={reload} />}
    </div>
  );
}

function Teams(props: { teams: Team[] }) {
  const me = getSession()?.user.id;
  return (
    <div class="cards">
      {props.teams.map((team) => (
        <section class={`card ${team.ownerId === me ? 'mine' : ''}`} key={team.id}>
          <h3>{team.name}</h3>
          <p class="muted">{team.ownerName ? `Manager: ${team.ownerName}` : 'Open team'}</p>
          <ParkLine team={team} />
          {team.roster.length === 0 ? <p class="muted">No players yet.</p> : (
            <table class="compact">
              <thead><tr><th>Player</th><th>Pos</th><th>Acquired</th></tr></thead>
              <tbody>
                {team.roster.map((r) => (
                  <tr key={r.playerId}><td>{r.name}</td><td>{r.positions[0]}</td><td><span class="tag">{r.acquiredVia}</span> {new Date(r.acquiredAt).toLocaleDateString()}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </div>
  );
}

interface BaseballRow { teamId: string; name: string; w: number; l: number; pct: string; gb: number; rs: number; ra: number; diff: number; streak: string; last10: string; home: string; away: string }
interface FantasyStandings { rulesVersion: number; periods: string[]; items: Array<{ rank: number; teamId: string; name: string; total: number; periods: Record<string, number> }> }

/** The REST standings as they are (PROTOCOL.md "Standings"): baseball W-L, fantasy points per period. */
function Standings(props: { league: League }) {
  const baseball = props.league.sport === 'baseball';
  const path = `/leagues/${props.league.id}/${baseball ? 'standings' : 'fantasy-standings'}`;
  const { data, error } = useAsync(() => api.get<{ items: BaseballRow[] } | FantasyStandings>(path));
  if (error) return <p role="alert" class="error">{error}</p>;
  if (!data) return <p class="muted">Loading…</p>;
  if (data.items.length === 0) return <section class="card"><p class="muted">No teams yet.</p></section>;
  return baseball ? <BaseballStandings rows={(data as { items: BaseballRow[] }).items} /> : <FantasyTable data={data as FantasyStandings} />;
}

function BaseballStandings(props: { rows: BaseballRow[] }) {
  const cols = ['w', 'l', 'pct', 'gb', 'rs', 'ra', 'diff', 'streak', 'last10', 'home', 'away'] as const;
  const heads = ['W', 'L', 'PCT', 'GB', 'RS', 'RA', 'DIFF', 'STRK', 'L10', 'HOME', 'AWAY'];
  return (
    <section class="card scroll-x" aria-label="Standings">
      <table>
        <thead><tr><th>Team</th>{heads.map((h) => <th key={h}>{h}</th>)}</tr></thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.teamId} data-team={row.teamId}><td>{row.name}</td>{cols.map((c) => <td key={c} data-col={c}>{c === 'gb' && row.gb === 0 ? '—' : row[c]}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function FantasyTable(props: { data: FantasyStandings }) {
  const { data } = props;
  return (
    <section class="card scroll-x" aria-label="Standings">
      <p class="muted">Scoring rules version {data.rulesVersion}</p>
      <table>
        <thead><tr><th>#</th><th>Team</th><th>Total</th>{data.periods.map((p) => <th key={p}>{p}</th>)}</tr></thead>
        <tbody>
          {data.items.map((row) => (
            <tr key={row.teamId} data-team={row.teamId}><td>{row.rank}</td><td>{row.name}</td><td data-col="total"><b>{row.total}</b></td>
              {data.periods.map((p) => <td key={p} data-col={p}>{row.periods[p] ?? '—'}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Drafts(props: { leagueId: string }) {
  const { data, error } = useAsync(() => api.get<{ items: DraftRow[] }>(`/leagues/${props.leagueId}/drafts`));
  if (error) return <p role="alert" class="error">{error}</p>;
  const groups = { live: 'Live', paused: 'Live', scheduled: 'Upcoming', complete: 'Results' } as Record<string, string>;
  return (
    <section class="card">
      {data?.items.length === 0 && <p class="muted">No drafts yet.</p>}
      <ul class="list">
        {data?.items.map((d) => (
          <li key={d.id}>
            <a href={`/drafts/${d.id}`} onClick={onLinkClick}>{d.type === 'auction' ? 'Auction' : `${d.type} draft`}</a>
            <span class={`badge status-${d.status}`}>{groups[d.status] ?? d.status}</span>
            {d.scheduledAt && <span class="muted">starts {new Date(d.scheduledAt).toLocaleString()}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Games(props: { leagueId: string }) {
  const { data, error } = useAsync(() => api.get<{ items: GameRow[] }>(`/leagues/${props.leagueId}/games?limit=50`));
  if (error) return <p role="alert" class="error">{error}</p>;
  return (
    <section class="card">
      {data?.items.length === 0 && <p class="muted">No games yet.</p>}
      <ul class="list">
        {data?.items.map((g) => (
          <li key={g.id}>
            <a href={`/games/${g.id}`} onClick={onLinkClick}>{g.away.name} {g.away.score} @ {g.home.name} {g.home.score}</a>
            <span class={`badge status-${g.status}`}>{g.status === 'live' ? `Live · inning ${g.inning}` : g.status}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface RulesVersion { version: number; preset: string | null; active: boolean; createdAt: string }
interface ScoringRules { activeVersion: number; active: RulesVersion & { rules: unknown }; versions: RulesVersion[] }

/** The active scoring rules and every version (PROTOCOL.md "Scoring rules"). */
function Scoring(props: { leagueId: string }) {
  const { data, error } = useAsync(() => api.get<ScoringRules>(`/leagues/${props.leagueId}/scoring-rules`));
  if (error) return <p role="alert" class="error">{error}</p>;
  if (!data) return <p class="muted">Loading…</p>;
  const { active } = data;
  return (
    <section class="card" aria-label="Scoring rules">
      <p data-testid="active-rules">Active version: <b>{active.version}</b>{active.preset ? ` (${active.preset})` : ' (custom)'}</p>
      <ul class="list" aria-label="Versions">{data.versions.map((v) => (
        <li key={v.version}>v{v.version} {v.preset ?? 'custom'} {v.active && <span class="badge">active</span>} <span class="muted">{new Date(v.createdAt).toLocaleString()}</span></li>
      ))}</ul>
      <details><summary>Rules of version {active.version}</summary><pre class="rules">{JSON.stringify(active.rules, null, 2)}</pre></details>
    </section>
  );
}
