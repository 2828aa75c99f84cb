import { useMemo, useState } from 'preact/hooks';
import { AuctionRoomState } from '../../../schema/AuctionRoomState.ts';
import { auctionMessages } from '../../../rooms/auction/messages.ts';
import { useLiveRoom, request } from '../lib/rooms.ts';
import { useChild, useFields, useList } from '../lib/state.ts';
import type { DraftContext } from '../lib/draft-context.ts';
import { Chat, ConnectionBadge, Countdown, Refusal, useRefusal, useServerTime } from '../components/RoomBits.tsx';
import { PlayerTable } from '../components/PlayerTable.tsx';

type Team = { id: string; name: string; connected: boolean; budget: number; openSlots: number; maxBid: number; queue?: string[]; proxy?: number };
type Won = { lot: number; playerId: string; teamId: string; price: number };
type Lot = { number: number; playerId: string; nominator: string; highBid: number; highBidder: string; deadline: number };

/** The auction room: the lot and its clock, bids, my proxy, nominations, every team's money. */
export function AuctionPage(props: { context: DraftContext }) {
  const { summary, pool, ranked, myTeamId, commissioner } = props.context;
  const live = useLiveRoom('auction', { draftId: summary.id }, AuctionRoomState);
  const room = live.room;
  useServerTime(room);
  const f = useFields(room, ['status', 'phase', 'nominator', 'deadline', 'remainingMs', 'minBid', 'increment'] as const);
  const lot = useChild<Lot>(room, 'lot');
  const teams = useList<Team>(room, 'teams', ['queue']);
  const won = useList<Won>(room, 'won');
  const { refusal, attempt } = useRefusal();
  const [custom, setCustom] = useState('');
  const [proxy, setProxy] = useState('');
  const names = new Map(teams.map((t) => [t.id, t.name]));
  const mine = teams.find((t) => t.id === myTeamId);
  const taken = useMemo(() => new Set([...won.map((w) => w.playerId), ...(lot?.number ? [lot.playerId] : [])]), [won, lot]);
  const positions = useMemo(() => [...new Set(ranked.flatMap((p) => p.positions))], [ranked]);
  const send = <K extends keyof typeof auctionMessages & string>(type: K, payload: Parameters<typeof request<typeof auctionMessages, K>>[3]) =>
    attempt(() => request(room!, auctionMessages, type, payload));
  const bidding = f.status === 'live' && f.phase === 'bidding' && lot && lot.number > 0;
  const myNomination = f.status === 'live' && f.phase === 'nominating' && f.nominator === myTeamId;
  const bid = (amount: number) => lot && send('bid', { lot: lot.number, amount });
  const resetFloor = Number(summary.config.resetFloorSeconds ?? 0);
  const player = lot?.number ? pool.get(lot.playerId) : undefined;

  return (
    <div class="room auction">
      <header class="page-head">
        <h1>Auction</h1>
        <ConnectionBadge live={live} />
        <span class={`badge status-${f.status}`} data-testid="auction-status">{f.status}</span>
        {!myTeamId && !commissioner && <span class="badge">Spectating</span>}
        {commissioner && (
          <span class="row commish">
            {f.status === 'scheduled' && <button class="primary" onClick={() => send('start', {})}>Start auction</button>}
            {f.status === 'live' && <button onClick={() => send('pause', {})}>Pause</button>}
            {f.status === 'paused' && <button onClick={() => send('resume', {})}>Resume</button>}
            {f.status !== 'scheduled' && f.status !== 'complete' && <button class="danger" onClick={() => send('undo', {})}>Undo</button>}
          </span>
        )}
      </header>
      <section class={`card lot ${bidding && lot?.highBidder === myTeamId ? 'winning' : ''}`} aria-label="Current lot">
        {bidding && lot ? (
          <>
            <div class="lot-player">
              <small>Lot {lot.number} · nominated by {names.get(lot.nominator)}</small>
              <h2 data-testid="lot-player">{player?.name ?? lot.playerId}</h2>
              <span class="muted">{player?.positions.join('/')} · {player?.team} · rank {player?.rank}</span>
            </div>
            <div class="lot-bid">
              <span class="big" data-testid="high-bid">${lot.highBid}</span>
              <span>high bidder <b data-testid="high-bidder">{names.get(lot.highBidder) ?? '—'}</b></span>
              <Countdown deadline={lot.deadline} floorSeconds={resetFloor} label="bid clock" />
            </div>
            {mine && (
              <div class="bid-controls">
                <button class="primary" onClick={() => bid(lot.highBid + (f.increment || 1))}>Bid ${lot.highBid + (f.increment || 1)}</button>
                <button onClick={() => bid(lot.highBid + 5)}>+5 (${lot.highBid + 5})</button>
                <form class="row" onSubmit={(e) => { e.preventDefault(); bid(Number(custom)); }}>
                  <input type="number" aria-label="Custom bid" min={lot.highBid + 1} max={mine.maxBid} value={custom} onInput={(e) => setCustom(e.currentTarget.value)} placeholder={`≤ ${mine.maxBid}`} />
                  <button type="submit">Bid</button>
                </form>
                <form class="row" onSubmit={(e) => { e.preventDefault(); send('proxy', { lot: lot.number, max: Number(proxy) }); }}>
                  <input type="number" aria-label="Proxy maximum" value={proxy} onInput={(e) => setProxy(e.currentTarget.value)} placeholder="proxy max" />
                  <button type="submit">Set proxy</button>
                  {mine.proxy ? <span class="badge" data-testid="my-proxy">my proxy ${mine.proxy}</span> : null}
                </form>
                <small class="muted">You may bid up to ${mine.maxBid}</small>
              </div>
            )}
          </>
        ) : f.status === 'complete' ? <h2>Auction complete</h2> : (
          <div>
            <h2>{f.status === 'live' ? `${names.get(f.nominator) ?? '—'} nominates` : f.status === 'scheduled' ? 'Waiting for the commissioner to start' : f.status}</h2>
            {f.status === 'live' && <Countdown deadline={f.deadline} label="nomination clock" />}
            {myNomination && <p class="ok">Your nomination: pick a player below (opening bid ${f.minBid}).</p>}
          </div>
        )}
      </section>
      <Refusal text={refusal} />
      <div class="draft-lower">
        <PlayerTable players={ranked} taken={taken} positions={positions} actions={(p) => (
          <>
            {/* Only the team on the nomination clock may nominate: the button never invites a refusal. */}
            {myNomination && <button class="small primary" aria-label={`Nominate ${p.name}`} onClick={() => send('nominate', { playerId: p.id, bid: f.minBid || 1 })}>Nominate</button>}
            {myTeamId && !(mine?.queue ?? []).includes(p.id) && <button class="small" aria-label={`Queue ${p.name}`} onClick={() => send('queue', { playerIds: [...(mine?.queue ?? []), p.id] })}>+Q</button>}
          </>
        )} />
        <div class="stack">
          {mine && (mine.queue?.length ?? 0) > 0 && (
            <section class="card" aria-label="My queue">
              <h3>My nomination queue</h3>
              <ol class="queue">{mine.queue!.map((id) => (
                <li key={id} class={taken.has(id) ? 'gone' : ''}><span>{pool.get(id)?.name}</span>
                  <span class="row">
                    {myNomination && !taken.has(id) && <button class="small primary" onClick={() => send('nominate', { playerId: id, bid: f.minBid || 1 })}>Nominate</button>}
                    <button class="small danger" aria-label="Remove" onClick={() => send('queue', { playerIds: mine.queue!.filter((q) => q !== id) })}>×</button>
                  </span></li>
              ))}</ol>
            </section>
          )}
          <section class="card" aria-label="Budgets">
            <h3>Teams</h3>
            <table class="compact">
              <thead><tr><th>Team</th><th>$ left</th><th>Open</th><th>Max bid</th></tr></thead>
              <tbody>{teams.map((t) => (
                <tr key={t.id} class={t.id === myTeamId ? 'mine' : ''}><td><span class={`dot ${t.connected ? 'on' : ''}`} />{t.name}</td><td>${t.budget}</td><td>{t.openSlots}</td><td>${t.maxBid}</td></tr>
              ))}</tbody>
            </table>
          </section>
          <section class="card" aria-label="Won players">
            <h3>Won</h3>
            {won.length === 0 && <p class="muted">Nobody sold yet.</p>}
            <ul class="list">{[...won].reverse().map((w) => (
              <li key={w.lot}><b>{pool.get(w.playerId)?.name ?? w.playerId}</b> → {names.get(w.teamId)} <span class="badge">${w.price}</span></li>
            ))}</ul>
          </section>
          <Chat room={room} send={(text) => request(room!, auctionMessages, 'chat', { text })} />
        </div>
      </div>
    </div>
  );
}
