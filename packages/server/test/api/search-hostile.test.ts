import { describe, expect, test } from 'vitest';
import { expectError } from '../support/contract.js';
import { freshUser, search, sessionWith } from '../support/search-api.js';
import { useTestServer } from '../support/test-server.js';

const t = useTestServer({ SEARCHES_PER_USER_PER_MINUTE: '40' });

const get = (query: string, as: string | null = 'alice') =>
  t.request(`/chat/search?${query}`, { as });

describe('GET /chat/search refuses what it cannot read (400, never a 500)', () => {
  test.each([
    ['no q', ''],
    ['an empty q', 'q='],
    ['a q of spaces', 'q=%20%20'],
    ['q over 200 characters', `q=${'a'.repeat(201)}`],
    ['10,000 characters', `q=${'x'.repeat(10_000)}`],
    ['a NUL', 'q=a%00b'],
    ['a control character', 'q=a%01b'],
    ['q twice', 'q=a&q=b'],
    ['limit 0', 'q=a&limit=0'],
    ['limit 51', 'q=a&limit=51'],
    ['limit not a number', 'q=a&limit=ten'],
    ['an undecodable cursor', 'q=a&cursor=bm9wZQ'],
    [
      'a cursor past bigint',
      `q=a&cursor=${Buffer.from('q:0.5:99999999999999999999').toString('base64url')}`,
    ],
    ['a status that is none', 'q=a&status=deleted'],
    ['a mode over 64 characters', `q=a&mode=${'m'.repeat(65)}`],
    ['a date that is none', 'q=a&from=yesterday'],
    ['from after to', 'q=a&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z'],
  ])('%s', async (_, query) => {
    const body = await expectError(await get(query), 400, 'invalid_request');
    expect(body.error.message).toBeTruthy();
  });

  test('without a token: 401', async () => {
    await expectError(await get('q=a', null), 401, 'unauthorized');
  });
});

describe('hostile queries get a plain result', () => {
  test.each([
    ['tsquery operators', 'a & b | !c <-> d:* (e)'],
    ['quotes and an unclosed quote', `"it's" "open`],
    ['backslashes', '\\\\ \\x00 \\'],
    ['LIKE wildcards', '%_% 100%'],
    ['regular-expression characters', '.*[a-z]+$ ^(x|y)'],
    ['SQL', "'; DROP TABLE ai_chat_messages; --"],
    ['only punctuation', '!!! ??? ***'],
    ['only an exclusion', '-spam'],
    ['200 characters of one word', 'w'.repeat(200)],
    ['100 one-letter words', 'a '.repeat(100)],
    ['spaceless text with wildcards', '东京%_\\'],
  ])('%s', async (_, q) => {
    const as = freshUser();
    await sessionWith(t, as, ['a plain message about 100 things', '东京 tower']);
    const page = await search(t, as, { q });
    expect(Array.isArray(page.data)).toBe(true);
    expect(page.data.length).toBeLessThanOrEqual(1);
    const tables = await t.server.db('ai_chat_messages').count({ n: '*' });
    expect(Number(tables[0]!.n)).toBeGreaterThan(0);
  });

  test('a % or _ in the query is no wildcard: it only ends the word before it', async () => {
    const as = freshUser();
    const { session: exact } = await sessionWith(t, as, ['a 100% organic sponsor']);
    await sessionWith(t, as, ['1000 subscribers', 'a_b testing']);
    const found = await search(t, as, { q: '100%' });
    expect(found.data.map((h: { session: { id: string } }) => h.session.id)).toEqual([exact.id]);
    expect((await search(t, as, { q: '_' })).data).toEqual([]);
    expect((await search(t, as, { q: '%' })).data).toEqual([]);
  });

  test("another user's conversations are never found, whatever the query", async () => {
    const owner = freshUser();
    await sessionWith(t, owner, ['secret launch plans'], { title: 'Secret launch' });
    const intruder = freshUser();
    for (const q of ['secret', 'launch', 'secret launch', '"secret launch"']) {
      expect((await search(t, intruder, { q })).data).toEqual([]);
    }
  });
});

describe('the search rate limit', () => {
  test('over SEARCHES_PER_USER_PER_MINUTE: 429 with Retry-After, for that user only', async () => {
    const as = freshUser();
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++) statuses.push((await get('q=anything', as)).status);
    expect(statuses.slice(0, 40).every((status) => status === 200)).toBe(true);
    const refused = await get('q=anything', as);
    await expectError(refused, 429, 'rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await get('q=anything', freshUser())).status).toBe(200);
  });
});
