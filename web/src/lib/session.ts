/**
 * The signed-in user, kept across reloads: the short-lived access token (REST and the rooms'
 * `client.auth.token`), the refresh token that renews it (lib/api.ts), and when it expires.
 */
export interface Session {
  /** The access token. */
  token: string;
  /** Single use: lib/api.ts trades it for a new pair (PROTOCOL.md "Sessions"). Absent in sessions stored before refresh tokens. */
  refreshToken?: string;
  /** When the access token expires (epoch ms, this browser's clock). */
  expiresAt?: number;
  user: { id: string; username: string };
}

/** What login, register and refresh answer: the session with the token's lifetime in seconds. */
export type SessionReply = Session & { expiresIn?: number };

const KEY = 'clubhouse.session';
const listeners = new Set<() => void>();

export function getSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

/** Stores a session (a server reply or a stored one) or signs out locally (null). */
export function setSession(reply: SessionReply | null): void {
  if (reply) {
    const session: Session = {
      token: reply.token, refreshToken: reply.refreshToken, user: reply.user,
      expiresAt: reply.expiresIn ? Date.now() + reply.expiresIn * 1000 : reply.expiresAt,
    };
    localStorage.setItem(KEY, JSON.stringify(session));
  } else {
    localStorage.removeItem(KEY);
  }
  listeners.forEach((listener) => listener());
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
