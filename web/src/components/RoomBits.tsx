import { useEffect, useRef, useState } from 'preact/hooks';
import type { Room } from '@colyseus/sdk';
import { describeError } from '../lib/api.ts';
import { formatClock, learnServerTime, useRemaining } from '../lib/clock.ts';
import type { LiveRoom } from '../lib/rooms.ts';

/** The connection's state, for the header of every room page ("Connected", never "Live": that word is a game's or draft's status). */
export function ConnectionBadge(props: { live: Pick<LiveRoom<unknown>, "status" | "error"> }) {
  const { status, error } = props.live;
  const label = { connecting: 'Connecting…', live: 'Connected', reconnecting: 'Reconnecting…', gone: 'Disconnected' }[status];
  return <span class={`badge conn-${status}`} title={error ?? ''} data-testid="connection">{label}{error ? `: ${error}` : ''}</span>;
}

/** A countdown to a server deadline (red in the last 10 s); `floor` marks a bid clock's reset floor. */
export function Countdown(props: { deadline: number; remainingMs?: number; floorSeconds?: number; label?: string }) {
  const left = useRemaining(props.deadline, props.remainingMs ?? 0);
  const urgent = props.deadline > 0 && left < 10_000;
  return (
    <span class={`countdown ${urgent ? 'urgent' : ''}`} role="timer" aria-label={props.label ?? 'time left'}>
      {props.deadline || props.remainingMs ? formatClock(left) : '—'}
      {props.floorSeconds ? <small class="muted"> (bids reset to ≥ {props.floorSeconds}s)</small> : null}
    </span>
  );
}

/** Keeps the client's idea of the server clock current (serverTime arrives with every change and every 5 s). */
export function useServerTime(room: Room<any, any> | null): void {
  useEffect(() => {
    if (!room) return;
    learnServerTime((room.state as { serverTime?: number }).serverTime ?? 0);
    const timer = setInterval(() => learnServerTime((room.state as { serverTime?: number }).serverTime ?? 0), 1000);
    return () => clearInterval(timer);
  }, [room]);
}

/** The last refusal, shown until the next action (a rejected request's code, explained). */
export function useRefusal() {
  const [refusal, setRefusal] = useState('');
  const attempt = async (action: () => Promise<unknown>) => {
    setRefusal('');
    try {
      await action();
    } catch (error) {
      setRefusal(describeError(error));
    }
  };
  return { refusal, attempt, show: setRefusal };
}

export function Refusal(props: { text: string }) {
  return props.text ? <p role="alert" class="error refusal">{props.text}</p> : null;
}

interface ChatLine { from: string; teamId?: string; text: string; at: number }

/** The room's chat: `chat {text}` out, message `chat` in (spectators may chat too). */
export function Chat(props: { room: Room<any, any> | null; send: (text: string) => Promise<unknown> }) {
  const [lines, setLines] = useState<ChatLine[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (!props.room) return;
    return props.room.onMessage('chat', (line: ChatLine) => setLines((old) => [...old.slice(-99), line]));
  }, [props.room]);
  useEffect(() => { list.current?.scrollTo(0, list.current.scrollHeight); }, [lines]);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!text.trim()) return;
    try { await props.send(text); setText(''); setError(''); } catch (failure) { setError(describeError(failure)); }
  };
  return (
    <section class="card chat" aria-label="Chat">
      <h3>Chat</h3>
      <ul ref={list}>{lines.map((l, i) => <li key={i}><b>{l.from}</b> {l.text}</li>)}</ul>
      <form class="row" onSubmit={submit}>
        <input aria-label="Chat message" maxLength={280} value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder="Say something" />
        <button type="submit">Send</button>
      </form>
      {error && <p role="alert" class="error">{error}</p>}
    </section>
  );
}
