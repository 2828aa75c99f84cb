import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { api } from '../helpers/http.ts';
import { emOf, readSample } from '../helpers/scoring.ts';
import { clearCalendar } from '../helpers/f1.ts';
import { DEMO_USER, seed } from '../../src/db/seed.ts';
import { scoreStatEvents, storeStatEvents } from '../../src/scoring/ingest.ts';
import { SAMPLE_SEASON } from '../../src/f1/sample.ts';

describe('the F1 sample: a calendar, a league racing it, two races of results', function () {
  this.timeout(30_000);
  const server = useTestServer();
  beforeEach(async () => { await clearCalendar(server); });

  it('seeds the 24-race calendar with two races drafted and round 3\'s draft upcoming; the two sample results make a two-race leaderboard', async () => {
    const seededAt = Date.now();
    await seed(server.app.storage.orm, { withLeagues: true });
    const calendar = (await api(server.baseUrl).get(`/api/v1/f1/races?season=${SAMPLE_SEASON}`)).body.items;
    assert.equal(calendar.length, 24, 'public: read without a token');
    const demo = api(server.baseUrl, (await api(server.baseUrl).post('/api/v1/auth/login', DEMO_USER)).body.token);
    const f1 = ((await demo.get('/api/v1/leagues')).body.items as Array<{ id: string; name: string }>).find((l) => l.name === 'Sample F1 League')!;
    const races = (await demo.get(`/api/v1/leagues/${f1.id}/f1/races`)).body;
    assert.deepEqual(races.items.slice(0, 3).map((r: { draft: { status: string } | null }) => r.draft?.status ?? null), ['complete', 'complete', null]);
    const opens = new Date(races.items[2].draftOpensAt).getTime();
    assert.ok(opens > seededAt && opens < seededAt + 15 * 60_000, 'round 3\'s draft opens minutes after the first start');
    assert.ok(races.items.slice(0, 2).every((r: { locksAt: string }) => new Date(r.locksAt).getTime() < seededAt), 'rounds 1 and 2 are past');

    const lines = [...readSample('f1-aurora-2026.jsonl'), ...readSample('f1-solano-2026.jsonl')];
    assert.deepEqual([...new Set(lines.map((l) => l.period))], races.items.slice(0, 2).map((r: { period: string }) => r.period), 'the samples are rounds 1 and 2');
    const { storedIds } = await storeStatEvents(emOf(server), lines);
    assert.deepEqual(await scoreStatEvents(emOf(server), storedIds), { scores: 40 }, 'every drafted driver of both races scores once');
    const board = (await api(server.baseUrl).get(`/api/v1/leagues/${f1.id}/f1/leaderboard`)).body;
    assert.deepEqual(board.races.map((r: { scored: boolean }) => r.scored).filter(Boolean).length, 2);
    assert.equal(board.items.length, 10);
    for (const team of board.items) assert.equal(team.total, team.races['1'] + team.races['2']);
    assert.equal(board.items[0].rank, 1);
    assert.ok(board.items[0].total > board.items[9].total);
  });
});
