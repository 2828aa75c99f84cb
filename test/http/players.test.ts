import assert from 'node:assert/strict';
import { useTestServer } from '../helpers/server.ts';
import { api, signUp, type Reply } from '../helpers/http.ts';
import { seed } from '../../src/db/seed.ts';
import { Player } from '../../src/db/entities/index.ts';
import { generateSampleData } from '../../src/seed/index.ts';
import type { PlayerSeed } from '../../src/players/types.ts';

interface PlayerItem { id: string; externalId: string; sport: string; name: string; positions: string[]; rank: number }

const sample = generateSampleData().players;
const sampleOf = (filter: (p: PlayerSeed) => boolean) => sample.filter(filter);

function assertInvalid(reply: Reply, field: string): void {
  assert.equal(reply.status, 400, JSON.stringify(reply.body));
  assert.equal(reply.body.error.code, 'INVALID_INPUT');
  assert.match(reply.body.error.message, new RegExp(`\\b${field}\\b`));
  assert.ok(reply.body.error.details.fields.some((f: { path: string }) => f.path === field), JSON.stringify(reply.body.error.details));
}

function assertRankOrder(items: PlayerItem[]): void {
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1], items[i]];
    assert.ok(a.rank < b.rank || (a.rank === b.rank && a.id < b.id), `${a.name} (#${a.rank}) before ${b.name} (#${b.rank})`);
  }
}

