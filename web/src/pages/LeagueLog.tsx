import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../lib/api.ts';
import { playerName, teamName, when, type LeagueBook } from '../lib/league-book.ts';
import { pickLabel, type DraftPick } from '../lib/picks.ts';

export interface LogEntry {
  id: number; type: string; actorId: string | null; teamIds: string[];
  moves: Array<{ playerId: string; fromTeamId: string | null; toTeamId: string | null }>;
  reason: string | null; details: Record<string, unknown> | null; at: string;
}

const TYPES = ['add', 'drop', 'claim', 'trade', 'draft', 'commissioner', 'admin'];
/** Entries per page (the REST default is 50; a smaller page keeps the table short on a phone). */
export const LOG_PAGE = 20;

/** The league's transaction log, newest first, filtered by team and type, paged by the REST cursor. */
export function LeagueLog(props: { leagueId: string; book: LeagueBook }) {
  const { book } = props;
  const [teamId, setTeamId] = useState('');
  const [type, setType] = useState('');
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');
  const load = async (from: string | null, keep: LogEntry[]) => {
    setLoading(true);
    setError('');
    const query = new URLSearchParams({ limit: String(LOG_PAGE), ...(teamId ? { teamId } : {}), ...(type ? { type } : {}), ...(from ? { cursor: from } : {}) });
    try {
      const page = await api.get<{ items: LogEntry[]; nextCursor: string | null }>(`/leagues/${props.leagueId}/transactions?${query}`);
      setEntries([...keep, ...page.items]);
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => { void load(null, []); }, [teamId, type, book]);
  return (
    <section class="card" aria-label="Transactions">
      <div class="row wrap">
        <label>Team<select aria-label="Filter by team" value={teamId} onChange={(e) => setTeamId(e.currentTarget.value)}>
          <option value="">All teams</option>{book.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select></label>
        <label>Type<select aria-label="Filter by type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
          <option value="">All types</option>{TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
        </select></label>
      </div>
      {error && <p role="alert" class="error">{error}</p>}
      <div class="scroll-x">
        <table class="compact log">
          <thead><tr><th>When</th><th>Type</th><th>Teams</th><th>Moves</th></tr></thead>
          <tbody>{entries.map((entry) => (
            <tr key={entry.id} data-entry={entry.id}>
              <td>{when(entry.at)}</td><td><span class={`tag type-${entry.type}`}>{entry.type}</span></td>
              <td>{entry.teamIds.map((t) => teamName(book, t)).join(', ')}</td>
              <td data-col="moves">{describeMoves(book, entry)}</td>
            </tr>
          ))}</tbody>
        </table>
      </div>
      {!loading && entries.length === 0 && <p class="muted">No transactions.</p>}
      {cursor && <button disabled={loading} onClick={() => load(cursor, entries)}>Older entries</button>}
    </section>
  );
}

type PickMove = DraftPick & { fromTeamId: string; toTeamId: string };

/**
 * One line per move ("Name: Team A → Team B"), then a trade's pick moves (`details.picks`:
 * "2027 round 1 (Team A's): Team A → Team B"), or the entry's reason (league administration has no moves).
 */
export function describeMoves(book: LeagueBook, entry: LogEntry): string {
  const moves = entry.moves.map((m) => `${playerName(book, m.playerId)}: ${teamName(book, m.fromTeamId)} → ${teamName(book, m.toTeamId)}`);
  const picks = entry.type === 'trade' && Array.isArray(entry.details?.picks) ? entry.details.picks as PickMove[] : [];
  const pickMoves = picks.map((m) => `${pickLabel(m, (id) => teamName(book, id))}: ${teamName(book, m.fromTeamId)} → ${teamName(book, m.toTeamId)}`);
  return [...moves, ...pickMoves, ...(entry.reason ? [entry.reason] : [])].join('; ');
}
