import type { StatEventInput } from '../scoring/ingest.ts';
import type { JobInfo } from '../jobs/types.ts';

/** The REST calls of `npm run ingest`: sign in, send a batch, follow its job. */

const POLL_MS = 200;

export class IngestClient {
  private readonly url: string;
  private token = '';
  /** From a sign-in by password: renews the short access token when a long feed outlives it. */
  private refreshToken: string | undefined;

  constructor(url: string) {
    this.url = url;
  }

  private async call(path: string, init: RequestInit = {}, retried = false): Promise<any> {
    const headers = { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) };
    const response = await fetch(new URL(path, this.url), { ...init, headers });
    // An access token that expired mid-feed: refresh once (the refresh token is single use) and retry.
    if (response.status === 401 && this.refreshToken && !retried) {
      const renewed = await this.call('/api/v1/auth/refresh', { method: 'POST', body: JSON.stringify({ refreshToken: this.refreshToken }) }, true);
      [this.token, this.refreshToken] = [renewed.accessToken, renewed.refreshToken];
      return this.call(path, init, true);
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${body?.error?.message ?? JSON.stringify(body)}`);
    return body;
  }

  async signIn(credentials: { token?: string; username: string; password: string }): Promise<void> {
    if (credentials.token) {
      this.token = credentials.token;
      return;
    }
    const body = await this.call('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username: credentials.username, password: credentials.password }) });
    this.token = body.token;
    this.refreshToken = body.refreshToken;
  }

  /** Enqueues a batch; the server answers 202 with the ingest job's id. */
  async send(events: StatEventInput[]): Promise<string> {
    return (await this.call('/api/v1/ingest', { method: 'POST', body: JSON.stringify({ events }) })).jobId;
  }

  /** Polls a job until it completed or failed for good (a retrying job is still on its way). */
  async settle(jobId: string, deadline: number): Promise<JobInfo> {
    for (;;) {
      const job: JobInfo = await this.call(`/api/v1/ingest/jobs/${encodeURIComponent(jobId)}`);
      if (job.state === 'completed' || job.state === 'failed') return job;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.state} at the deadline`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
