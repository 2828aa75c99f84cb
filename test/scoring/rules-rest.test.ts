import assert from 'node:assert/strict';
import { makePublic, useTestServer } from '../helpers/server.ts';
import { signUp } from '../helpers/http.ts';
import { emOf, footballLine, scoringLeague } from '../helpers/scoring.ts';
import { scoreStatEvents, storeStatEvents } from '../../src/scoring/ingest.ts';
import { presetRules } from '../../src/scoring/presets.ts';

describe('scoring rules, scores and fantasy standings over REST', () => {
  const server = useTestServer();

  const fieldsOf = (body: { error: { details: { fields: Array<{ path: string }> } } }) =>
    body.error.details.fields.map((f) => f.path).sort();

  it('starts a football league on PPR version 1 and an F1 league on the F1 rules', async () => {
    const football = await scoringLeague(server, 'football');
    const list = await football.commish.client.get(football.rules);
    assert.equal(list.status, 200);
    assert.deepEqual([list.body.sport, list.body.activeVersion, list.body.active.preset, list.body.active.createdBy], ['football', 1, 'ppr', null]);
    assert.deepEqual(list.body.active.rules, presetRules('ppr'));
    assert.deepEqual(list.body.versions.map((v: { version: number; active: boolean }) => [v.version, v.active]), [[1, true]]);
    const f1 = await scoringLeague(server, 'f1');
    const v1 = await f1.commish.client.get(`${f1.rules}/1`);
    assert.deepEqual([v1.status, v1.body.preset, v1.body.rules.tables.finish], [200, 'f1', [25, 18, 15, 12, 10, 8, 6, 4, 2, 1]]);
  });

  it('lets only the commissioner change the rules', async () => {
    const { commish, leagueId, rules } = await scoringLeague(server);
    await makePublic(server.app, leagueId); // an outsider may read a public league's rules; a private one is a 404 to him
    const outsider = await signUp(server.baseUrl, 'outsider');
    const manager = await signUp(server.baseUrl, 'manager');
    await commish.client.post(`/api/v1/leagues/${leagueId}/teams`, { name: 'Managed', ownerId: manager.userId });
    for (const user of [outsider, manager]) {
      const reply = await user.client.post(rules, { preset: 'standard' });
      assert.deepEqual([reply.status, reply.body.error.code], [403, 'FORBIDDEN']);
    }
    assert.equal((await outsider.client.get(rules)).body.versions.length, 1, 'nothing changed; anyone signed in may read a public league');
    const created = await commish.client.post(rules, { preset: 'standard' });
    assert.deepEqual([created.status, created.body.version, created.body.preset, created.body.active, created.body.createdBy], [201, 2, 'standard', true, commish.userId]);
    assert.equal((await commish.client.get(rules)).body.activeVersion, 2);
  });

  it('answers a 400 naming the fields of invalid rules', async () => {
    const { commish, rules } = await scoringLeague(server);
    const bad = await commish.client.post(rules, {
      rules: { perUnit: { passYards: 'lots', lapsLed: 1 }, tables: { finish: [] } },
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(fieldsOf(bad.body), ['rules.perUnit.passYards', 'rules.tables.finish']);
    const unknown = await commish.client.post(rules, { rules: { perUnit: { lapsLed: 1 }, bonuses: [{ label: 'big day', when: {}, points: 1 }] } });
    assert.deepEqual(fieldsOf(unknown.body), ['rules.bonuses.0.when', 'rules.perUnit.lapsLed']);
    const stat = await commish.client.post(rules, { rules: { perUnit: { lapsLed: 1 }, positionPerUnit: { DRV: { receptions: 1 } } } });
    assert.deepEqual(fieldsOf(stat.body), ['rules.perUnit.lapsLed', 'rules.positionPerUnit.DRV']);
    assert.deepEqual(fieldsOf((await commish.client.post(rules, { preset: 'f1' })).body), ['preset']);
    assert.deepEqual(fieldsOf((await commish.client.post(rules, {})).body), ['rules']);
    assert.deepEqual(fieldsOf((await commish.client.post(rules, { preset: 'ppr', rules: {} })).body), ['rules']);
    assert.deepEqual(fieldsOf((await commish.client.post(rules, { preset: 'half', activate: 'yes' })).body), ['activate', 'preset']);
    assert.equal((await commish.client.get(rules)).body.versions.length, 1);
  });

  it('answers 404 for an unknown league or version and 400 NOT_SUPPORTED for baseball', async () => {
    const { commish, rules } = await scoringLeague(server);
    assert.equal((await commish.client.get(`${rules}/7`)).status, 404);
    assert.equal((await commish.client.get(`${rules}/one`)).status, 404);
    assert.equal((await commish.client.get(`/api/v1/leagues/${crypto.randomUUID()}/scoring-rules`)).status, 404);
    const baseball = await scoringLeague(server, 'baseball');
    for (const path of [baseball.rules, `/api/v1/leagues/${baseball.leagueId}/fantasy-standings`, `/api/v1/leagues/${baseball.leagueId}/scores`]) {
      const reply = await baseball.commish.client.get(path);
      assert.deepEqual([reply.status, reply.body.error.code], [400, 'NOT_SUPPORTED'], path);
    }
  });

  it('keeps the active version when a new one is created with activate: false, and can score under it aside', async () => {
    const { commish, leagueId, teamIds: [team], roster, rules } = await scoringLeague(server);
    await roster(team, ['football:wr-03']);
    const { storedIds } = await storeStatEvents(emOf(server), [footballLine('football:wr-03', { receptions: 10, recYards: 100 })]);
    await scoreStatEvents(emOf(server), storedIds);
    const draft = await commish.client.post(rules, { preset: 'standard', activate: false });
    assert.deepEqual([draft.status, draft.body.version, draft.body.active, draft.body.rescored], [201, 2, false, { scores: 1 }]);
    assert.equal((await commish.client.get(rules)).body.activeVersion, 1);
    const standings = (await commish.client.get(`/api/v1/leagues/${leagueId}/fantasy-standings`)).body;
    assert.deepEqual([standings.rulesVersion, standings.items[0].total], [1, 20]);
    const aside = (await commish.client.get(`/api/v1/leagues/${leagueId}/scores?version=2`)).body;
    assert.deepEqual([aside.rulesVersion, aside.items.map((s: { points: number }) => s.points)], [2, [10]]);
  });

  it('lists scores with player, points, breakdown and version, filtered by period and team', async () => {
    const { commish, leagueId, teamIds: [a, b], roster } = await scoringLeague(server);
    await roster(a, ['football:qb-04']);
    await roster(b, ['football:rb-04']);
    const { storedIds } = await storeStatEvents(emOf(server), [
      footballLine('football:qb-04', { passYards: 275, passTd: 2 }),
      footballLine('football:rb-04', { rushYards: 64 }),
      footballLine('football:rb-04', { rushYards: 110, rushTd: 1 }, { period: '2026-W02', occurredAt: '2026-09-20T17:00:00Z' }),
    ]);
    await scoreStatEvents(emOf(server), storedIds);
    const scores = `/api/v1/leagues/${leagueId}/scores`;
    const all = (await commish.client.get(scores)).body;
    assert.deepEqual(all.items.map((s: { period: string; points: number }) => [s.period, s.points]), [['2026-W01', 19], ['2026-W01', 6.4], ['2026-W02', 17]]);
    const qb = all.items[0];
    assert.deepEqual([qb.teamId, qb.position, qb.rulesVersion, qb.eventKey, typeof qb.playerName], [a, 'QB', 1, 'test:2026-W01:football:qb-04', 'string']);
    assert.deepEqual(qb.breakdown, [{ label: 'passYards', value: 275, points: 11 }, { label: 'passTd', value: 2, points: 8 }]);
    const filtered = (await commish.client.get(`${scores}?period=2026-W01&teamId=${b}`)).body.items;
    assert.deepEqual(filtered.map((s: { points: number }) => s.points), [6.4]);
    const page = (await commish.client.get(`${scores}?limit=2`)).body;
    assert.deepEqual([page.items.length, page.nextCursor], [2, '2']);
    assert.deepEqual((await commish.client.get(`${scores}?limit=2&cursor=2`)).body.items.map((s: { points: number }) => s.points), [17]);
    assert.deepEqual(fieldsOf((await commish.client.get(`${scores}?teamId=x&limit=0`)).body), ['limit', 'teamId']);
    const standings = (await commish.client.get(`/api/v1/leagues/${leagueId}/fantasy-standings`)).body;
    assert.deepEqual(standings.items.map((t: { teamId: string; total: number }) => [t.teamId, t.total]), [[b, 23.4], [a, 19]]);
  });
});
