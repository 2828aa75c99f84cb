import { useEffect, useState } from 'preact/hooks';
import { signOut } from './lib/api.ts';
import { getSession, onSessionChange } from './lib/session.ts';
import { match, onLinkClick, usePath } from './lib/router.ts';
import { SignIn } from './pages/SignIn.tsx';
import { Leagues } from './pages/Leagues.tsx';
import { LeaguePage } from './pages/League.tsx';
import { DraftPage } from './pages/Draft.tsx';
import { GamePage } from './pages/Game.tsx';
import { JoinPage } from './pages/Join.tsx';
import { F1Calendar } from './pages/F1Calendar.tsx';
import { AccountPage } from './pages/Account.tsx';

export function App() {
  const path = usePath();
  const [session, setLocal] = useState(getSession());
  useEffect(() => onSessionChange(() => setLocal(getSession())), []);
  // The race calendar is public: it shows signed out too.
  if (match('/f1', path)) return <Shell user={session?.user.username}><F1Calendar /></Shell>;
  if (!session) return <Shell><SignIn /></Shell>;
  return <Shell user={session.user.username}>{route(path)}</Shell>;
}

function route(path: string) {
  let params: Record<string, string> | null;
  if (match('/account', path)) return <AccountPage />;
  if ((params = match('/leagues/:id/join', path))) return <JoinPage leagueId={params.id} />;
  if ((params = match('/leagues/:id', path))) return <LeaguePage key={params.id} leagueId={params.id} />;
  if ((params = match('/drafts/:id', path))) return <DraftPage key={params.id} draftId={params.id} />;
  if ((params = match('/games/:id', path))) return <GamePage key={params.id} gameId={params.id} />;
  return <Leagues />;
}

function Shell(props: { user?: string; children: preact.ComponentChildren }) {
  return (
    <>
      <header class="top">
        <a href="/" onClick={onLinkClick} class="brand"><span class="ball" aria-hidden="true" /> Clubhouse</a>
        <nav>
          <a href="/f1" onClick={onLinkClick}>F1 calendar</a>
          {props.user ? (
            <>
              <a href="/" onClick={onLinkClick}>My leagues</a>
              <a href="/account" onClick={onLinkClick} class="muted" aria-label="Account">{props.user}</a>
              <button class="link" onClick={() => void signOut()}>Sign out</button>
            </>
          ) : <a href="/" onClick={onLinkClick}>Sign in</a>}
        </nav>
      </header>
      <main>{props.children}</main>
    </>
  );
}
