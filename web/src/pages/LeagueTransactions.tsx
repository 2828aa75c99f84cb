import { useAsync } from '../lib/use-async.ts';
import { loadLeagueBook } from '../lib/league-book.ts';
import { LeaguePlayers } from './LeaguePlayers.tsx';
import { LeagueWaivers } from './LeagueWaivers.tsx';
import { LeaguePicks } from './LeaguePicks.tsx';
import { LeagueTrades } from './LeagueTrades.tsx';
import { LeagueLog } from './LeagueLog.tsx';
import { LeagueSettings } from './LeagueSettings.tsx';

interface LeagueLike { id: string; name: string; sport: string; role: string | null; visibility?: string }

/** The league page's transaction tabs; Settings is the commissioner's. */
export function transactionTabs(league: LeagueLike): string[] {
  return ['Players', 'Waivers', 'Trades', 'Picks', 'Transactions', ...(league.role === 'commissioner' ? ['Settings'] : [])];
}

/** One transaction tab, over the league book (pool, rosters, waivers, settings) every tab shares. */
export function TransactionTab(props: { tab: string; league: LeagueLike; onChange: () => void }) {
  const { league, tab } = props;
  const book = useAsync(() => loadLeagueBook(league.id, league.sport), [league.id]);
  if (book.error) return <p role="alert" class="error">{book.error}</p>;
  if (!book.data) return <p class="muted">Loading…</p>;
  // A move changes rosters, waivers and the log: reload the book and the league page around it.
  const changed = () => { book.reload(); props.onChange(); };
  const common = { leagueId: league.id, book: book.data, onChange: changed };
  if (tab === 'Players') return <LeaguePlayers {...common} />;
  if (tab === 'Waivers') return <LeagueWaivers {...common} />;
  if (tab === 'Trades') return <LeagueTrades {...common} commissioner={league.role === 'commissioner'} />;
  if (tab === 'Picks') return <LeaguePicks leagueId={league.id} book={book.data} />;
  if (tab === 'Transactions') return <LeagueLog leagueId={league.id} book={book.data} />;
  if (tab === 'Settings') return <LeagueSettings league={league} book={book.data} onChange={changed} />;
  return null;
}
