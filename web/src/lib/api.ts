import { getSession, setSession } from './session.ts';
import { explain } from './codes.ts';

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

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  const session = getSession();
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const parsed = text ? safeJson(text) : null;
  if (response.ok) return parsed as T;
  // An expired token: sign out, so the app shows the sign-in page instead of failing everywhere.
  if (response.status === 401 && session && !path.startsWith('/auth/')) setSession(null);
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

/** What to show a user for any failure: the code's meaning, then the server's own words. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return `${explain(error.code)} (${error.message})`;
  const reason = (error as { reason?: { code?: string; message?: string } })?.reason;
  if (reason?.code) return `${explain(reason.code)}${reason.message ? ` (${reason.message})` : ''}`;
  return (error as Error)?.message ?? String(error);
}
