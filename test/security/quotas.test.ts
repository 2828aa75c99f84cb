import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { signUp, type Reply } from '../helpers/http.ts';
import { baseballLeague } from '../helpers/baseball.ts';
import type { Signed } from '../helpers/league-rooms.ts';

/** Per-user creation quotas (src/leagues/quotas.ts), lowered so a test reaches them. */
describe('creation quotas', () => {
  function assertQuotaExceeded(reply: Reply, retryAfter: boolean): void {
    assert.equal(reply.status, 429, JSON.stringify(reply.body));
    assert.equal(reply.body.error.code, 'QUOTA_EXCEEDED');
    if (retryAfter) {
      const seconds = Number(reply.headers.get('retry-after'));
      assert.ok(seconds >= 1 && seconds <= 3600, `Retry-After ${seconds}`);
      assert.equal(reply.body.error.details.retryAfterSeconds, seconds);
    } else {
      assert.equal(reply.headers.get('retry-after'), null, 'no wait frees an open quota');
    }
  }

  describe('counted quotas', () => {
    const server = useTestServer({ env: { MAX_LEAGUES_PER_USER: '2', MAX_OPEN_DRAFTS_PER_USER: '2', MAX_OPEN_GAMES_PER_USER: '2' } });

    it('refuses a user\'s league beyond MAX_LEAGUES_PER_USER, not another user\'s', async () => {
      const user = await signUp(server.baseUrl, 'many');
      for (let i = 0; i < 2; i++) assert.equal((await user.client.post('/api/v1/leagues', { name: `L${i}`, sport: 'f1' })).status, 201);
      assertQuotaExceeded(await user.client.post('/api/v1/leagues', { name: 'L2', sport: 'f1' }), false);
      assert.equal((await user.client.get('/api/v1/leagues')).body.items.length, 2, 'nothing was created');
      const other = await signUp(server.baseUrl, 'other');
      assert.equal((await other.client.post('/api/v1/leagues', { name: 'Mine', sport: 'f1' })).status, 201);
    });

    it('refuses drafts beyond MAX_OPEN_DRAFTS_PER_USER while they are open', async () => {
      const { commish, leagueId } = await baseballLeague(server);
      const drafts = `/api/v1/leagues/${leagueId}/drafts`;
      assert.equal((await commish.client.post(drafts, { type: 'snake', rounds: 1 })).status, 201);
      assert.equal((await commish.client.post(drafts, { type: 'auction' })).status, 201);
      assertQuotaExceeded(await commish.client.post(drafts, { type: 'snake', rounds: 1 }), false);
      assert.equal((await commish.client.get(drafts)).body.items.length, 2);
    });

    it('refuses games beyond MAX_OPEN_GAMES_PER_USER while they are not final', async () => {
      const { commish, leagueId, teamIds } = await baseballLeague(server);
      const games = `/api/v1/leagues/${leagueId}/games`;
      // Scheduled a day ahead: they stay open (and roomless) for the whole test.
      const body = { homeTeamId: teamIds[0], awayTeamId: teamIds[1], scheduledAt: new Date(Date.now() + 86_400_000).toISOString() };
      const created = [];
      for (let i = 0; i < 2; i++) created.push(await commish.client.post(games, body));
      assert.deepEqual(created.map((reply) => reply.status), [201, 201]);
      assertQuotaExceeded(await commish.client.post(games, body), false);
      assert.equal((await commish.client.get(games)).body.items.length, 2);
      // A cancelled game is never played: it frees its place as a final one does.
      const cancelled = await commish.client.post(`/api/v1/games/${created[0].body.id}/cancel`, {});
      assert.equal(cancelled.body.status, 'cancelled', JSON.stringify(cancelled.body));
      assert.equal((await commish.client.post(games, body)).status, 201);
    });
  });

  describe('the hourly creation rate', () => {
    const server = useTestServer({ env: { MAX_CREATES_PER_HOUR: '3' }, truncate: 'once' });
    let user: Signed;
    before(async () => { user = await signUp(server.baseUrl, 'fast'); });

    it('refuses the creation past MAX_CREATES_PER_HOUR with Retry-After; refused attempts do not count', async () => {
      // A refused creation (403 here) costs nothing, so it does not use up the hour.
      const stranger = await signUp(server.baseUrl, 'stranger');
      const league = await user.client.post('/api/v1/leagues', { name: 'L0', sport: 'baseball', visibility: 'public' });
      assert.equal(league.status, 201);
      for (let i = 0; i < 5; i++) {
        assert.equal((await stranger.client.post(`/api/v1/leagues/${league.body.id}/drafts`, { type: 'snake' })).status, 403);
      }
      for (let i = 1; i < 3; i++) assert.equal((await user.client.post('/api/v1/leagues', { name: `L${i}`, sport: 'f1' })).status, 201);
      assertQuotaExceeded(await user.client.post('/api/v1/leagues', { name: 'L3', sport: 'f1' }), true);
      assertQuotaExceeded(await user.client.post(`/api/v1/leagues/${league.body.id}/drafts`, { type: 'snake' }), true);
      assert.equal((await user.client.get('/api/v1/leagues')).body.items.length, 3);
      assert.equal((await stranger.client.post('/api/v1/leagues', { name: 'S', sport: 'f1' })).status, 201, 'per user');
    });
  });
});
