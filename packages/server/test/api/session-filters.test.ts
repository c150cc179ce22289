import { describe, expect, test } from 'vitest';
import { createSession, expectError } from '../support/contract.js';
import { readJson } from '../support/http.js';
import { freshUser } from '../support/search-api.js';
import { useTestServer } from '../support/test-server.js';

const t = useTestServer();

const list = async (as: string, query: string) => {
  const response = await t.request(`/chat/sessions?${query}`, { as });
  const body = await readJson(response);
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body;
};
const titles = (page: { data: { title: string }[] }) => page.data.map((s) => s.title);

describe('GET /chat/sessions with status and mode', () => {
  test('each filter narrows the list, and both together', async () => {
    const as = freshUser();
    for (const [title, mode] of [
      ['g1', 'general'],
      ['i1', 'ideas'],
      ['i2', 'ideas'],
      ['w1', 'writing'],
    ] as const) {
      await createSession(t, as, { title, mode });
    }
    const i1 = (await list(as, 'mode=ideas')).data.find((s: { title: string }) => s.title === 'i1');
    await t.request(`/chat/sessions/${i1.id}`, {
      method: 'PATCH',
      as,
      json: { status: 'archived' },
    });
    expect(titles(await list(as, ''))).toEqual(['i1', 'w1', 'i2', 'g1']);
    expect(titles(await list(as, 'status=active'))).toEqual(['w1', 'i2', 'g1']);
    expect(titles(await list(as, 'status=archived'))).toEqual(['i1']);
    expect(titles(await list(as, 'mode=ideas'))).toEqual(['i1', 'i2']);
    expect(titles(await list(as, 'mode=ideas&status=active'))).toEqual(['i2']);
    expect(titles(await list(as, 'mode=nosuchmode'))).toEqual([]);
  });

  test('a filtered list pages with its cursor', async () => {
    const as = freshUser();
    for (let i = 0; i < 5; i++) await createSession(t, as, { title: `a${i}`, mode: 'ideas' });
    await createSession(t, as, { title: 'other', mode: 'general' });
    const first = await list(as, 'mode=ideas&limit=3');
    expect(titles(first)).toEqual(['a4', 'a3', 'a2']);
    const second = await list(as, `mode=ideas&limit=3&cursor=${first.next_cursor}`);
    expect(titles(second)).toEqual(['a1', 'a0']);
    expect(second.next_cursor).toBeNull();
  });

  test.each([
    ['an unknown status', 'status=deleted'],
    ['status twice', 'status=active&status=archived'],
    ['a mode over 64 characters', `mode=${'x'.repeat(65)}`],
    ['mode twice', 'mode=a&mode=b'],
  ])('%s: 400', async (_, query) => {
    await expectError(await t.request(`/chat/sessions?${query}`), 400, 'invalid_request');
  });
});
