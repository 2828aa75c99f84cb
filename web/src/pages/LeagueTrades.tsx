import { useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { useAsync } from '../lib/use-async.ts';
import { getSession } from '../lib/session.ts';
import { named, needsDrop, playerName, teamName, when, type BookTeam, type LeagueBook } from '../lib/league-book.ts';
import { Refusal, useRun } from '../components/Refusal.tsx';
import { loadPicks, pickKey, pickLabel, picksOf, type DraftPick, type PickBook } from '../lib/picks.ts';

export interface Trade {
  id: string; fromTeamId: string; toTeamId: string; gives: string[]; gets: string[]; fromDrops: string[]; toDrops: string[];
  givesPicks: DraftPick[]; getsPicks: DraftPick[];
  status: string; reason: string | null; counterOf: string | null; vetoes: number; reviewEndsAt: string | null; createdAt: string; decidedAt: string | null;
}

const OPEN = ['proposed', 'review'];

/**
 * Trades (PROTOCOL "Trades"): offer my players and future draft picks for another team's; the other manager accepts,
 * rejects or counters; in review the commissioner approves or vetoes, or (league veto) the other
 * managers vote. Decided trades stay listed with their outcome and, when void, the reason.
 */
export function LeagueTrades(props: { leagueId: string; book: LeagueBook; commissioner: boolean; onChange: () => void }) {
  const { book, leagueId } = props;
  const trades = useAsync(() => api.get<{ items: Trade[] }>(`/leagues/${leagueId}/trades`), [book]);
  // Who holds which pick now: the offer form lists each side's, and it changes when a trade executes.
  const picks = useAsync(() => loadPicks(leagueId), [book]);
  const [countering, setCountering] = useState<Trade | null>(null);
  const team = book.myTeam;
  const canPropose = team && !book.archivedAt && book.teams.length > 1;
  const items = trades.data?.items ?? [];
  const done = () => { setCountering(null); props.onChange(); };
  return (
    <div class="stack">
      {countering && team && <TradeForm key={countering.id} leagueId={leagueId} book={book} picks={picks.data ?? undefined} mine={team} counter={countering} onDone={done} onCancel={() => setCountering(null)} />}
      {trades.error && <p role="alert" class="error">{trades.error}</p>}
      <section class="card" aria-label="Open trades">
        <h3>Open trades</h3>
        {items.filter((t) => OPEN.includes(t.status)).map((t) => <TradeCard key={t.id} trade={t} {...props} onCounter={() => setCountering(t)} />)}
        {items.every((t) => !OPEN.includes(t.status)) && <p class="muted">No open trades.</p>}
      </section>
      {canPropose && !countering && <TradeForm key="new" leagueId={leagueId} book={book} picks={picks.data ?? undefined} mine={team} onDone={done} />}
      <section class="card" aria-label="Decided trades">
        <h3>Decided trades</h3>
        {items.filter((t) => !OPEN.includes(t.status)).map((t) => <TradeCard key={t.id} trade={t} {...props} onCounter={() => undefined} />)}
        {items.every((t) => OPEN.includes(t.status)) && <p class="muted">None yet.</p>}
      </section>
    </div>
  );
}

function TradeCard(props: { leagueId: string; book: LeagueBook; trade: Trade; commissioner: boolean; onChange: () => void; onCounter: () => void }) {
  const { book, trade } = props;
  const mine = book.myTeam?.id;
  const action = useRun(props.onChange);
  const [drops, setDrops] = useState<string[] | null>(null);
  const step = (path: string, body: unknown = {}) => action.run(() => api.post(`/leagues/${props.leagueId}/trades/${trade.id}/${path}`, body));
  const accept = async () => {
    const failure = await step('accept', drops && drops.length > 0 ? { drops } : {});
    if (needsDrop(failure)) setDrops(drops ?? []);
  };
  const receiving = trade.status === 'proposed' && trade.toTeamId === mine;
  const review = book.settings.trades.review;
  const thirdTeam = mine && mine !== trade.fromTeamId && mine !== trade.toTeamId;
  const side = (teamId: string, players: string[], picks: DraftPick[], dropped: string[]) => (
    <div><b>{teamName(book, teamId)}</b> gives {players.length + picks.length === 0 ? <span class="muted">nothing</span>
      : [...players.map((p) => playerName(book, p)), ...picks.map((p) => pickLabel(p, (id) => teamName(book, id)))].join(', ')}
      {dropped.length > 0 && <span class="muted"> · drops {dropped.map((p) => playerName(book, p)).join(', ')}</span>}</div>
  );
  return (
    <article class="trade" data-trade={trade.id} data-status={trade.status}>
      <div class="row wrap">
        <span class={`badge trade-${trade.status}`}>{trade.status}</span>
        {trade.counterOf && <span class="tag">counter offer</span>}
        <span class="muted">{when(trade.createdAt)}</span>
        {trade.status === 'review' && <span class="muted">{review === 'commissioner' ? "awaiting the commissioner's decision" : `review ends ${when(trade.reviewEndsAt)}`}
          {review === 'league' ? ` · ${trade.vetoes} of ${book.settings.trades.vetoVotes} veto votes` : ''}</span>}
      </div>
      {side(trade.fromTeamId, trade.gives, trade.givesPicks ?? [], trade.fromDrops)}
      {side(trade.toTeamId, trade.gets, trade.getsPicks ?? [], trade.toDrops)}
      {trade.reason && <p class="muted" data-reason>Reason: {named(book, trade.reason)}</p>}
      {drops && book.myTeam && <DropChoices roster={book.myTeam.roster} drops={drops} set={setDrops} />}
      <div class="row wrap">
        {receiving && <>
          <button class="primary" disabled={action.busy} onClick={accept}>{drops ? 'Accept and drop' : 'Accept'}</button>
          <button disabled={action.busy} onClick={() => step('reject')}>Reject</button>
          <button disabled={action.busy} onClick={props.onCounter}>Counter</button>
        </>}
        {trade.status === 'proposed' && trade.fromTeamId === mine && <button class="danger" disabled={action.busy} onClick={() => step('cancel')}>Withdraw</button>}
        {trade.status === 'review' && props.commissioner && <>
          <button class="primary" disabled={action.busy} onClick={() => step('approve')}>Approve</button>
          <button class="danger" disabled={action.busy} onClick={() => step('veto')}>Veto</button>
        </>}
        {trade.status === 'review' && !props.commissioner && review === 'league' && thirdTeam && (
          <button class="danger" disabled={action.busy} onClick={() => step('veto')}>Vote to veto</button>
        )}
      </div>
      <Refusal error={action.error} />
    </article>
  );
}

/** An offer to another team, or a counter to one I received (its teams fixed, its terms prefilled the other way). */
function TradeForm(props: { leagueId: string; book: LeagueBook; picks: PickBook | undefined; mine: BookTeam; counter?: Trade; onDone: () => void; onCancel?: () => void }) {
  const { book, mine, counter } = props;
  const others = book.teams.filter((t) => t.id !== mine.id);
  const [otherId, setOtherId] = useState(counter?.fromTeamId ?? others[0]?.id ?? '');
  // Countering, my team gives what the offer asked of me and gets what it offered.
  const [gives, setGives] = useState<string[]>(counter?.gets ?? []);
  const [gets, setGets] = useState<string[]>(counter?.gives ?? []);
  const [givesPicks, setGivesPicks] = useState<DraftPick[]>(counter?.getsPicks ?? []);
  const [getsPicks, setGetsPicks] = useState<DraftPick[]>(counter?.givesPicks ?? []);
  // Whom my team drops when the trade executes: only the offer names them (an acceptance names the other side's).
  const [drops, setDrops] = useState<string[]>([]);
  const action = useRun(props.onDone);
  const other = book.teams.find((t) => t.id === otherId);
  const me = getSession()?.user.username;
  const submit = (event: Event) => {
    event.preventDefault();
    const terms = { gives, gets, givesPicks, getsPicks, ...(drops.length > 0 ? { drops } : {}) };
    void action.run(() => (counter
      ? api.post(`/leagues/${props.leagueId}/trades/${counter.id}/counter`, terms)
      : api.post(`/leagues/${props.leagueId}/trades`, { teamId: otherId, ...terms })));
  };
  const droppable = mine.roster.filter((r) => !gives.includes(r.playerId));
  const picker = (team: BookTeam | undefined, chosen: string[], set: (ids: string[]) => void, label: string, pickSide: PickSide) => (
    <fieldset class="group" aria-label={label}><legend>{label}</legend>
      {!team || team.roster.length === 0 ? <p class="muted">No players.</p> : team.roster.map((r) => (
        <label class="toggle" key={r.playerId}><input type="checkbox" checked={chosen.includes(r.playerId)}
          onChange={(e) => set(e.currentTarget.checked ? [...chosen, r.playerId] : chosen.filter((id) => id !== r.playerId))} /> {r.name} <span class="muted">{r.positions.join('/')}</span></label>
      ))}
      <PickChoices book={book} held={picksOf(props.picks, team?.id)} {...pickSide} />
    </fieldset>
  );
  return (
    <section class="card" aria-label={counter ? 'Counter offer' : 'Propose a trade'}>
      <h3>{counter ? `Counter ${teamName(book, counter.fromTeamId)}'s offer` : 'Propose a trade'}</h3>
      <form class="stack" onSubmit={submit}>
        {!counter && (
          <label>Trade with<select value={otherId} onChange={(e) => { setOtherId(e.currentTarget.value); setGets([]); setGetsPicks([]); }}>
            {others.map((t) => <option key={t.id} value={t.id}>{t.name}{t.ownerName ? ` (${t.ownerName})` : ''}</option>)}
          </select></label>
        )}
        <div class="grid2">
          {picker(mine, gives, setGives, `${mine.name}${me ? ` (${me})` : ''} gives`, { chosen: givesPicks, set: setGivesPicks })}
          {picker(other, gets, setGets, `${other?.name ?? 'The other team'} gives`, { chosen: getsPicks, set: setGetsPicks })}
        </div>
        {droppable.length > 0 && (
          <details class="drops" open={drops.length > 0}>
            <summary>Players {mine.name} drops when it goes through ({drops.length})</summary>
            <DropChoices roster={droppable} drops={drops.filter((id) => !gives.includes(id))} set={setDrops} />
          </details>
        )}
        <Refusal error={action.error} />
        <div class="row">
          <button type="submit" class="primary" disabled={action.busy}>{counter ? 'Send counter offer' : 'Offer trade'}</button>
          {props.onCancel && <button type="button" onClick={props.onCancel}>Cancel</button>}
        </div>
      </form>
    </section>
  );
}

/** Whom my team drops when the trade executes, when its roster limits need room (ROSTER_FULL, POSITION_LIMIT). */
function DropChoices(props: { roster: BookTeam['roster']; drops: string[]; set: (drops: string[]) => void }) {
  const { drops, set } = props;
  return (
    <fieldset class="group"><legend>Players to drop (the roster limits need room)</legend>
      {props.roster.map((r) => (
        <label class="toggle" key={r.playerId}><input type="checkbox" checked={drops.includes(r.playerId)}
          onChange={(e) => set(e.currentTarget.checked ? [...drops, r.playerId] : drops.filter((d) => d !== r.playerId))} /> {r.name}</label>
      ))}
    </fieldset>
  );
}

interface PickSide { chosen: DraftPick[]; set: (picks: DraftPick[]) => void }

/** A side's future draft picks as checkboxes ("2027 round 1 (Team 3's)"), from GET /picks. */
function PickChoices(props: PickSide & { book: LeagueBook; held: DraftPick[] }) {
  if (props.held.length === 0) return null;
  const chosen = new Set(props.chosen.map(pickKey));
  return (
    <details class="picks" open={props.chosen.length > 0}>
      <summary>Draft picks ({props.held.length})</summary>
      {[...new Set(props.held.map((p) => p.season))].map((season) => (
        // One wrapping line of picks per season: a football team holds 15 a season.
        <div class="row wrap" key={season} data-season={season}>
          {props.held.filter((p) => p.season === season).map((pick) => (
            <label class="toggle" key={pickKey(pick)}><input type="checkbox" checked={chosen.has(pickKey(pick))}
              onChange={(e) => props.set(e.currentTarget.checked ? [...props.chosen, pick] : props.chosen.filter((p) => pickKey(p) !== pickKey(pick)))} /> {pickLabel(pick, (id) => teamName(props.book, id))}</label>
          ))}
        </div>
      ))}
    </details>
  );
}