describe('players REST', () => {
  const server = useTestServer({ truncate: 'once' });
  let client: ReturnType<typeof api>;

  /** Follows nextCursor from the first page to the last; returns every item in order and the page count. */
  async function walk(query: string, limit: number): Promise<{ items: PlayerItem[]; pages: number }> {
    const items: PlayerItem[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path: string = `/api/v1/players?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const reply = await client.get(path);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      assert.ok(reply.body.items.length <= limit);
      items.push(...reply.body.items);
      cursor = reply.body.nextCursor;
      pages++;
      assert.ok(pages < 100, 'pagination does not end');
    } while (cursor);
    return { items, pages };
  }

  before(async () => {
    await seed(server.app.storage.orm, { withLeagues: false });
    client = (await signUp(server.baseUrl, 'scout')).client;
  });

  it('filters by sport', async () => {
    const reply = await client.get('/api/v1/players?sport=f1&limit=200');
    assert.equal(reply.status, 200);
    assert.equal(reply.body.items.length, 20);
    assert.ok(reply.body.items.every((p: PlayerItem) => p.sport === 'f1'));
    assert.equal(reply.body.nextCursor, null);
    assert.deepEqual(reply.body.items.map((p: PlayerItem) => p.rank), Array.from({ length: 20 }, (_, i) => i + 1));
    assert.deepEqual(Object.keys(reply.body.items[0]).sort(),
      ['adp', 'attributes', 'externalId', 'id', 'name', 'positions', 'rank', 'sport', 'team']);
  });

  it('returns 50 players by default, best rank first', async () => {
    const reply = await client.get('/api/v1/players');
    assert.equal(reply.status, 200);
    assert.equal(reply.body.items.length, 50);
    assert.ok(reply.body.nextCursor);
    assertRankOrder(reply.body.items);
  });

  it("lists one club's players with team, case-insensitively, and refuses a malformed team", async () => {
    const club = sample.find((p) => p.sport === 'baseball')!.team;
    const expected = sampleOf((p) => p.sport === 'baseball' && p.team === club);
    const reply = await client.get(`/api/v1/players?sport=baseball&team=${club.toLowerCase()}&limit=200`);
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body.items.map((p: PlayerItem) => p.externalId).sort(), expected.map((p) => p.externalId).sort());
    assertRankOrder(reply.body.items);
    assertInvalid(await client.get('/api/v1/players?team=no%20such%20club'), 'team');
  });

  it('filters by position, case-insensitively', async () => {
    const expected = sampleOf((p) => p.sport === 'football' && p.positions.includes('QB')).length;
    assert.ok(expected > 0);
    const lower = await client.get('/api/v1/players?sport=football&position=qb&limit=200');
    const upper = await client.get('/api/v1/players?sport=football&position=QB&limit=200');
    assert.equal(lower.status, 200);
    assert.equal(lower.body.items.length, expected);
    assert.ok(lower.body.items.every((p: PlayerItem) => p.positions.includes('QB')));
    assertRankOrder(lower.body.items);
    assert.deepEqual(upper.body, lower.body);
    // Without a sport the filter spans the whole pool: 1B exists only in baseball.
    const firstBase = await client.get('/api/v1/players?position=1b&limit=200');
    assert.equal(firstBase.body.items.length, sampleOf((p) => p.positions.includes('1B')).length);
    assert.ok(firstBase.body.items.every((p: PlayerItem) => p.sport === 'baseball'));
  });

  it('searches names with q: partial and case-insensitive, ordered by rank', async () => {
    const target = sample.find((p) => p.sport === 'football')!;
    const fragment = target.name.split(' ').at(-1)!.slice(1, 5); // inside the surname, not a prefix
    const expected = sampleOf((p) => p.sport === 'football' && p.name.toLowerCase().includes(fragment.toLowerCase()));
    const reply = await client.get(`/api/v1/players?sport=football&q=${encodeURIComponent(fragment.toUpperCase())}&limit=200`);
    assert.equal(reply.status, 200);
    assert.equal(reply.body.items.length, expected.length);
    assert.ok(reply.body.items.some((p: PlayerItem) => p.externalId === target.externalId));
    assert.ok(reply.body.items.every((p: PlayerItem) => p.name.toLowerCase().includes(fragment.toLowerCase())));
    assertRankOrder(reply.body.items);
    const lower = await client.get(`/api/v1/players?sport=football&q=${encodeURIComponent(fragment.toLowerCase())}&limit=200`);
    assert.deepEqual(lower.body.items, reply.body.items);
  });

  it('treats LIKE wildcards in q as plain text', async () => {
    for (const q of ['%', '_', '\\']) {
      const reply = await client.get(`/api/v1/players?q=${encodeURIComponent(q)}`);
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body.items, [], `q=${q}`);
    }
  });

  it('combines sport, position and q', async () => {
    const wr = sample.find((p) => p.sport === 'football' && p.positions[0] === 'WR')!;
    const first = wr.name.split(' ')[0];
    const expected = sampleOf((p) => p.sport === 'football' && p.positions.includes('WR') && p.name.toLowerCase().includes(first.toLowerCase()));
    const reply = await client.get(`/api/v1/players?sport=football&position=wr&q=${encodeURIComponent(first)}&limit=200`);
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body.items.map((p: PlayerItem) => p.externalId).sort(), expected.map((p) => p.externalId).sort());
  });

  it('walks the whole football pool with cursors: no duplicates, no gaps, same as the full list', async () => {
    const expected = sampleOf((p) => p.sport === 'football').length;
    assert.ok(expected > 200, 'the pool is bigger than one page');
    const small = await walk('sport=football', 37);
    assert.equal(small.pages, Math.ceil(expected / 37));
    assert.equal(small.items.length, expected);
    assert.equal(new Set(small.items.map((p) => p.id)).size, expected, 'no player twice');
    assert.deepEqual(small.items.map((p) => p.rank), Array.from({ length: expected }, (_, i) => i + 1), 'no gaps in rank');
    // The same list as the biggest pages allowed and as the database in (rank, id) order.
    const big = await walk('sport=football', 200);
    assert.equal(big.pages, 2);
    assert.deepEqual(small.items, big.items);
    const stored = await server.app.storage.orm.em.fork().find(Player, { sport: 'football' }, { orderBy: { rank: 'asc', id: 'asc' } });
    assert.deepEqual(small.items.map((p) => p.id), stored.map((p) => p.id));
  });

  it('paginates a filtered list into exactly what one big page returns', async () => {
    const one = await client.get('/api/v1/players?sport=football&position=WR&limit=200');
    assert.equal(one.body.nextCursor, null);
    const paged = await walk('sport=football&position=WR', 7);
    assert.deepEqual(paged.items, one.body.items);
  });

  it('walks the mixed pool across sports, where ranks repeat, without duplicates', async () => {
    const pitchers = await walk('position=P', 11);
    assert.equal(pitchers.items.length, sampleOf((p) => p.positions.includes('P')).length);
    const mixed = await walk('q=a', 37); // every sport, ranks repeat across sports
    assert.equal(new Set(mixed.items.map((p) => p.id)).size, mixed.items.length);
    assert.equal(mixed.items.length, sampleOf((p) => p.name.toLowerCase().includes('a')).length);
    assertRankOrder(mixed.items);
  });

  it('answers a cursor it did not issue with 400 INVALID_INPUT naming cursor', async () => {
    const forged = Buffer.from(JSON.stringify([1, 'not-a-uuid'])).toString('base64url');
    for (const cursor of ['garbage', '!!!', forged, Buffer.from('{"rank":1}').toString('base64url'), 'x'.repeat(201)]) {
      assertInvalid(await client.get(`/api/v1/players?cursor=${encodeURIComponent(cursor)}`), 'cursor');
    }
  });

  it('answers a limit outside 1..200 or not a number with 400 naming limit', async () => {
    for (const limit of ['0', '500', 'abc', '-5', '2.5']) {
      assertInvalid(await client.get(`/api/v1/players?limit=${limit}`), 'limit');
    }
    assert.equal((await client.get('/api/v1/players?limit=200')).body.items.length, 200);
    assert.equal((await client.get('/api/v1/players?limit=1')).body.items.length, 1);
  });

  it('answers an unknown sport or a bad position with 400 naming the field', async () => {
    assertInvalid(await client.get('/api/v1/players?sport=hockey'), 'sport');
    assertInvalid(await client.get('/api/v1/players?position=not-a-position'), 'position');
  });

  it('is a public read: no token needed, but a wrong one is refused with 401', async () => {
    const list = await api(server.baseUrl).get('/api/v1/players?limit=1');
    assert.equal(list.status, 200);
    const [someone] = list.body.items;
    assert.equal((await api(server.baseUrl).get(`/api/v1/players/${someone.id}`)).status, 200);
    const forged = await api(server.baseUrl, 'not-a-token').get('/api/v1/players');
    assert.equal(forged.status, 401);
    assert.equal(forged.body.error.code, 'UNAUTHENTICATED');
  });

  it('returns one player by id and 404 for an unknown id', async () => {
    const [listed] = (await client.get('/api/v1/players?sport=baseball&limit=1')).body.items;
    const reply = await client.get(`/api/v1/players/${listed.id}`);
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, listed);
    assert.ok(reply.body.attributes.batting, 'baseball players carry their card ratings');
    const upper = await client.get(`/api/v1/players/${listed.id.toUpperCase()}`);
    assert.equal(upper.status, 200);
    assert.equal(upper.body.id, listed.id);
    for (const id of [crypto.randomUUID(), 'not-a-uuid']) {
      const missing = await client.get(`/api/v1/players/${id}`);
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'NOT_FOUND');
    }
  });

  it('seeds idempotently: a second run keeps the same players and ids', async () => {
    const em = () => server.app.storage.orm.em.fork();
    const before = await em().find(Player, {}, { orderBy: { externalId: 'asc' } });
    assert.equal(before.length, sample.length);
    const result = await seed(server.app.storage.orm, { withLeagues: false });
    assert.deepEqual(result, { players: sample.length, leagues: 0 });
    const after = await em().find(Player, {}, { orderBy: { externalId: 'asc' } });
    assert.equal(after.length, before.length);
    assert.deepEqual(after.map((p) => [p.externalId, p.id, p.rank]), before.map((p) => [p.externalId, p.id, p.rank]));
  });
});
