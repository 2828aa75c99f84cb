import { teamName, type LeagueBook } from '../lib/league-book.ts';
import { loadPicks, pickKey, pickLabel, type DraftPick } from '../lib/picks.ts';
import { useAsync } from '../lib/use-async.ts';

/**
 * Picks (PROTOCOL "Trades": future draft picks): who holds each pick of the tradeable seasons now,
 * from GET /leagues/:id/picks. The traded ones first, then per season a grid of rounds × the teams
 * whose picks they were to begin with, each cell naming its holder.
 */
export function LeaguePicks(props: { leagueId: string; book: LeagueBook }) {
  const { book } = props;
  const picks = useAsync(() => loadPicks(props.leagueId), [book]);
  if (picks.error) return <p role="alert" class="error">{picks.error}</p>;
  if (!picks.data) return <p class="muted">Loading…</p>;
  const { seasons, rounds, teams } = picks.data;
  const holders = new Map<string, string>(teams.flatMap((t) => t.picks.map((p) => [pickKey(p), t.teamId] as const)));
  const name = (teamId: string) => teamName(book, teamId);
  const traded = teams.flatMap((t) => t.picks.filter((p) => p.originalTeamId !== t.teamId).map((p) => ({ pick: p, holder: t.teamId })))
    .sort((a, b) => a.pick.season - b.pick.season || a.pick.round - b.pick.round);
  return (
    <div class="stack">
      <section class="card" aria-label="Traded picks">
        <h3>Traded picks</h3>
        {traded.length === 0 ? <p class="muted">Every team holds its own picks.</p> : (
          <ul>{traded.map(({ pick, holder }) => <li key={pickKey(pick)} data-traded={pickKey(pick)}>{pickLabel(pick, name)} → <b>{name(holder)}</b></li>)}</ul>
        )}
      </section>
      {seasons.length === 0 && <p class="muted">No season's picks can be traded: the league has drafted them all.</p>}
      {seasons.map((season) => (
        <section class="card board-wrap" key={season} aria-label={`${season} picks`}>
          <h3>{season} draft picks</h3>
          <table class="compact">
            <thead><tr><th>Round</th>{teams.map((t) => <th key={t.teamId} scope="col">{t.name}'s</th>)}</tr></thead>
            <tbody>
              {Array.from({ length: rounds }, (_, i) => i + 1).map((round) => (
                <tr key={round}><th scope="row">{round}</th>
                  {teams.map((t) => <PickCell key={t.teamId} pick={{ season, round, originalTeamId: t.teamId }} holder={holders.get(pickKey({ season, round, originalTeamId: t.teamId }))} name={name} />)}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

function PickCell(props: { pick: DraftPick; holder: string | undefined; name: (teamId: string) => string }) {
  const moved = props.holder !== undefined && props.holder !== props.pick.originalTeamId;
  return (
    <td data-pick={pickKey(props.pick)} data-holder={props.holder ?? ''} class={moved ? 'traded' : 'muted'}>
      {props.holder === undefined ? '—' : moved ? <b>{props.name(props.holder)}</b> : 'own'}
    </td>
  );
}
