import { TrophyIcon } from '../components/Icons.tsx';
import { api } from '../lib/api.ts';
import { useAsync } from '../lib/use-async.ts';
import { periodName, pts, when, type BracketTeam, type Playoffs, type Schedule, type Season, type SeasonStandings } from '../lib/season.ts';

/** PCT as the sports pages print it: .667, 1.000. */
export const pct = (n: number) => n.toFixed(3).replace(/^0(?=\.)/, '');

/** The head-to-head table of a season (GET …/standings?season=): W-L-T, PCT, PF/PA, streak, games back. */
export function SeasonStandingsTable(props: { base: string; season: number; myTeamId?: string }) {
  const { data, error } = useAsync(() => api.get<{ season: SeasonStandings | null }>(`${props.base}/standings?season=${props.season}`));
  if (error) return <p role="alert" class="error">{error}</p>;
  if (!data) return <p class="muted">Loading…</p>;
  const table = data.season;
  if (!table) return <p class="card muted">No season yet.</p>;
  return (
    <section class="card scroll-x" aria-label="Season standings">
      <table>
        <thead><tr><th>#</th><th>Team</th><th>W-L-T</th><th>PCT</th><th>PF</th><th>PA</th><th>STRK</th><th>GB</th></tr></thead>
        <tbody>
          {table.items.map((r) => (
            <tr key={r.teamId} data-team={r.teamId} class={r.teamId === props.myTeamId ? 'mine' : ''}>
              <td data-col="rank">{r.rank}</td><td>{r.name}</td>
              <td data-col="record">{r.wins}-{r.losses}-{r.ties}</td><td data-col="pct">{pct(r.pct)}</td>
              <td data-col="pf">{pts(r.pointsFor)}</td><td data-col="pa">{pts(r.pointsAgainst)}</td>
              <td data-col="streak">{r.streak || '—'}</td><td data-col="gb">{r.gamesBack === 0 ? '—' : r.gamesBack}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted small">From final regular-season weeks. Ties broken by {table.tiebreakers.join(', then ')}.</p>
    </section>
  );
}

/** Every week's games (GET …/schedule): byes, and scores once a week is final. */
export function ScheduleList(props: { base: string; season: Season; onWeek: (n: number) => void }) {
  const { data, error } = useAsync(() => api.get<Schedule>(`${props.base}/schedule?season=${props.season.number}`));
  if (error) return <p role="alert" class="error">{error}</p>;
  if (!data) return <p class="muted">Loading…</p>;
  return (
    <section class="schedule" aria-label="Schedule">
      {data.periods.map((p) => (
        <article key={p.number} class="card" data-period={p.number}>
          <h3>
            <button class="link" onClick={() => props.onWeek(p.number)}>{periodName(p, props.season.settings.regularWeeks)}</button>
            {' '}<span class="muted small">{p.key} · locks {when(p.locksAt)}</span>
            {p.final && <span class="badge status-final">Final</span>}
          </h3>
          {p.matchups.length === 0 ? <p class="muted small">{p.kind === 'playoff' ? 'Set by the bracket.' : 'No games.'}</p> : (
            <ul class="list games">
              {p.matchups.map((m) => (
                <li key={m.id} data-matchup={m.id}>
                  <span class={m.result === 'home' ? 'won' : ''}>{m.home.name}</span>
                  {m.away ? <>
                    {p.final && <b class="score">{pts(m.homePoints)} – {pts(m.awayPoints)}</b>}
                    {!p.final && <span class="muted">vs</span>}
                    <span class={m.result === 'away' ? 'won' : ''}>{m.away.name}</span>
                  </> : <span class="muted">bye</span>}
                </li>
              ))}
            </ul>
          )}
        </article>
      ))}
    </section>
  );
}

const seedName = (t: BracketTeam | null) => (t ? <span class="who"><span class="seed">{t.seed}</span> {t.name}</span> : <span class="who muted">TBD</span>);

/** The playoff bracket (GET …/playoffs): seeds, each round with its byes and results, the champion. */
export function Bracket(props: { base: string; season: number }) {
  const { data, error } = useAsync(() => api.get<Playoffs>(`${props.base}/playoffs?season=${props.season}`));
  if (error) return <p role="alert" class="error">{error}</p>;
  if (!data) return <p class="muted">Loading…</p>;
  if (!data.seeds) return <p class="card muted" aria-label="Playoffs">The top {data.playoffTeams} teams are seeded when the regular season is final.</p>;
  return (
    <section class="stack" aria-label="Playoffs">
      {data.champion && <p class="card champion" data-testid="champion"><TrophyIcon /> Champion: <b>{data.champion.name}</b> <span class="muted">(seed {data.champion.seed})</span></p>}
      <div class="bracket">
        {data.rounds.map((round) => (
          <div class="round" key={round.round} data-round={round.round}>
            <h4>{round.round === data.rounds.length ? 'Championship' : `Round ${round.round}`}{round.period ? <span class="muted small"> · week {round.period}</span> : null}{round.final && <span class="badge status-final">Final</span>}</h4>
            <div class="games">
              {round.games.map((g) => (
                <div class={`bracket-game ${g.bye ? 'bye' : ''}`} key={g.slot} data-slot={g.slot}>
                  <div class={g.winner && g.home && g.winner.teamId === g.home.teamId ? 'won' : ''}>{seedName(g.home)}<span class="num">{g.bye ? '' : pts(g.homePoints)}</span></div>
                  {g.bye ? <div class="muted small">bye to the next round</div> : <div class={g.winner && g.away && g.winner.teamId === g.away.teamId ? 'won' : ''}>{seedName(g.away)}<span class="num">{pts(g.awayPoints)}</span></div>}
                </div>
              ))}
            </div>
          </div>
        ))}
      </div>
      <p class="muted small">Seeds: {data.seeds.map((s) => `${s.seed}. ${s.name}`).join(' · ')}</p>
    </section>
  );
}
