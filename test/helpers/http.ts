/** A small JSON client for the REST API under test. */
export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export function api(baseUrl: string, token?: string) {
  const call = async (method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Reply> => {
    const headers: Record<string, string> = { ...extraHeaders };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, {
      method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON: keep the text */ }
    return { status: response.status, body: parsed, headers: response.headers };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, body ?? {}, headers),
    raw: call,
    as: (newToken: string) => api(baseUrl, newToken),
  };
}

let counter = 0;

/** Registers a fresh user and returns its token, id and an API client acting as it. */
export async function signUp(baseUrl: string, name = 'user') {
  const username = `${name}${Date.now() % 100000}${counter++}`.toLowerCase().slice(0, 32);
  const reply = await api(baseUrl).post('/api/v1/auth/register', { username, password: 'correct horse battery' });
  if (reply.status !== 201) throw new Error(`sign-up failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return { token: reply.body.token as string, userId: reply.body.user.id as string, username, client: api(baseUrl, reply.body.token) };
}
