import { getSession, setSession, type SessionReply } from './session.ts';
import { explain, refusalWords } from './codes.ts';

/** A refused REST call: the server's `{error: {code, message, details?}}` with its status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** A room join refreshes first when the access token has less than this left (a join needs a valid one). */
const JOIN_MARGIN_MS = 60_000;
let refreshing: Promise<boolean> | null = null;

/**
 * Trades the refresh token for a new pair; true when it worked. One at a time for the whole page:
 * the server treats a second use of the same refresh token as theft and ends the session.
 * A refused refresh signs out; a network failure keeps the session for the next try.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = getSession()?.refreshToken;
    if (!refreshToken) return false;
    const response = await fetch('/api/v1/auth/refresh', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }),
    }).catch(() => null);
    if (!response) return false;
    if (!response.ok) {
      if (response.status < 500) setSession(null);
      return false;
    }
    setSession((await response.json()) as SessionReply);
    return true;
  })().finally(() => { refreshing = null; });
  return refreshing;
}

/** The access token for a room join, refreshed first when it is about to expire. */
export async function freshToken(): Promise<string> {
  const expiresAt = getSession()?.expiresAt;
  if (expiresAt !== undefined && expiresAt - Date.now() < JOIN_MARGIN_MS) await refreshSession();
  return getSession()?.token ?? '';
}

/** Ends the session on the server (its tokens stop working at once), then here. */
export async function signOut(): Promise<void> {
  const refreshToken = getSession()?.refreshToken;
  if (refreshToken) {
    await fetch('/api/v1/auth/logout', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }),
    }).catch(() => undefined);
  }
  setSession(null);
}

async function call<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  const headers: Record<string, string> = {};
  const session = getSession();
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const parsed = text ? safeJson(text) : null;
  if (response.ok) return parsed as T;
  if (response.status === 401 && session && !path.startsWith('/auth/')) {
    // An expired access token: refresh once and retry; if that fails, sign out, so the app shows
    // the sign-in page instead of failing everywhere.
    if (!retried && (await refreshSession())) return call<T>(method, path, body, true);
    if (getSession()?.token === session.token) setSession(null);
  }
  const error = (parsed as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  const code = error?.code ?? `HTTP_${response.status}`;
  throw new ApiError(response.status, code, error?.message ?? explain(code), error?.details);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const api = {
  get: <T = any>(path: string) => call<T>('GET', path),
  post: <T = any>(path: string, body: unknown = {}) => call<T>('POST', path, body),
  put: <T = any>(path: string, body: unknown) => call<T>('PUT', path, body),
  patch: <T = any>(path: string, body: unknown) => call<T>('PATCH', path, body),
  delete: <T = any>(path: string) => call<T>('DELETE', path),
};

/** Every page of a cursor-paged list (the player pool: a few hundred rows). */
export async function allPages<T>(path: string, maxPages = 10): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const reply: { items: T[]; nextCursor: string | null } = await api.get(`${path}${cursor ? `${separator}cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...reply.items);
    cursor = reply.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** What to show a user for any failure: the code's meaning, then the server's own words (each said once). */
export function describeError(error: unknown): string {
  const inBrackets = (meaning: string, message: string) => `${meaning} (${message})`;
  if (error instanceof ApiError) return refusalWords(error.code, error.message, inBrackets);
  const reason = (error as { reason?: { code?: string; message?: string } })?.reason;
  if (reason?.code) return refusalWords(reason.code, reason.message, inBrackets);
  return (error as Error)?.message ?? String(error);
}
